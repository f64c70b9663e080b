/**
 * `npm run bench:db -- --only search --statements`: where one search's time goes, statement by
 * statement (issue 21), so the growth from 10,000 to 1,000,000 titles can be put on the part
 * that grows. Per class of query (test/bench/search.ts), the CPU time of this process
 * (`process.cpuUsage`: user + system) per call, median over the class's words:
 * - candidates: the FTS5 read alone, the `RANK_WINDOW` newest matches (`candidateIds`), which
 *   the page statement reads before it ranks them;
 * - page: `searchTitles`, the whole page statement (candidates, ranking, the 20 rows);
 * - count: `countTitles` (up to `SEARCH_CAP` + 1 matches, ascending);
 * - availability: `titleAvailability` for the page's hits.
 * CPU time, not wall-clock, as the machine is shared; it is still inflated by other work (cache
 * contention), so compare figures taken back to back. Printed only, never recorded.
 */
import { sql } from 'drizzle-orm'
import { countTitles, searchTerms, searchTitles, titleAvailability } from '../../db/catalogue.ts'
import type { Db } from '../../db/client.ts'
import { candidateIds, RANK_WINDOW } from '../../db/search-candidates.ts'
import { SEARCH_CLASSES, SEARCH_WORDS, type SearchClass } from './search.ts'

const STATEMENTS = ['candidates', 'page', 'count', 'availability'] as const
type Statement = (typeof STATEMENTS)[number]
export type StatementTimes = Record<SearchClass, Record<Statement | 'total', number>>

/** Calls per word after the warm-up ones. */
const RUNS = 30
const WARM = 3

/** The median CPU milliseconds of `run`. */
async function cpuMedian(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM; i++) await run()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const before = process.cpuUsage()
    await run()
    const used = process.cpuUsage(before)
    samples.push((used.user + used.system) / 1000)
  }
  samples.sort((a, b) => a - b)
  return samples[samples.length >> 1]!
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** Per class, each statement's median CPU time per call, and their sum. */
export async function measureStatements(db: Db): Promise<StatementTimes> {
  const out = {} as StatementTimes
  for (const c of SEARCH_CLASSES) {
    const per: Record<Statement, number[]> = {
      candidates: [],
      page: [],
      count: [],
      availability: [],
    }
    for (const q of SEARCH_WORDS[c]) {
      const page = () => searchTitles(db, { q, limit: 20, audiobooksLast: true })
      const ids = (await page()).map((h) => h.id)
      const candidates = sql`SELECT count(*) FROM (${candidateIds(searchTerms(q), RANK_WINDOW)})`
      per.candidates.push(await cpuMedian(() => db.all(candidates)))
      per.page.push(await cpuMedian(page))
      per.count.push(await cpuMedian(() => countTitles(db, { q })))
      per.availability.push(await cpuMedian(() => titleAvailability(db, ids)))
    }
    const m = Object.fromEntries(STATEMENTS.map((s) => [s, median(per[s])])) as Record<
      Statement,
      number
    >
    out[c] = { ...m, total: m.page + m.count + m.availability }
  }
  return out
}

const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`)

/** A Markdown table: per class and statement, CPU ms at each size and the growth. */
export function statementTable(
  results: readonly { titles: number; statements: StatementTimes }[],
): string {
  const first = results[0]
  const last = results.at(-1)
  const growth = results.length > 1 && first !== undefined && last !== undefined
  const head = [
    'search, statement (CPU ms per call)',
    ...results.map((r) => `${size(r.titles)}`),
    ...(growth ? [`×, ${size(first.titles)}→${size(last.titles)}`] : []),
  ]
  const rows = SEARCH_CLASSES.flatMap((c) =>
    [...STATEMENTS, 'total' as const].map((s) => {
      const cells = results.map((r) => r.statements[c][s].toFixed(3))
      if (growth) cells.push((last.statements[c][s] / first.statements[c][s]).toFixed(2))
      return `| ${c}, ${s} | ${cells.join(' | ')} |`
    }),
  )
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n')
}
