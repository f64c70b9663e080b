/**
 * `npm run bench:db [-- --quick | --titles 10000,1000000] [--runs N] [--record]`
 *
 * Builds each library size into a SQLite file in a temp dir (the same generator as
 * `npm run db:seed`), opens it the way the Node entry does, and times list loans, list holds,
 * place a hold, check in and search through the db operations. Prints medians and p95 and how
 * each grows with the library; `--record` also writes test/bench/RESULTS.md. The temp dir is
 * removed however the run ends.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { writeLargeLibrary } from '../../db/seed/large-write.ts'
import { progressBar } from '../../db/seed/progress.ts'
import { openSqlite } from '../../db/sqlite.ts'
import { writeYearOfActivity } from './activity.ts'
import { measure } from './operations.ts'
import { libraries, load, MEASURED, machine, refusals, type SizeResult, table } from './report.ts'
import { replaceHead } from './results-file.ts'

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const USAGE = 'usage: npm run bench:db [-- --quick | --titles 10000,1000000] [--runs N] [--record]'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    titles: { type: 'string', default: '10000,1000000' },
    runs: { type: 'string', default: '200' },
    record: { type: 'boolean', default: false },
  },
  strict: true,
})
const sizes = (args.quick ? '10000' : args.titles).split(',').map(Number)
const runs = Number(args.runs)
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !Number.isInteger(runs) || runs < 10) {
  console.error(`--titles must be whole numbers ≥ 100 and --runs ≥ 10\n${USAGE}`)
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), 'bunko-bench-'))
const cleanUp = () => rmSync(dir, { recursive: true, force: true })
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    cleanUp()
    process.exit(130)
  })

async function runSize(titles: number, now: number): Promise<SizeResult & { sqlite: string }> {
  const path = join(dir, `bench-${titles}.db`)
  console.error(`building ${titles.toLocaleString('en')} titles…`)
  const bar = progressBar(process.stderr, 'titles')
  const t0 = performance.now()
  const counts = await writeLargeLibrary(path, { titles, now, seed: 1 }, bar.update)
  bar.done()
  console.error('adding a year of activity…')
  const activity = writeYearOfActivity(path, now)
  const buildSeconds = (performance.now() - t0) / 1000
  const db = openSqlite(path)
  try {
    const [v] = await db.all<{ v: string }>(sql`SELECT sqlite_version() AS v`)
    console.error(`measuring (${runs} runs per operation)…`)
    const ops = await measure(db, runs, now)
    return { titles, buildSeconds, counts, activity, ops, sqlite: v?.v ?? '?' }
  } finally {
    db.close()
    rmSync(path, { force: true })
    rmSync(`${path}-wal`, { force: true })
    rmSync(`${path}-shm`, { force: true })
  }
}

async function main(): Promise<void> {
  const now = Date.now()
  const loadBefore = load()
  const results: (SizeResult & { sqlite: string })[] = []
  for (const titles of sizes) results.push(await runSize(titles, now))
  const command = `npm run bench:db -- ${process.argv.slice(2).join(' ')}`
    .trim()
    .replace(/ --$/, '')
  const text = [
    table(results),
    '',
    libraries(results),
    '',
    `Machine: ${machine(results[0]?.sqlite ?? '?')}; load average ${loadBefore} at the start, ${load()} at the end`,
    `Command: \`${command}\``,
    '',
    'Refused samples:',
    refusals(results),
  ].join('\n')
  console.log(text)
  if (args.record) {
    const head = `# Benchmark results\n\nRecorded ${new Date(now).toISOString().slice(0, 10)}.\n\n${text}\n\n${MEASURED}\n`
    // Only this bench's head: the SIP2, import and lockout sections after it stay.
    const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : null
    writeFileSync(RESULTS, replaceHead(old, head))
  }
}

try {
  await main()
} finally {
  cleanUp()
}
