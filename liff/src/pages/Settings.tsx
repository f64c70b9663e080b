/** @jsxImportSource preact */
/** 設定: password change (current password required), LINE notices (NoticeSettings.tsx), and unlinking. */
import { useContext, useEffect, useState } from 'preact/hooks'
import type { Me, NotificationPrefs, OkResponse, UnlinkResponse } from '../../api-types.ts'
import { api, systemDown } from '../api.ts'
import { useCapabilities } from '../capabilities.ts'
import { PatronScope, sectionId, usePatron } from '../family.ts'
import { useHolderWords } from '../holder-words.ts'
import { type Resource, useAction, useApi } from '../hooks.ts'
import { ft } from '../i18n/family.ts'
import { t } from '../i18n/index.ts'
import { currentRoute } from '../router.ts'
import { forgetAll } from '../store.ts'
import { Confirm, Done, ErrorNote, Page } from '../ui/common.tsx'
import { Elsewhere } from '../ui/Elsewhere.tsx'
import { NoticeSettings } from './NoticeSettings.tsx'

export function SettingsPage({ onUnlinked }: { onUnlinked: () => void }) {
  // 確認 and 完了 link here for the LINE notices (a patron walk: the page's top is the
  // password, screens away at large text): the page starts at that section's heading.
  const toNotices = currentRoute().query.get('to') === 'notices'
  // Said once, by the page (or, with several cards left, the first card's section).
  const unlinked = useContext(PatronScope)?.other ? null : unlinkedName
  useEffect(() => {
    const forget = () => {
      unlinkedName = null
    }
    addEventListener('hashchange', forget)
    return () => removeEventListener('hashchange', forget)
  }, [])
  const me = useApi<Me>('/api/me')
  // The card refused (ACC-*) or the system down: said once for the page, not under each of
  // its sections (a walk found the same box twice); unlinking is still offered (LINE-LINK).
  const closed = me.error && (me.error.status === 403 || systemDown(me.error)) ? me.error : null
  return (
    <Page title={t.settings.title} {...(toNotices ? { focusId: sectionId('notices', null) } : {})}>
      {unlinked && <Done>{ft().unlinkedOne(unlinked)}</Done>}
      {closed ? (
        <ErrorNote error={closed} retry={me.reload} />
      ) : (
        <>
          <Password me={me} />
          <NoticeSettings />
        </>
      )}
      <Unlink onUnlinked={onUnlinked} />
    </Page>
  )
}

function Password({ me }: { me: Resource<Me> }) {
  const action = useAction()
  const patron = usePatron()
  const [f, setF] = useState({ current: '', next: '', again: '' })
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const words = useHolderWords()
  const rule = me.data?.passwordRule ?? { minLength: 8, maxLength: 64 }
  const caps = useCapabilities()
  const submit = async (e: Event) => {
    e.preventDefault()
    // What the last attempt said no longer holds: only this attempt's answer is shown.
    setDone(false)
    setProblem(null)
    action.clear()
    if (f.next.length < rule.minLength || f.next.length > rule.maxLength)
      return setProblem(t.settings.short(rule.minLength, rule.maxLength))
    if (f.next !== f.again) return setProblem(t.settings.mismatch)
    const ok = await action.run(() =>
      api<OkResponse>('POST', '/api/password', { current: f.current, next: f.next }, patron),
    )
    if (ok) {
      setF({ current: '', next: '', again: '' })
      setDone(true)
    }
  }
  const field = (key: keyof typeof f, label: string, auto: string, hint?: string) => (
    <div class="field">
      <label for={sectionId(`pw-${key}`, patron)}>{label}</label>
      {/* The hint sits with the field it is about: under the new password's label. */}
      {hint && (
        <p id={sectionId(`pw-${key}-hint`, patron)} class="note">
          {hint}
        </p>
      )}
      <input
        id={sectionId(`pw-${key}`, patron)}
        type="password"
        autoComplete={auto}
        value={f[key]}
        aria-describedby={hint ? sectionId(`pw-${key}-hint`, patron) : undefined}
        onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })}
        required
      />
    </div>
  )
  // Unknown (the system cannot be reached): why, not a form whose answer would only say so.
  if (me.error)
    return (
      <section aria-labelledby={sectionId('pw', patron)}>
        <h2 id={sectionId('pw', patron)}>{t.settings.password}</h2>
        <ErrorNote error={me.error} retry={me.reload} />
      </section>
    )
  // Front mode: the library's system keeps the password, as this open already knows once any
  // page has read /api/me (the form is drawn while that is not known, so nothing below it
  // moves when the answer comes: a link to the notices section lands there).
  const known = me.data?.capabilities ?? caps
  if (known && !known.passwords)
    return (
      <section aria-labelledby={sectionId('pw', patron)}>
        <h2 id={sectionId('pw', patron)}>{t.settings.password}</h2>
        <Elsewhere what="passwords" caps={known} />
      </section>
    )
  return (
    <section aria-labelledby={sectionId('pw', patron)}>
      <h2 id={sectionId('pw', patron)}>{t.settings.password}</h2>
      <form onSubmit={submit}>
        {field('current', t.settings.current, 'current-password')}
        {field(
          'next',
          t.settings.next,
          'new-password',
          me.data?.passwordRule.text ?? t.settings.rule(rule.minLength, rule.maxLength),
        )}
        {field('again', t.settings.again, 'new-password')}
        {problem && (
          <p class="error-text" role="alert">
            {problem}
          </p>
        )}
        {action.error && <ErrorNote error={action.error} />}
        {done && <Done>{words.passwordChanged}</Done>}
        <button type="submit" disabled={action.busy}>
          {t.settings.change}
        </button>
      </form>
    </section>
  )
}

function Unlink({ onUnlinked }: { onUnlinked: () => void }) {
  // ACC-FAMILY: in one person's section, only that card is unlinked.
  const patron = usePatron()
  const holder = useContext(PatronScope)?.name ?? null
  const action = useAction()
  const [asking, setAsking] = useState(false)
  const words = useHolderWords()
  // Whether LINE is the only way this card hears a hold is ready: asked when the patron asks.
  const prefs = useApi<NotificationPrefs>(asking ? '/api/notifications' : null)
  const caps = useCapabilities()
  const unlink = async () => {
    const ok = await action.run(() => api<UnlinkResponse>('POST', '/api/unlink', undefined, patron))
    setAsking(false)
    // The kept card may be the one just unlinked (the account's first): forget it either way.
    if (ok && ok.remaining > 0) {
      forgetAll()
      keepUnlinked(holder)
      location.reload()
    } else if (ok) {
      forgetAll()
      onUnlinked()
    }
  }
  return (
    <section aria-labelledby={sectionId('unlink', patron)}>
      <h2 id={sectionId('unlink', patron)}>{t.settings.unlink}</h2>
      <p>{words.unlinkHelp}</p>
      {action.error && <ErrorNote error={action.error} />}
      {asking ? (
        <Confirm
          question={words.unlinkQuote(
            prefs.data?.hold_ready_locked === true,
            caps?.emailNotices === true,
          )}
          yes={t.settings.unlinkButton}
          // Not before we know whether to warn: a quick tap must not skip the warning.
          busy={action.busy || prefs.loading}
          onYes={unlink}
          onNo={() => setAsking(false)}
        />
      ) : (
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          {t.settings.unlinkButton}
        </button>
      )}
    </section>
  )
}

/**
 * ACC-FAMILY: the name on the card just unlinked from a section, said after the page reloads
 * without it (a walk: the section only vanished), until the patron leaves 設定. Kept for this
 * tab, and for a minute only: a reload that ends elsewhere must not say it later.
 */
const UNLINKED = 'bunko.unlinked.v1'

function keepUnlinked(name: string | null): void {
  try {
    if (name) sessionStorage.setItem(UNLINKED, JSON.stringify({ name, at: Date.now() }))
  } catch {}
}

function takeUnlinked(): string | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(UNLINKED) ?? 'null') as {
      name?: unknown
      at?: unknown
    } | null
    sessionStorage.removeItem(UNLINKED)
    const fresh = typeof kept?.at === 'number' && Date.now() - kept.at < 60_000
    return fresh && typeof kept?.name === 'string' ? kept.name : null
  } catch {
    return null
  }
}

/** Read when this page's chunk loads: the reload after unlinking a card from its section. */
let unlinkedName = takeUnlinked()
