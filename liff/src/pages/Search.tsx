/** @jsxImportSource preact */
/**
 * 蔵書検索: the guide's first step. The query lives in the route, so Back returns to results.
 * スキャン finds a book by its ISBN barcode (issue 19 item 6). A page past the end (an old link,
 * a typed number) is said as such, with the last page and the first.
 */
import { useState } from 'preact/hooks'
import type { SearchResponse } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { go, href, type Route } from '../router.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { ScanButton } from '../ui/ScanButton.tsx'
import { TitleLine } from '../ui/TitleLine.tsx'

/**
 * The page a link asks for: a whole number ≥ 1, else page 1. 1.5 was sent on and came back
 * as 「このページには検索結果がありません」 with no count, while abc, 0 and -3 opened page 1:
 * now every unreadable page opens page 1 and the server is never asked for it.
 */
function pageOf(asked: string | null): number {
  const n = Number(asked)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

function searchPath(q: string, page: number): string {
  return `search?q=${encodeURIComponent(q)}&page=${page}`
}

/** Counted in 冊: what is bound (a CD or a DVD is 1点). */
const BOUND = new Set(['book', 'magazine', 'manga'])

/** A number typed or scanned (an ISBN): "try Japanese words" would be the wrong advice. */
const NUMBER = /^[\s\d-]*\d[\s\dXx-]*$/

export function SearchPage({ route }: { route: Route }) {
  const q = route.query.get('q') ?? ''
  const page = pageOf(route.query.get('page'))
  const [text, setText] = useState(q)
  // A blank search is not sent: the patron is asked for words instead.
  const [blank, setBlank] = useState(false)
  const res = useApi<SearchResponse>(
    q ? `/api/search?q=${encodeURIComponent(q)}&page=${page}` : null,
  )
  const d = res.data
  const pages = d ? Math.ceil(d.total / d.pageSize) : 0
  // The server answers a page past the end with no results, and refuses one it will not read.
  const pastEnd =
    !res.loading && (d ? d.total > 0 && !d.results.length : res.error?.body.field === 'page')
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
      <ScanButton help={!q} />
      {res.error && !pastEnd && <ErrorNote error={res.error} retry={res.reload} />}
      {res.loading && <Loading />}
      {d && !res.loading && (
        <p role="status">
          {d.totalCapped
            ? t.search.foundAtLeast(d.total)
            : d.total
              ? t.search.found(d.total)
              : NUMBER.test(q)
                ? t.search.noneNumber
                : t.search.none}
        </p>
      )}
      {d?.results.some((r) => r.copies === null) && <p class="note">{t.search.down}</p>}
      {d && (
        <ul class="items">
          {d.results.map((r) => (
            <li key={r.id} class="item">
              <TitleLine title={r} />
              {/* Type, year and publisher tell apart titles of the same name. */}
              <p class="meta">
                {[t.search.material[r.materialType], r.year && t.search.year(r.year), r.publisher]
                  .filter(Boolean)
                  .join(t.sep)}
              </p>
              {r.materialType === 'audiobook' && <p class="note">{t.search.audiobookNote}</p>}
              <p class="meta">
                {r.copies === null || r.onShelf === null
                  ? t.search.countsUnknown
                  : t.search.counts(r.copies, r.onShelf, BOUND.has(r.materialType))}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pastEnd && <PastEnd q={q} pages={pages} />}
      {d && pages > 1 && !pastEnd && (
        <nav class="pager" aria-label={t.search.title}>
          {page > 1 && <a href={href(searchPath(q, page - 1))}>{t.search.prev}</a>}
          {page < pages && <a href={href(searchPath(q, page + 1))}>{t.search.more}</a>}
        </nav>
      )}
    </Page>
  )
}

/** No results on this page: where they end (when known), the last page and the first. */
function PastEnd({ q, pages }: { q: string; pages: number }) {
  return (
    <div class="error" role="alert">
      <p>{t.search.pastEnd(pages)}</p>
      <div class="actions">
        {pages > 1 && (
          <a class="button secondary" href={href(searchPath(q, pages))}>
            {t.search.toLastPage(pages)}
          </a>
        )}
        <a class="button secondary" href={href(searchPath(q, 1))}>
          {t.search.toFirstPage}
        </a>
      </div>
    </div>
  )
}
