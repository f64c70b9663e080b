/**
 * Catalogue search: `GET /search?q=&page=` (db's search: a page of 20 and a count capped at
 * 1,000). Search runs on bunko's copy of the catalogue in both modes; what is on the shelf
 * comes from the library system (one request for a page of hits). While that system cannot be
 * reached the page still answers from the copy, its counts unknown (null): a patron can still
 * look for books and keep them in the cart or favourites (bot/api/index.ts). The 詳細 page is
 * title.ts.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import { isUnavailable, type TitleAvailability, unavailable } from '../../../core/index.ts'
import { countTitles, searchTitles } from '../../../db/catalogue.ts'
import type { SearchResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { OwnEnv } from '../env.ts'
import { reached } from '../library.ts'
import { query } from '../validate.ts'
import { summarize } from '../views/titles.ts'

export const PAGE_SIZE = 20
/** The count stops at 1,000 titles (issue 21), so no search has hits past page 50. */
const MAX_PAGE = 50

/**
 * A page is 1–999. One past the end (an old link, a typed number) is not a fault: it answers
 * no results and the total, so the app can offer the last page. Past MAX_PAGE the titles are
 * not even searched, so a crawler's deep offsets cost no more than a count.
 */
const SearchQuery = v.strictObject({
  q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  page: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/), v.transform(Number)), '1'),
})

const ok = <T>(value: T) => ({ ok: true as const, value })

export function catalogueRoutes({ db, library }: AppDeps) {
  const app = new Hono<OwnEnv>()

  app.get('/search', async (c) => {
    const lang = c.get('lang')
    const { q, page } = query(c, SearchQuery, lang)
    const offset = (page - 1) * PAGE_SIZE
    // HOLD-AUDIOBOOK: 録音図書 last for a patron who may not reserve them (or not known to).
    const audiobooksLast = c.get('patron')?.category !== 'print_disabled'
    // The count stops at 1,000 (issue 21): the deepest page is the 1,000th title anyway.
    const [hits, found] = await Promise.all([
      page > MAX_PAGE ? [] : searchTitles(db, { q, limit: PAGE_SIZE, offset, audiobooksLast }),
      countTitles(db, { q }),
    ])
    const shown = hits.slice(0, PAGE_SIZE)
    // Found down when the patron was read: not asked again, which would only wait once more.
    const asked =
      c.get('patron') === null
        ? Promise.resolve(unavailable())
        : shown.length
          ? library.availability(shown.map((h) => h.id))
          : Promise.resolve(ok([]))
    const [summaries, counts] = await Promise.all([summarize(db, shown), asked])
    const down = isUnavailable(counts)
    const availabilityOf = new Map(
      (down ? [] : reached(counts, lang)).map((a) => [a.titleId, a.availability]),
    )
    const sum = (id: number, n: (a: TitleAvailability['availability'][number]) => number) =>
      down ? null : (availabilityOf.get(id) ?? []).reduce((total, a) => total + n(a), 0)
    const body: SearchResponse = {
      q,
      page,
      pageSize: PAGE_SIZE,
      total: found.count,
      results: shown.map((h) => ({
        ...summaries.get(h.id)!,
        publisher: h.publisher,
        year: h.year,
        copies: sum(h.id, (a) => a.copies),
        onShelf: sum(h.id, (a) => a.onShelf),
      })),
      totalCapped: found.capped,
    }
    return c.json(body)
  })

  return app
}
