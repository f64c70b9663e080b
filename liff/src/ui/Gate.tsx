/** @jsxImportSource preact */
/**
 * What to do when the API will not serve this LINE user: link the account (403 not_linked,
 * LINE-MENU's アカウント連携), reopen (401), or the access rule's own words (ACC-*).
 */
import type { ApiFailure } from '../api.ts'
import { t } from '../i18n/index.ts'
import type { Session } from '../session.ts'
import { Page, Tel } from './common.tsx'

export function Gate({
  gate,
  session,
}: {
  gate: ApiFailure | 'unlinked'
  session: Session | null
}) {
  const close = session?.inClient && (
    <button type="button" onClick={() => session.close()}>
      {t.close}
    </button>
  )
  if (gate === 'unlinked')
    return (
      <Page title={t.settings.unlink}>
        <p role="status">{t.settings.unlinked}</p>
        {close}
      </Page>
    )
  if (gate.status === 401)
    return (
      <Page title={t.expiredTitle}>
        <p role="alert">{t.expired}</p>
        {close}
      </Page>
    )
  if (gate.body.code === 'not_linked')
    return (
      <Page title={t.notLinkedTitle}>
        <p>{t.notLinked}</p>
        {close}
      </Page>
    )
  return (
    <Page title={t.accessTitle}>
      <p role="alert">{gate.body.message}</p>
      {gate.body.contact && <Tel contact={gate.body.contact} />}
      {close}
    </Page>
  )
}
