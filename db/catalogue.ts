/**
 * Catalogue search by title, reading (yomi), author, publisher and ISBN, with availability per
 * library. A term typed in hiragana also matches the katakana reading. Terms are ANDed. Hits
 * whose title (or its reading) holds every term come first, then those found in another field
 * (an author, a publisher); within each, most recent first (year, then id), except that the
 * volumes of one set published the same year follow one another in volume order (上 before
 * 下, 1 before 2), as a patron reads them and a shelf holds them. For a patron who
 * may not reserve 録音図書, they come after everything else (HOLD-AUDIOBOOK).
 *
 * Three or more characters: FTS5's trigram tokenizer finds a Japanese word anywhere inside a
 * title without a word splitter (also searching the ISBN).
 *
 * One or two characters (料理, 京都, 猫): `titles_grams` (migration 0003) indexes every
 * character and every pair of neighbouring characters of title, yomi, author, author_yomi and
 * publisher, so a short term is one token lookup and finds exactly what `LIKE '%term%'` over
 * those fields found (ASCII case-insensitive, no ISBN), without reading every title. Why this
 * way, on both SQLite and D1 (no custom tokenizers, no extensions, no schema change):
 * - the grams are computed in SQL, by a view with a recursive CTE that is also the FTS
 *   table's external content, and kept in step by triggers, so every writer of `titles`
 *   (demo seed, D1 batch, counter) is covered without calling anything; the trigram index
 *   does the same, and 'rebuild' restores either from `titles` at any time; both hold live
 *   titles only (migration 0015: their content views and triggers leave withdrawn ones out);
 * - each gram is the hex of its UTF-8 bytes, so unicode61 sees one ASCII token whatever the
 *   characters are: no punctuation (・, %, ー) splits a gram and no Unicode folding makes it
 *   match more than LIKE did. `gramToken` (db/search-candidates.ts) builds the query token the
 *   same way.
 *
 * A common word must not cost more than a rare one (issue 21): the indexes give the newest
 * `SEARCH_CAP` (1,000) matches in their own order, ranked `RANK_WINDOW` (200, ten pages) at a
 * time, and `countTitles` counts no further ("1,000件以上"); see db/search-candidates.ts. A bulk
 * load leaves the indexes in many FTS5 segments, which every search pays for:
 * `compactSearchIndexes` (db/search-compact.ts) merges them.
 */
import { inArray, type SQL, sql } from 'drizzle-orm'
import type { TitleAvailability, TitleSummary } from '../core/library-system.ts'
import type { Db } from './client.ts'
import { isId } from './refusals.ts'
import { titles } from './schema.ts'
import { candidateIds, contains, RANK_WINDOW, SEARCH_CAP } from './search-candidates.ts'

export type { Availability } from '../core/library-system.ts'
/** A title with its availability, as the port answers it (core/library-system.ts). */
export type TitleHit = TitleSummary
/**
 * A search hit: bunko's catalogue copy only. Where its copies are is the library system's
 * answer (the port's `availability`), asked once for the page, so search never counts them.
 */
export type CatalogueTitle = Omit<TitleSummary, 'availability' | 'waiting'>

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))

/** Search terms: NFKC-folded, split on spaces, ISBN hyphens dropped, at most 8. */
export function searchTerms(q: string): string[] {
  return q
    .normalize('NFKC')
    .split(/\s+/)
    .map((t) => (/^[\d-]{10,17}[\dX]?$/i.test(t) ? t.replace(/-/g, '') : t))
    .filter((t) => t.length > 0)
    .slice(0, 8)
}

/** Whether the title or its reading holds the term (ASCII case-insensitive, as LIKE is). */
function inTitle(term: string): SQL {
  const variants = [...new Set([term, toKatakana(term)])]
  const hits = variants.map((v) => sql`${contains(sql`t.title`, v)} OR ${contains(sql`t.yomi`, v)}`)
  return sql`(${sql.join(hits, sql` OR `)})`
}

/**
 * Re-reads every title into the short-term index: for a loader that set the triggers aside
 * (db/seed/bulk.ts rebuilds only the trigram index). One statement, so it is atomic.
 */
export async function rebuildTitleGrams(db: Db): Promise<void> {
  await db.orm.run(sql`INSERT INTO titles_grams (titles_grams) VALUES ('rebuild')`)
}

/**
 * Titles matching every term, title matches first, `limit` at a time (see the file comment),
 * among the newest `cap` matches (default `SEARCH_CAP`), ranked a window of `window` of them
 * at a time (default `RANK_WINDOW`, at most `cap`): db/search-candidates.ts.
 */
export async function searchTitles(
  db: Db,
  input: {
    q: string
    limit?: number
    offset?: number
    audiobooksLast?: boolean
    cap?: number
    window?: number
  },
): Promise<CatalogueTitle[]> {
  const terms = typeof input.q === 'string' ? searchTerms(input.q.slice(0, 200)) : []
  if (terms.length === 0) return []
  const limit = Math.max(1, Math.min(100, Math.floor(input.limit ?? 20)))
  const offset = Math.max(0, Math.floor(input.offset ?? 0))
  const titleFirst = sql`CASE WHEN ${sql.join(terms.map(inTitle), sql` AND `)} THEN 0 ELSE 1 END`
  const audiobooks = input.audiobooksLast ? sql`t.material_type = 'audiobook', ` : sql``
  const cap = searchCap(input.cap)
  const window = Math.max(1, Math.min(cap, Math.floor(input.window ?? RANK_WINDOW)))
  // Only the windows this page reaches into are read; earlier windows come first. The window
  // is written as an integer literal: a bound number may be a REAL, and the division must not be.
  const read = Math.min(cap, Math.ceil((offset + limit) / window) * window)
  // Pages 1–10 read one window, so numbering the candidates to tell windows apart would only
  // add a sort (about a third of the ranking's cost at a million titles).
  const windows =
    read <= window
      ? sql``
      : sql`(row_number() OVER (ORDER BY t.id DESC) - 1) / ${sql.raw(String(window))}, `
  // The page's catalogue rows come with the ranking, in the same statement (one D1 round trip).
  const rows = await db.all<CatalogueRow>(sql`SELECT ${CATALOGUE_COLUMNS} FROM titles t
    WHERE t.id IN (${candidateIds(terms, read)})
    ORDER BY ${windows}${audiobooks}${titleFirst}, t.year DESC, t.set_id, t.volume, t.id DESC
    LIMIT ${limit} OFFSET ${offset}`)
  return rows.map((r) => ({ ...r, notForLoan: Boolean(r.notForLoan) }))
}

/** What a hit shows of its catalogue row, as `CatalogueTitle`'s fields. */
const CATALOGUE_COLUMNS = sql`t.id, t.title, t.yomi, t.author, t.publisher, t.year, t.isbn,
  t.material_type AS materialType, t.set_id AS setId, t.volume, t.not_for_loan AS notForLoan`
type CatalogueRow = Omit<CatalogueTitle, 'notForLoan'> & { notForLoan: number | boolean }

/**
 * How many titles a search finds, counted no further than `cap` (default `SEARCH_CAP`):
 * `capped` means more than `count` match ("1,000件以上"). Reads at most `cap` + 1 matches, in
 * the index's ascending order (any `cap` + 1 of them give the same answer) and, for a search of
 * one kind of term, from the FTS5 doclist alone.
 */
export async function countTitles(
  db: Db,
  input: { q: string; cap?: number },
): Promise<{ count: number; capped: boolean }> {
  const terms = typeof input.q === 'string' ? searchTerms(input.q.slice(0, 200)) : []
  if (terms.length === 0) return { count: 0, capped: false }
  const cap = searchCap(input.cap)
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (${candidateIds(terms, cap + 1, false)})`,
  )
  const n = Number(row?.n ?? 0)
  return { count: Math.min(n, cap), capped: n > cap }
}

const searchCap = (cap: number | undefined) =>
  Math.max(1, Math.min(SEARCH_CAP, Math.floor(cap ?? SEARCH_CAP)))

/** One title with its availability, or null. */
export async function getTitle(db: Db, id: number): Promise<TitleHit | null> {
  if (!isId(id)) return null
  return (await titleHits(db, [id]))[0] ?? null
}

/** The catalogue rows of `ids`, in that order (ids it lacks are left out). */
async function catalogueTitles(db: Db, ids: number[]): Promise<CatalogueTitle[]> {
  if (ids.length === 0) return []
  const rows = await db.orm.select().from(titles).where(inArray(titles.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const t = byId.get(id)
    if (!t) return []
    return [
      {
        id: t.id,
        title: t.title,
        yomi: t.yomi,
        author: t.author,
        publisher: t.publisher,
        year: t.year,
        isbn: t.isbn,
        materialType: t.materialType,
        setId: t.setId,
        volume: t.volume,
        notForLoan: t.notForLoan,
      },
    ]
  })
}

async function titleHits(db: Db, ids: number[]): Promise<TitleHit[]> {
  if (ids.length === 0) return []
  const [rows, avail] = await Promise.all([catalogueTitles(db, ids), availabilityOf(db, ids)])
  const byId = new Map(avail.map((a) => [a.titleId, a]))
  return rows.map((t) => ({
    ...t,
    availability: byId.get(t.id)?.availability ?? [],
    waiting: byId.get(t.id)?.waiting ?? 0,
  }))
}

/**
 * Each title's copies per library and its hold queue, in one statement (one D1 round trip):
 * the port's `availability` for a page of hits asks only this, not the catalogue rows, which
 * the search already has. Ids that are no title are left out; a title without copies has an
 * empty `availability`.
 */
async function availabilityOf(db: Db, ids: number[]): Promise<TitleAvailability[]> {
  if (ids.length === 0) return []
  const rows = await db.all<{
    titleId: number
    libraryId: number | null
    library: string | null
    copies: number
    onShelf: number
    waiting: number
  }>(sql`SELECT t.id AS titleId, c.home_library_id AS libraryId, p.name AS library,
      count(c.id) AS copies, coalesce(sum(c.status = 'on_shelf'), 0) AS onShelf,
      (SELECT count(*) FROM holds h WHERE h.title_id = t.id AND h.state = 'waiting') AS waiting
    FROM titles t
    LEFT JOIN copies c ON c.title_id = t.id AND c.withdrawn_at IS NULL
    LEFT JOIN places p ON p.id = c.home_library_id
    WHERE t.id IN ${ids}
    GROUP BY t.id, c.home_library_id
    ORDER BY t.id, c.home_library_id`)
  const out = new Map<number, TitleAvailability>()
  for (const r of rows) {
    let a = out.get(r.titleId)
    if (!a) {
      a = { titleId: r.titleId, availability: [], waiting: Number(r.waiting) }
      out.set(r.titleId, a)
    }
    if (r.libraryId !== null && r.library !== null)
      a.availability.push({
        libraryId: r.libraryId,
        library: r.library,
        copies: Number(r.copies),
        onShelf: Number(r.onShelf),
      })
  }
  return [...out.values()]
}

/** One catalogue row without availability (front mode asks the ILS where its copies are). */
export async function getCatalogueTitle(db: Db, id: number): Promise<CatalogueTitle | null> {
  if (!isId(id)) return null
  return (await catalogueTitles(db, [id]))[0] ?? null
}

/**
 * The availability and hold queue of many titles (the port's `availability` for a page of
 * search hits), without their catalogue rows; in `ids` order, unknown ids left out.
 */
export async function titleAvailability(
  db: Db,
  ids: readonly number[],
): Promise<TitleAvailability[]> {
  const unique = [...new Set(ids)].filter(isId)
  const found = new Map<number, TitleAvailability>()
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < unique.length; i += 90)
    for (const a of await availabilityOf(db, unique.slice(i, i + 90))) found.set(a.titleId, a)
  return unique.flatMap((id) => found.get(id) ?? [])
}

/** Many titles with their availability, in one go. */
export async function getTitles(db: Db, ids: readonly number[]): Promise<TitleHit[]> {
  const unique = [...new Set(ids)].filter(isId)
  const out: TitleHit[] = []
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < unique.length; i += 90)
    out.push(...(await titleHits(db, unique.slice(i, i + 90))))
  return out
}
