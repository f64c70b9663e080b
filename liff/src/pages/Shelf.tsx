/** @jsxImportSource preact */
/**
 * My本棚: the reading history the patron chose to keep (opt-in, private; delete one or all,
 * with a confirmation) and the want-to-read list.
 */
import { useState } from 'preact/hooks'
import type { HistoryOptInResponse, OkResponse, ShelfResponse } from '../../api-types.ts'
import { api } from '../api.ts'
import { date } from '../format.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { Confirm, Done, ErrorNote, Loading, Page } from '../ui/common.tsx'
import { TitleLine } from '../ui/TitleLine.tsx'

export function ShelfPage() {
  const res = useApi<ShelfResponse>('/api/shelf')
  const action = useAction()
  const [asking, setAsking] = useState<number | 'all' | null>(null)
  const [done, setDone] = useState(false)
  const d = res.data
  const optIn = (enabled: boolean) =>
    action.run(async () => {
      const r = await api<HistoryOptInResponse>('PUT', '/api/shelf/history-opt-in', { enabled })
      if (d) res.set({ ...d, historyOptIn: r.historyOptIn })
    })
  const remove = (which: number | 'all') =>
    action.run(async () => {
      const path = which === 'all' ? '/api/shelf/history' : `/api/shelf/history/${which}`
      await api<OkResponse>('DELETE', path)
      if (d)
        res.set({ ...d, history: which === 'all' ? [] : d.history.filter((h) => h.id !== which) })
      setAsking(null)
      setDone(true)
    })
  const unwant = (id: number) =>
    action.run(async () => {
      await api<OkResponse>('DELETE', `/api/shelf/want/${id}`)
      if (d) res.set({ ...d, want: d.want.filter((w) => w.title.id !== id) })
    })
  return (
    <Page title={t.shelf.title}>
      {res.error && <ErrorNote error={res.error} retry={res.reload} />}
      {res.loading && !d && <Loading />}
      {action.error && <ErrorNote error={action.error} />}
      {done && <Done>{t.shelf.deleted}</Done>}
      {d && (
        <>
          <h2>{t.shelf.history}</h2>
          <label class="switch">
            <input
              type="checkbox"
              checked={d.historyOptIn}
              disabled={action.busy}
              onChange={(e) => optIn(e.currentTarget.checked)}
              aria-describedby="opt-in-help"
            />
            <span>{t.shelf.optIn}</span>
          </label>
          <p id="opt-in-help" class="note">
            {t.shelf.optInHelp}
          </p>
          {d.history.length === 0 ? (
            <p>{t.shelf.historyEmpty}</p>
          ) : asking === 'all' ? (
            <Confirm
              question={t.shelf.deleteAllQuote}
              yes={t.shelf.deleteAll}
              busy={action.busy}
              onYes={() => remove('all')}
              onNo={() => setAsking(null)}
            />
          ) : (
            <button type="button" class="secondary" onClick={() => setAsking('all')}>
              {t.shelf.deleteAll}
            </button>
          )}
          <ul class="items">
            {d.history.map((h) => (
              <li key={h.id} class="item">
                <TitleLine title={h.title} />
                <p class="meta">{t.shelf.borrowed(date(h.loanDate))}</p>
                {asking === h.id ? (
                  <Confirm
                    question={t.shelf.deleteQuote(h.title.name)}
                    yes={t.shelf.delete}
                    busy={action.busy}
                    onYes={() => remove(h.id)}
                    onNo={() => setAsking(null)}
                  />
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`${t.shelf.delete}: ${h.title.name}`}
                    onClick={() => setAsking(h.id)}
                  >
                    {t.shelf.delete}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <h2>{t.shelf.want}</h2>
          {d.want.length === 0 && <p>{t.shelf.wantEmpty}</p>}
          <ul class="items">
            {d.want.map((w) => (
              <li key={w.title.id} class="item">
                <TitleLine title={w.title} />
                <button
                  type="button"
                  class="secondary"
                  aria-label={`${t.title.wantRemove}: ${w.title.name}`}
                  onClick={() => unwant(w.title.id)}
                >
                  {t.title.wantRemove}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  )
}
