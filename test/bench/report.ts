/** The benchmark's table, for the terminal and for RESULTS.md. */
import { cpus, loadavg, totalmem } from 'node:os'
import { OPERATIONS, type Operation } from './operations.ts'
import type { Summary } from './stats.ts'

export interface SizeResult {
  titles: number
  buildSeconds: number
  counts: { copies: number; patrons: number; loans: number; holds: number }
  activity: { audit: number; notices: number; endedHolds: number; links: number }
  ops: Record<Operation, Summary>
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1))
const size = (n: number) =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : `${n}`

/** A Markdown table: one row per operation, median and p95 per size, and the growth. */
export function table(results: readonly SizeResult[]): string {
  const head = [
    'operation',
    ...results.flatMap((r) => [`${size(r.titles)} median ms`, `${size(r.titles)} p95 ms`]),
  ]
  const first = results[0]
  const last = results.at(-1)
  const growth = results.length > 1 && first && last
  if (growth) head.push(`median ×, ${size(first.titles)}→${size(last.titles)}`)
  const rows = OPERATIONS.map((op) => {
    const cells = results.flatMap((r) => [ms(r.ops[op].median), ms(r.ops[op].p95)])
    if (growth) cells.push((last.ops[op].median / first.ops[op].median).toFixed(2))
    return `| ${op} | ${cells.join(' | ')} |`
  })
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n')
}

export function libraries(results: readonly SizeResult[]): string {
  return results
    .map(
      (r) =>
        `- ${r.titles.toLocaleString('en')} titles: ${r.counts.copies.toLocaleString('en')} copies, ` +
        `${r.counts.patrons.toLocaleString('en')} patrons, ${r.counts.loans.toLocaleString('en')} loans, ` +
        `${r.counts.holds.toLocaleString('en')} holds; a year of activity: ` +
        `${r.activity.audit.toLocaleString('en')} audit entries, ${r.activity.notices.toLocaleString('en')} notices, ` +
        `${r.activity.endedHolds.toLocaleString('en')} ended holds, ${r.activity.links.toLocaleString('en')} LINE links; ` +
        `built in ${r.buildSeconds.toFixed(1)} s`,
    )
    .join('\n')
}

export function machine(sqliteVersion: string): string {
  const cpu = cpus()
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, SQLite ${sqliteVersion} (better-sqlite3, WAL, on a temp-dir file)`
}

/** The 1-minute load average, so a reader can tell a quiet machine from a busy one. */
export function load(): string {
  return loadavg()[0]!.toFixed(1)
}

/** What each row times, for RESULTS.md. */
export const MEASURED = `Each figure times one call of the db operation on a SQLite file built by the same
generator as \`npm run db:seed\` (patrons = titles / 10; about 1.9 copies per title, 10% of them
on loan; 3% of titles in demand with a queue of holds). Subjects are drawn at random: patrons
with loans (list loans), with waiting holds (list holds), any patron and a loanable title
(place a hold), copies on loan half of which fill a waiting hold (check in). Timings exclude
twenty warm-up calls. Catalogue search has its own section below (issue 21). The statistics rows (issue 20) time the page's queries (\`statsReport\`, 20 runs
after 2 warm-ups) over a year of activity added to the same file (test/bench/activity.ts:
per patron 0.3 LINE links, 5 renewals and 3.3 holds placed or cancelled on three channels,
12 other counter entries, 2 ended holds with their ready notices, 1 overdue notice), and
once with all seven charts drawn. p95 is sensitive to other work on the machine; the medians are the figures to
compare.`

export function refusals(results: readonly SizeResult[]): string {
  const notes = results.flatMap((r) =>
    OPERATIONS.filter((op) => r.ops[op].refused > 0).map(
      (op) =>
        `${size(r.titles)} ${op}: ${r.ops[op].refused} of ${r.ops[op].n + r.ops[op].refused} refused (not timed)`,
    ),
  )
  return notes.length ? notes.map((n) => `- ${n}`).join('\n') : '- none'
}
