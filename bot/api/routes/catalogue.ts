/**
 * Catalogue: `GET /search?q=&page=` (db's search: a page of 20 and a count capped at 1,000)
 * and `GET /titles/:id` (the 詳細 page: availability per library, the hold queue, and whether
 * this patron may put the title in the cart, decided by core exactly as placing it would be).
 * Search runs on bunko's copy of the catalogue in both modes; what is on the shelf and who
 * waits come from the library system (one request for a page of hits). While that system
 * cannot be reached both still answer from the copy, without what only it knows (the copies,
 * the queue, whether this patron may reserve): a patron can still look for books, keep them
 * in the cart or favourites, and reserve once it is back (bot/api/index.ts).
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  isUnavailable,
  jstDate,
  type LibrarySystem,
  type Place,
  type Policy,
  placeHolds,
  type Title,
  type TitleAvailability,
  type TitleSummary,
} from '../../../core/index.ts'
import { countTitles, getCatalogueTitle, searchTitles } from '../../../db/catalogue.ts'
import { titleMarks } from '../../../db/shelf.ts'
import type { Lang, SearchResponse, TitleDetail } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiVars, OwnEnv } from '../env.ts'
import { reached } from '../library.ts'
import { problem } from '../problem.ts'
import { pathId, query } from '../validate.ts'
import { availability } from '../views/availability.ts'
import { summarize } from '../views/titles.ts'
import { WORDS } from '../words.ts'

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

/**
 * Whether the title may go in the cart is core's cart decision for this title alone. The
 * pickup place is chosen later in the flow, so any place stands in for it here.
 */
const ANY_PICKUP: Place = { id: 1, name: '', kind: 'library', phone: '' }

const ok = <T>(value: T) => ({ ok: true as const, value })

export function catalogueRoutes({ db, library, clock, config }: AppDeps) {
  const { policy } = config
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
    const [summaries, counts] = await Promise.all([
      summarize(db, shown),
      shown.length ? library.availability(shown.map((h) => h.id)) : ok([]),
    ])
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

  app.get('/titles/:id', async (c) => {
    const lang = c.get('lang')
    const id = pathId(c, lang)
    const row = c.get('patron')
    // Down (when the patron was read, or now): the catalogue copy, without the system's part.
    const answer = row && (await library.title(id))
    const known = answer && !isUnavailable(answer) ? reached(answer, lang) : undefined
    const hit = known === undefined ? await getCatalogueTitle(db, id) : known
    if (!hit) throw problem(404, 'not_found', WORDS.titleNotFound[lang])
    const [summaries, copies, refusal, marks] = await Promise.all([
      summarize(db, [hit]),
      known ? availability(library, known, lang) : null,
      known && row ? cartRefusal(library, row, known, { now: clock.now(), lang, policy }) : null,
      titleMarks(db, { patronId: c.get('link').patronId, titleId: id }),
    ])
    const body: TitleDetail = {
      ...summaries.get(hit.id)!,
      publisher: hit.publisher,
      year: hit.year,
      availability: copies,
      queueLength: known ? known.waiting : null,
      holdRefusal: refusal && { reason: refusal.reason, message: refusal.message[lang] },
      favourite: marks.favourite,
      wanted: marks.wanted,
    }
    return c.json(body)
  })

  return app
}

/** HOLD-*: core's cart decision for this title alone, for this patron, now; null = allowed. */
async function cartRefusal(
  library: LibrarySystem,
  row: ApiVars['patron'],
  hit: TitleSummary,
  { now, lang, policy }: { now: number; lang: Lang; policy: Policy },
) {
  const { holds, loans } = reached(await library.facts(row.id), lang)
  const title: Title = {
    id: hit.id,
    name: hit.title,
    materialType: hit.materialType as Title['materialType'],
    notForLoan: hit.notForLoan,
    setId: hit.setId,
    volume: hit.volume,
  }
  const decision = placeHolds(
    {
      patron: row.facts,
      titles: [title],
      pickup: ANY_PICKUP,
      holds,
      loans,
      today: jstDate(now),
    },
    policy,
  )
  return decision.ok ? null : decision
}
