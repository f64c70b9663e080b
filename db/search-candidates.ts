/**
 * The bounded candidate set of a catalogue search (issue 21): the ids of the newest `cap` live
 * titles that match every term, read from the full-text indexes (which hold live titles only)
 * in their own rowid order (newest first) and stopped after `cap`. A common word (の is in most
 * titles) therefore costs the same as a rare one: ranking and counting look at no more than
 * `cap` titles, never at every match.
 *
 * What this chooses, where the guide is silent: for a word found in more than `cap` titles the
 * pages show the `cap` most recently catalogued of them (highest id) and the count says
 * "1,000件以上"; 50 pages of 20 (the deepest page the API serves) are exactly 1,000 titles, so
 * every page a patron can open lies inside the set. The candidates are ranked (title matches
 * first, then by year) in windows of `RANK_WINDOW`: pages 1–10 rank the newest 200, pages
 * 11–20 the next 200, and so on, so page 1 reads 200 titles, not 1,000 (at a million titles
 * this halved the CPU time of a search), and every page stays consistent with the next.
 * A smaller window (pages 1–2 ranking only the newest 40) was measured and not taken: once
 * counting read the doclist alone, it saved 0–0.3 ms a search at a million titles (medians
 * 0.5–1.3 ms against 0.75–1.4 ms, same library and load), too little to let a title match
 * among the newest 200 fall off page 1.
 *
 * All terms of three or more characters go into one trigram MATCH, all shorter ones into one
 * `titles_grams` MATCH (each term's hiragana and katakana forms ORed, the terms ANDed), so FTS5
 * intersects the doclists itself. When both kinds are typed, the gram index drives: the short
 * terms and the first and last character pair of each long term in one MATCH, then each long
 * term is checked on the title's own row with `instr` (`contains`, as the gram index folds
 * case: ASCII only). Letting the trigram index drive and checking the short terms row by row
 * read every match of a common long word when the short one was rare (はじめての 猫: 47,756
 * rows, 180 ms at a million titles; 10–20 ms this way, where FTS5 skips through the doclists).
 * A long term that may be part of an ISBN (digits, X, hyphens) still lets the trigram index
 * drive, as only it holds the ISBN. (Probing the gram index row by row cost about 0.5 ms a row.)
 *
 * Measured at a million titles and not taken (CPU time, `npm run bench:db -- --statements`):
 * counting a single token from an fts5vocab table is exact, but fts5vocab walks the term's
 * whole doclist (の: 538,247 titles, 13.6 ms, against 0.06 ms for reading 1,001 rowids); one
 * statement giving both the page and the count (a MATERIALIZED CTE of 1,001 newest matches)
 * cost more than the two (0.45 ms against 0.40 for a 2-letter Latin word); ranking ids only and
 * joining the 20 rows after saved nothing. A window of 40 for page 1 halves the page statement
 * (0.54 → 0.31 ms) but changes page 1 for all six words of each class, so the window stays 200.
 * A window of 100 cut a Latin word's search at a million titles by about a sixth, but a word
 * with 101–200 matches would then no longer be ranked as a whole, and page 1 changed for 51 of
 * the bench's 54 words.
 * Reading the candidates oldest first, as reversed FTS rowids would allow for the newest,
 * costs a fifth to a third per row (FTS5 walks a doclist backwards slowly: 200 newest
 * 63–112 µs, 1,001 oldest 64–187 µs), yet saved only 0.03–0.06 ms of a search: not worth
 * rebuilding both indexes. A larger SQLite page cache (64 or 128 MB against better-sqlite3's
 * 16) changed nothing: a search's pages stay cached either way; the time is CPU (SQLite's
 * sorter takes about 0.4 µs a candidate, the phrase check of a trigram read 0.14 µs a match).
 */
import { type SQL, sql } from 'drizzle-orm'

/** How many matches a search shows and counts at most. */
export const SEARCH_CAP = 1000
/** How many candidates are ranked together: ten pages of 20. */
export const RANK_WINDOW = 200

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))

/** ASCII letters lower-cased, nothing else: what SQLite's lower() does without ICU. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`

/**
 * The `titles_grams` token of a one- or two-character string: SQLite's `hex(lower(gram))`,
 * i.e. ASCII letters lower-cased (as LIKE compares them) and the UTF-8 bytes in hex.
 */
export function gramToken(gram: string): string {
  const bytes = new TextEncoder().encode(asciiLower(gram))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** One FTS5 query string: each term's written and katakana forms ORed, the terms ANDed. */
function matchAll(terms: string[], token: (t: string) => string): string {
  return terms
    .map((term) => {
      const variants = [...new Set([term, toKatakana(term)])].map((v) => phrase(token(v)))
      return `(${variants.join(' OR ')})`
    })
    .join(' AND ')
}

/**
 * The `titles_grams` query of long terms: the first and last pair of neighbouring characters
 * of each form ANDed, the forms ORed, the terms ANDed. A title holding the term holds both
 * pairs, so this finds a superset of the trigram index's matches (less the ISBN, which the gram
 * index leaves out); `inFields` then checks each term itself on the row. (ANDing every pair
 * cost more in FTS5 than the few rows it spared the check.)
 */
function pairsAll(terms: string[]): string {
  return terms
    .map((term) => {
      const variants = [...new Set([term, toKatakana(term)])].map((v) => {
        const chars = [...v]
        const all = chars.slice(1).map((c, i) => `${chars[i]}${c}`)
        const pairs = new Set([all[0]!, all.at(-1)!])
        return `(${[...pairs].map((pair) => phrase(gramToken(pair))).join(' AND ')})`
      })
      return `(${variants.join(' OR ')})`
    })
    .join(' AND ')
}

/** A term that may be (part of) an ISBN, which only the trigram index holds. */
const isbnLike = (t: string) => /^[\dXx-]+$/.test(t)

/**
 * Whether `field` holds `v`, ASCII case-insensitive as the gram index is. A term with an ASCII
 * letter is a LIKE (its `%`, `_` and backslash escaped), which folds ASCII case as it
 * compares: the `instr(lower(field), …)` it replaced copied every field it checked, and
 * ranking a Latin word's 200 candidates at a million titles took 0.30 ms instead of 0.27
 * (`--statements`). Any other term is a plain instr, which copies nothing either.
 */
export function contains(field: SQL, v: string): SQL {
  return /[A-Za-z]/.test(v)
    ? sql`${field} LIKE ${`%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`
    : sql`instr(${field}, ${v}) > 0`
}

const GRAM_FIELDS = ['title', 'yomi', 'author', 'author_yomi', 'publisher'] as const

/** Whether a field the gram index covers holds the term (or its katakana form). */
function inFields(term: string): SQL {
  const hits = [...new Set([term, toKatakana(term)])].flatMap((v) =>
    GRAM_FIELDS.map((f) => contains(sql`t.${sql.raw(f)}`, v)),
  )
  return sql`(${sql.join(hits, sql` OR `)})`
}

/**
 * A SELECT of `id`: the newest `cap` live titles matching every term, highest id first; with
 * `newestFirst` false, any `cap` of them in the index's own ascending order, which is all a
 * count needs and cheaper for FTS5 to read. `terms` must not be empty (db/catalogue.ts's
 * `searchTerms` gives at least one or none).
 *
 * Both indexes hold live titles only (migration 0015: withdrawn ones are kept out by the
 * triggers and by the views 'rebuild' reads), so a search of one kind of term reads the FTS5
 * doclist alone and never looks a match up in `titles`: at a million titles that halved the
 * cost of counting to 1,001. Only a search that mixes short and long terms reads each
 * candidate's row, to check the terms the index it is read from does not hold.
 */
export function candidateIds(terms: string[], cap: number, newestFirst = true): SQL {
  const long = terms.filter((t) => [...t].length >= 3)
  const short = terms.filter((t) => [...t].length < 3)
  const order = newestFirst ? sql`ORDER BY m.rowid DESC` : sql``
  if (long.length === 0)
    return sql`SELECT m.rowid AS id FROM titles_grams m
      WHERE titles_grams MATCH ${matchAll(short, gramToken)} ${order} LIMIT ${cap}`
  const match = matchAll(long, (t) => t)
  if (short.length === 0)
    return sql`SELECT m.rowid AS id FROM titles_fts m
      WHERE titles_fts MATCH ${match} ${order} LIMIT ${cap}`
  if (long.some(isbnLike)) {
    const alsoShort = short.map((term) => sql`AND ${inFields(term)}`)
    return sql`SELECT m.rowid AS id FROM titles_fts m JOIN titles t ON t.id = m.rowid
      WHERE titles_fts MATCH ${match} ${sql.join(alsoShort, sql` `)} ${order} LIMIT ${cap}`
  }
  const both = `${matchAll(short, gramToken)} AND ${pairsAll(long)}`
  const alsoLong = long.map((term) => sql`AND ${inFields(term)}`)
  return sql`SELECT m.rowid AS id FROM titles_grams m JOIN titles t ON t.id = m.rowid
    WHERE titles_grams MATCH ${both} ${sql.join(alsoLong, sql` `)} ${order} LIMIT ${cap}`
}
