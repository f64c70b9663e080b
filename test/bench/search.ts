/**
 * Catalogue search as the LIFF search page calls it (issue 21): a page of 20 hits
 * (`searchTitles`), the availability of each as the port answers it (`titleAvailability`) and
 * the capped count (`countTitles`), timed together per class of query: one, two, three or more
 * characters × kana, kanji, Latin.
 *
 * The generated catalogue has no Latin letters, while a real one has many (Python入門, NHK,
 * JAZZ): `addLatinTitles` puts a Latin word in front of one title in `LATIN_EVERY` (25),
 * through the search triggers, before anything is timed. Each of its ten words is then in 0.4%
 * of titles, about 40 at 10,000 titles, as the kana and kanji words' 23–39 (medians): every
 * class fills the page of 20 hits the issue times at both sizes. At one title in a hundred
 * (until 2026-12-05) a Latin word found ten titles at 10,000, so its figure there timed half a
 * page against a whole one at a million.
 */
import Database from 'better-sqlite3'
import { countTitles, searchTitles, titleAvailability } from '../../db/catalogue.ts'
import type { Db } from '../../db/client.ts'
import { SEARCH_CAP } from '../../db/search-candidates.ts'
import { type Summary, timeEach } from './stats.ts'

export const SEARCH_CLASSES = [
  '1 character, kana',
  '1 character, kanji',
  '1 character, Latin',
  '2 characters, kana',
  '2 characters, kanji',
  '2 characters, Latin',
  '3+ characters, kana',
  '3+ characters, kanji',
  '3+ characters, Latin',
] as const
export type SearchClass = (typeof SEARCH_CLASSES)[number]

/**
 * Six words a patron types per class. The single characters include の (in most titles) and
 * ア, e: common words, where reading every match to rank and count it cost most before issue 21.
 */
export const SEARCH_WORDS: Record<SearchClass, string[]> = {
  '1 character, kana': ['の', 'ア', 'ね', 'さ', 'ン', 'か'],
  '1 character, kanji': ['猫', '本', '海', '花', '山', '図'],
  '1 character, Latin': ['e', 'a', 'n', 'p', 'j', 'x'],
  '2 characters, kana': ['くま', 'ねこ', 'ショ', 'おに', 'ピア', 'たび'],
  '2 characters, kanji': ['灯台', '歴史', '料理', '佐藤', '京都', '図書'],
  '2 characters, Latin': ['ex', 'py', 'ja', 'nh', 'ai', 'we'],
  '3+ characters, kana': [
    'ひらかた',
    'はじめての',
    'モーツァルト',
    'まんじゅう',
    'ストレッチ',
    'こどものうた',
  ],
  '3+ characters, kanji': ['図書室', '殺人事件', '北海道', '天体観測', '交通安全', '昭和歌謡'],
  '3+ characters, Latin': ['python', 'jazz', 'english', 'excel', 'nhk', 'sdgs'],
}

/** Latin words put in front of titles: what a real catalogue's titles carry. */
const LATIN = ['Python', 'Excel', 'JAZZ', 'NHK', 'English', 'Disney', 'SDGs', 'AI', 'JR', 'Web']

/** One title in this many gets a Latin word (a kept library records it: kept-library.ts). */
export const LATIN_EVERY = 25

/** Puts a Latin word in front of one title in `LATIN_EVERY` (through the triggers); returns how many. */
export function addLatinTitles(path: string): number {
  const sqlite = new Database(path)
  try {
    const cases = LATIN.map((w, i) => `WHEN ${i} THEN '${w} '`).join(' ')
    return sqlite
      .prepare(
        `UPDATE titles SET title = (CASE (id / ${LATIN_EVERY}) % ${LATIN.length} ${cases} END) || title
         WHERE id % ${LATIN_EVERY} = 12`,
      )
      .run().changes
  } finally {
    sqlite.close()
  }
}

/** Searches per class, after warm-up. */
const RUNS = 100
const WARM = 12

/** A class's timings and the median count of its words' matches (above the cap: cap + 1). */
export type SearchFigures = Summary & { matches: number }

/**
 * The median of what `countTitles` finds for the class's words, a capped count as cap + 1:
 * of an even number of words the upper middle one, so it is always one word's real count.
 */
async function medianMatches(db: Db, words: readonly string[]): Promise<number> {
  const found = await Promise.all(words.map((q) => countTitles(db, { q })))
  const counts = found.map((f) => f.count + (f.capped ? 1 : 0)).sort((a, b) => a - b)
  return counts[Math.floor(counts.length / 2)] ?? 0
}

/** Times every class: a page of 20 with availability, and the count, as the route asks. */
export async function measureSearch(db: Db): Promise<Record<SearchClass, SearchFigures>> {
  const out = {} as Record<SearchClass, SearchFigures>
  for (const c of SEARCH_CLASSES) {
    const words = Array.from(
      { length: RUNS + WARM },
      (_, i) => SEARCH_WORDS[c][i % SEARCH_WORDS[c].length]!,
    )
    const summary = await timeEach(
      words,
      async (q) => {
        const [hits, found] = await Promise.all([
          searchTitles(db, { q, limit: 20, audiobooksLast: true }),
          countTitles(db, { q }),
        ])
        // The page's availability, as the embedded system's `availability` answers it.
        const shown = await titleAvailability(
          db,
          hits.map((h) => h.id),
        )
        // A search that finds nothing is counted as refused: every word must find titles.
        return hits.length > 0 && found.count > 0 && shown.length === hits.length
      },
      WARM,
    )
    out[c] = { ...summary, matches: await medianMatches(db, SEARCH_WORDS[c]) }
  }
  return out
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1))
const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`)

/** A word's matches as the page's count shows them: above the cap, "1,000+". */
const matches = (n: number) =>
  n > SEARCH_CAP ? `${SEARCH_CAP.toLocaleString('en')}+` : n.toLocaleString('en')

/**
 * A Markdown table: one row per class, median and p95 per size, the median's growth from each
 * size to the next (past 1,000,000 titles every class is at the caps, so a third size shows
 * whether anything still grows with the library), and the median number of matches per size
 * (what the growth follows: a common word is capped).
 */
export function searchTable(
  results: readonly { titles: number; search: Record<SearchClass, SearchFigures> }[],
): string {
  const head = [
    'search (page of 20 with availability + count)',
    ...results.flatMap((r) => [`${size(r.titles)} median ms`, `${size(r.titles)} p95 ms`]),
  ]
  const steps = results.slice(1).map((r, i) => [results[i]!, r] as const)
  for (const [from, to] of steps) head.push(`median ×, ${size(from.titles)}→${size(to.titles)}`)
  head.push(`matches, ${results.map((r) => size(r.titles)).join(' / ')}`)
  const rows = SEARCH_CLASSES.map((c) => {
    const cells = results.flatMap((r) => [ms(r.search[c].median), ms(r.search[c].p95)])
    for (const [from, to] of steps)
      cells.push((to.search[c].median / from.search[c].median).toFixed(2))
    cells.push(results.map((r) => matches(r.search[c].matches)).join(' / '))
    return `| ${c} | ${cells.join(' | ')} |`
  })
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n')
}

/** Refused (found nothing) samples per class, if any. */
export function searchRefusals(
  results: readonly { titles: number; search: Record<SearchClass, Summary> }[],
): string[] {
  return results.flatMap((r) =>
    SEARCH_CLASSES.filter((c) => r.search[c].refused > 0).map(
      (c) => `${size(r.titles)} ${c}: ${r.search[c].refused} found nothing (not timed)`,
    ),
  )
}
