/**
 * Notice dispatch benchmark: `tsx test/notices/bench.ts [--notices 10000]`.
 *
 * N hold-ready notices (one per patron, all due at one slot) in a SQLite file in a temp dir,
 * seeded by bench-seed.ts in its own process, pushed (through the Node entry's LINE transport,
 * bot/node-line-fetch.ts) to the LINE simulator running in its own process over real loopback
 * HTTP, limited like LINE to 2,000 pushes per second. Prints the wall time against the floor
 * that limit sets (N / 2,000 s), the dispatching process's memory (bench-memory.ts: settled
 * readings before and after, peaks sampled during), and what LINE received: duplicates must
 * be 0 and every patron reached once.
 */
import { fork, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { readConfig } from '../../bot/config.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import { installLineFetch } from '../../bot/node-line-fetch.ts'
import { DISPATCH_DEFAULTS, dispatchDue } from '../../bot/notices/index.ts'
import { jstInstant } from '../../core/index.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { openSqlite } from '../../db/sqlite.ts'
import { selfTimeTable } from '../bench/cpu-profile.ts'
import { startProfiling } from '../bench/profiler.ts'
import { fullGc, memorySampler, settledReading, writeTrace } from './bench-memory.ts'

const { values: args } = parseArgs({
  options: {
    notices: { type: 'string', default: '10000' },
    /** Write a CPU profile of the dispatch (not the seeding) here and print its top functions. */
    profile: { type: 'string' },
    /** Write every memory sample of the dispatch here as CSV (bench-memory.ts). */
    trace: { type: 'string' },
    /** Print the figures as one JSON line too (bench-record.ts). */
    json: { type: 'boolean', default: false },
  },
  strict: true,
})
const N = Number(args.notices)
if (!Number.isInteger(N) || N < 1) {
  console.error(
    'usage: tsx test/notices/bench.ts [--notices 10000] [--trace FILE] [--profile FILE] [--json]',
  )
  process.exit(2)
}
const LINE_RATE = 2000
const SLOT = jstInstant('2026-06-10', '16:00')

const dir = mkdtempSync(join(tmpdir(), 'bunko-notice-bench-'))
const file = join(dir, 'bench.db')
const seeded = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./bench-seed.ts', import.meta.url)),
    file,
    `${N}`,
    `${SLOT}`,
  ],
  { stdio: 'inherit' },
)
if (seeded.status !== 0) {
  rmSync(dir, { recursive: true, force: true })
  process.exit(1)
}
const db = openSqlite(file)

type SimReport = {
  calls: number
  accepted: number
  repeats: number
  rateLimited: number
  messages: number
  usersReached: number
  duplicates: number
  /** The simulator process's CPU while it served the run. */
  cpuSeconds: number
}

function startSimulator() {
  const child = fork(fileURLToPath(new URL('./bench-sim.ts', import.meta.url)), [String(N)], {
    execArgv: ['--import', 'tsx'],
  })
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      child.once('error', reject)
      child.on('message', (m: { type: string }) => {
        if (m.type === type) resolve(m as T)
      })
    })
  return {
    child,
    ready: next<{ origin: string }>('ready'),
    report: () => next<SimReport>('report'),
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

async function main() {
  const sim = startSimulator()
  try {
    const { origin } = await sim.ready
    const config = readConfig(
      { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin, LINE_DATA_API_BASE_URL: origin },
      { publicUrl: origin },
    )
    installLineFetch(config.line) // as bot/node.ts does
    const log = memoryLog()
    const library = embeddedLibrarySystem(db, config.policy)
    const deps = { db, library, line: lineClients(config), clock: { now: () => SLOT }, config, log }
    // Seeded in another process (bench-seed.ts): start is a server that has just opened it.
    const gc = fullGc()
    const start = await settledReading(gc)
    const memory = memorySampler({ keep: Boolean(args.trace) })
    const profiling = args.profile ? await startProfiling() : null
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const report = await dispatchDue(deps, { slotAt: SLOT })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const profile = await profiling?.stop(args.profile)
    const { peak, samples } = memory.stop()
    const end = await settledReading(gc)
    if (args.trace) writeTrace(args.trace, samples)
    const line = await (async () => {
      const r = sim.report()
      sim.child.send({ type: 'report' })
      return r
    })()
    const states = await db.all<{ state: string; n: number }>(
      sql`SELECT state, count(*) AS n FROM notices GROUP BY state ORDER BY state`,
    )
    const floor = N / LINE_RATE
    console.log(`Notice dispatch: ${N} hold-ready notices, one push each`)
    console.log(`  LINE simulator: own process, loopback HTTP, ${LINE_RATE} pushes/s limit`)
    console.log('  LINE transport: node:http (installLineFetch, as bot/node.ts)')
    console.log(
      `  dispatcher: ${DISPATCH_DEFAULTS.pushesPerSecond} pushes/s pacing, ${DISPATCH_DEFAULTS.concurrency} in flight`,
    )
    console.log(
      `  wall time        ${seconds.toFixed(2)} s  (floor ${floor.toFixed(2)} s, ${(seconds / floor).toFixed(2)}× floor)`,
    )
    console.log(`  throughput       ${(N / seconds).toFixed(0)} pushes/s`)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    console.log(
      `  dispatcher CPU   ${cpuSeconds.toFixed(2)} s  (${((cpuSeconds / N) * 1000).toFixed(2)} ms per push)`,
    )
    console.log(
      `    user / system  ${(cpu.user / 1e6).toFixed(2)} s / ${(cpu.system / 1e6).toFixed(2)} s  (${(cpu.user / N / 1000).toFixed(3)} / ${(cpu.system / N / 1000).toFixed(3)} ms per push)`,
    )
    console.log(
      `  simulator CPU    ${line.cpuSeconds.toFixed(2)} s  (${((line.cpuSeconds / N) * 1000).toFixed(2)} ms per push, LINE's side)`,
    )
    console.log('  memory           start (settled) / peak (sampled) / end (settled)')
    console.log(`    RSS            ${mb(start.rss)} / ${mb(peak.rss)} / ${mb(end.rss)}`)
    console.log(
      `    heap used      ${mb(start.heapUsed)} / ${mb(peak.heapUsed)} / ${mb(end.heapUsed)}`,
    )
    if (args.trace) console.log(`    trace          ${samples.length} samples in ${args.trace}`)
    console.log(
      `  push calls       ${line.calls}  (200: ${line.accepted}, 409: ${line.repeats}, 429: ${line.rateLimited})`,
    )
    console.log(`  patrons reached  ${line.usersReached} / ${N}`)
    console.log(`  duplicates       ${line.duplicates}`)
    console.log(`  notice states    ${states.map((s) => `${s.state} ${s.n}`).join(', ')}`)
    console.log(
      `  report           sent ${report.sent}, failed ${report.failed}, deferred ${report.deferred}`,
    )
    if (args.json)
      console.log(
        JSON.stringify({
          notices: N,
          seconds,
          floor,
          cpuMsPerPush: (cpuSeconds / N) * 1000,
          userMsPerPush: cpu.user / N / 1000,
          systemMsPerPush: cpu.system / N / 1000,
          rss: { start: start.rss, peak: peak.rss, end: end.rss },
          heapUsed: { start: start.heapUsed, peak: peak.heapUsed, end: end.heapUsed },
          duplicates: line.duplicates,
          reached: line.usersReached,
        }),
      )
    if (profile)
      console.log(`\nCPU profile of the dispatch (${args.profile}):\n${selfTimeTable(profile, 15)}`)
    if (line.duplicates > 0 || line.usersReached !== N || report.sent !== N) process.exitCode = 1
  } finally {
    sim.child.kill()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
