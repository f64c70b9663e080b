/** @jsxImportSource preact */
/** お気に入り一覧: titles the patron marked, each a way back to its detail (and the cart). */
import type { FavouritesResponse, OkResponse } from '../../api-types.ts'
import { api } from '../api.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { TitleLine } from '../ui/TitleLine.tsx'

export function FavouritesPage() {
  const res = useApi<FavouritesResponse>('/api/favourites')
  const action = useAction()
  const d = res.data
  const remove = (id: number) =>
    action.run(async () => {
      await api<OkResponse>('DELETE', `/api/favourites/${id}`)
      if (d) res.set({ items: d.items.filter((i) => i.title.id !== id) })
    })
  return (
    <Page title={t.favourites.title}>
      {res.error && <ErrorNote error={res.error} retry={res.reload} />}
      {res.loading && !d && <Loading />}
      {action.error && <ErrorNote error={action.error} />}
      {d && d.items.length === 0 && <p>{t.favourites.empty}</p>}
      <ul class="items">
        {d?.items.map((i) => (
          <li key={i.title.id} class="item">
            <TitleLine title={i.title} />
            <button
              type="button"
              class="secondary"
              aria-label={`${t.title.favRemove}: ${i.title.name}`}
              onClick={() => remove(i.title.id)}
            >
              {t.title.favRemove}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  )
}
