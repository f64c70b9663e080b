/** @jsxImportSource preact */
/**
 * A scanned or typed ISBN (issue 19 item 6): the title page when bunko's catalogue has it
 * (the route is replaced, so Back returns to search); otherwise 「この本は図書館にありません」
 * with a purchase suggestion (購入リクエスト) form, the ISBN filled in. A code that is not a
 * book's EAN-13 gets core's sentence and a way to scan again; no code at all (`#/isbn`, a link
 * cut short) is said as such, with the scan and 蔵書検索, and nothing is asked of the server.
 */
import { useEffect, useState } from 'preact/hooks'
import type {
  IsbnLookupResponse,
  PurchaseRequestBody,
  PurchaseRequestResponse,
} from '../../api-types.ts'
import { api } from '../api.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'
import { Done, ErrorNote, Page } from '../ui/common.tsx'
import { ScanButton } from '../ui/ScanButton.tsx'

export function IsbnPage({ code }: { code: string }) {
  return code ? <Lookup code={code} /> : <NoCode />
}

function NoCode() {
  return (
    <Page title={t.scan.title}>
      <p class="error" role="alert">
        {t.scan.noCode}
      </p>
      <ScanButton />
      <p>
        <a class="button secondary" href={href('search')}>
          {t.title.toSearch}
        </a>
      </p>
    </Page>
  )
}

function Lookup({ code }: { code: string }) {
  const res = useApi<IsbnLookupResponse>(`/api/isbn/${encodeURIComponent(code)}`)
  const d = res.data
  useEffect(() => {
    if (d?.titleId) location.replace(href(`title/${d.titleId}`))
  }, [d])
  return (
    <Page title={d && !d.titleId ? t.scan.notHeld : t.scan.title}>
      {res.error && <ErrorNote error={res.error} />}
      {(res.loading || d?.titleId) && (
        <p class="note" role="status">
          {t.scan.looking}
        </p>
      )}
      {d && !d.titleId && <Suggest isbn={d.isbn} />}
      {(res.error || (d && !d.titleId)) && <ScanButton />}
    </Page>
  )
}

function Suggest({ isbn }: { isbn: string }) {
  const action = useAction()
  const [form, setForm] = useState({ title: '', author: '', note: '' })
  const [done, setDone] = useState<string | null>(null)
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onInput: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
  })
  const send = async () => {
    const body: PurchaseRequestBody = { isbn, ...form }
    const r = await action.run(() =>
      api<PurchaseRequestResponse>('POST', '/api/purchase-requests', body),
    )
    if (r) setDone(r.duplicate ? t.scan.duplicate : t.scan.sent)
  }
  return (
    <>
      <p>{t.scan.notHeldHelp}</p>
      <p class="meta">
        {t.scan.isbn}
        {t.colon}
        {isbn}
      </p>
      {done ? (
        <Done>{done}</Done>
      ) : (
        <form
          class="request"
          aria-labelledby="request-h"
          onSubmit={(e) => {
            e.preventDefault()
            send()
          }}
        >
          <h2 id="request-h">{t.scan.requestTitle}</h2>
          <label for="req-title">{t.scan.bookTitle}</label>
          <input id="req-title" required maxLength={200} {...field('title')} />
          <label for="req-author">{t.scan.author}</label>
          <input id="req-author" maxLength={100} {...field('author')} />
          <label for="req-note">{t.scan.note}</label>
          <textarea id="req-note" maxLength={500} rows={3} {...field('note')} />
          {action.error && <ErrorNote error={action.error} />}
          <button type="submit" disabled={action.busy}>
            {t.scan.send}
          </button>
        </form>
      )}
    </>
  )
}
