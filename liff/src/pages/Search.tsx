/** @jsxImportSource preact */
/**
 * 蔵書検索: the guide's first step. The query lives in the route, so Back returns to results.
 * スキャン finds a book by its ISBN barcode (issue 19 item 6).
 */
import { useState } from 'preact/hooks'
import type { SearchResponse } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { go, href, type Route } from '../router.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { ScanButton } from '../ui/ScanButton.tsx'
import { TitleLine } from '../ui/TitleLine.tsx'

function searchPath(q: string, page: number): string {
  return `search?q=${encodeURIComponent(q)}&page=${page}`
}

export function SearchPage({ route }: { route: Route }) {
  const q = route.query.get('q') ?? ''
  const page = Math.max(1, Number(route.query.get('page')) || 1)
  const [text, setText] = useState(q)
  // A blank search is not sent: the patron is asked for words instead.
  const [blank, setBlank] = useState(false)
  const res = useApi<SearchResponse>(
    q ? `/api/search?q=${encodeURIComponent(q)}&page=${page}` : null,
  )
  const d = res.data
  const pages = d ? Math.ceil(d.total / d.pageSize) : 0
  return (
    <Page title={t.search.title}>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) go(searchPath(text.trim(), 1))
          else setBlank(true)
        }}
      >
        <label for="q">{t.search.label}</label>
        <input
          id="q"
          type="search"
          value={text}
          maxLength={100}
          enterKeyHint="search"
          aria-describedby={blank ? 'q-blank' : undefined}
          onInput={(e) => {
            setText(e.currentTarget.value)
            setBlank(false)
          }}
        />
        {blank && (
          <p id="q-blank" class="error-text" role="alert">
            {t.search.blank}
          </p>
        )}
        <button type="submit">{t.search.submit}</button>
      </form>
      <ScanButton />
      {res.error && <ErrorNote error={res.error} retry={res.reload} />}
      {res.loading && <Loading />}
      {d && !res.loading && (
        <p role="status">
          {d.totalCapped
            ? t.search.foundAtLeast(d.total)
            : d.total
              ? t.search.found(d.total)
              : t.search.none}
        </p>
      )}
      {d && (
        <ul class="items">
          {d.results.map((r) => (
            <li key={r.id} class="item">
              <TitleLine title={r} />
              {/* Type, year and publisher tell apart titles of the same name. */}
              <p class="meta">
                {[t.search.material[r.materialType], r.year && t.search.year(r.year), r.publisher]
                  .filter(Boolean)
                  .join(' ・ ')}
              </p>
              {r.materialType === 'audiobook' && <p class="note">{t.search.audiobookNote}</p>}
              <p class="meta">{t.search.counts(r.copies, r.onShelf)}</p>
            </li>
          ))}
        </ul>
      )}
      {d && pages > 1 && (
        <nav class="pager" aria-label={t.search.title}>
          {page > 1 && <a href={href(searchPath(q, page - 1))}>{t.search.prev}</a>}
          {page < pages && <a href={href(searchPath(q, page + 1))}>{t.search.more}</a>}
        </nav>
      )}
    </Page>
  )
}
