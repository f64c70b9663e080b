/**
 * `npm run bench:memory [-- --patrons 100000 --per-slot 5000 --record]`
 *
 * Server memory over three notice slots: a SQLite file with `patrons` linked patrons (each
 * with a ready hold), the whole app built over it as the server holds it, and three slots run
 * one after another as the scheduler runs them (runSlot: expiry, overdue reminders, dispatch),
 * each sending `per-slot` hold-ready notices to the LINE simulator in its own process at
 * LINE's 2,000 pushes a second. RSS and heap are read settled after each slot (a full GC and a
 * pause, test/notices/bench-memory.ts): they must not grow from slot to slot. Each slot's peak
 * RSS, sampled every 100 ms while it runs, is shown beside them.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { createApp } from '../../bot/app.ts'
import { readConfig } from '../../bot/config.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import { installLineFetch } from '../../bot/node-line-fetch.ts'
import { runSlot } from '../../bot/notices/run-slot.ts'
import { jstInstant } from '../../core/index.ts'
import { raw } from '../../db/client.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { fullGc, memorySampler, settledReading } from '../notices/bench-memory.ts'
import { seedReadyNotices } from '../support/ready-notices.ts'
import { replaceSection } from './results-file.ts'

const { values: args } = parseArgs({
  options: {
    patrons: { type: 'string', default: '100000' },
    'per-slot': { type: 'string', default: '5000' },
    record: { type: 'boolean', default: false },
  },
})
const patrons = Number(args.patrons)
const perSlot = Number(args['per-slot'])
const SLOTS = [
  jstInstant('2026-06-10', '10:00'),
  jstInstant('2026-06-10', '16:00'),
  jstInstant('2026-06-11', '10:00'),
]
const load0 = loadavg()[0]!

function startLine(count: number) {
  const child = fork(
    fileURLToPath(new URL('../notices/bench-sim.ts', import.meta.url)),
    [String(count)],
    {
      execArgv: ['--import', 'tsx'],
    },
  )
  const ready = new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    child.on('message', (m: { type: string; origin?: string }) => {
      if (m.type === 'ready') resolve(m.origin!)
    })
  })
  return { child, ready }
}

/** `perSlot` more hold-ready notices due at `slot`, spread over every patron. */
async function queueSlot(db: ReturnType<typeof openSqlite>, slot: number, n: number) {
  const step = Math.max(1, Math.floor(patrons / n))
  const uuid = sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)))`
  await db.batch([
    raw(sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})
      INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
        attempts, created_at)
      SELECT ${uuid}, 'hold_ready:' || (i * ${step} + 1) || ':' || ${slot}, i * ${step} + 1,
        'hold_ready', i * ${step} + 1, 'standard', ${slot}, 'pending', 0, 0
      FROM n RETURNING id`),
  ])
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

const dir = mkdtempSync(join(tmpdir(), 'bunko-memory-bench-'))
const db = openSqlite(join(dir, 'memory.db'))
const line = startLine(patrons)
try {
  migrate(db)
  // Every patron linked with a ready hold; their first notices are due long before the slots
  // and already sent, so each slot sends only its own.
  await seedReadyNotices(db, { n: patrons, slot: 0, pickupBy: '2026-06-30' })
  await db.all(sql`UPDATE notices SET state = 'sent', sent_at = 0 RETURNING id`)
  const origin = await line.ready
  const config = readConfig(
    { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin, LINE_DATA_API_BASE_URL: origin },
    { publicUrl: origin },
  )
  installLineFetch(config.line) // as bot/node.ts does
  let now = SLOTS[0]!
  const deps = {
    db,
    library: embeddedLibrarySystem(db, config.policy),
    line: lineClients(config),
    clock: { now: () => now },
    config,
    log: memoryLog(),
  }
  const app = createApp(deps)
  const rows: {
    slot: string
    sent: number
    seconds: number
    peakRss: number
    rss: number
    heap: number
  }[] = []
  const gc = fullGc()
  const start = await settledReading(gc)
  for (const slot of SLOTS) {
    await queueSlot(db, slot, perSlot)
    now = slot
    const sampler = memorySampler()
    const t0 = performance.now()
    const report = await runSlot(deps, slot)
    const seconds = (performance.now() - t0) / 1000
    const { peak } = sampler.stop()
    const m = await settledReading(gc)
    rows.push({
      slot: new Date(slot + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      sent: report.dispatch?.sent ?? 0,
      seconds,
      peakRss: peak.rss,
      rss: m.rss,
      heap: m.heapUsed,
    })
  }
  const answered = await app.request('/healthz')
  const lines = [
    `${patrons.toLocaleString('en')} linked patrons, each with a ready hold; ${perSlot.toLocaleString('en')} hold-ready notices per slot. RSS and heap are settled readings (a full GC, 500 ms, another full GC); peak RSS is the highest of readings every 100 ms while the slot ran, garbage and SQLite's page cache included.`,
    '',
    '| after | notices sent | seconds | peak RSS MB during the slot | RSS MB | heap used MB |',
    '|---|---|---|---|---|---|',
    `| start (app built, data loaded) | – | – | – | ${mb(start.rss)} | ${mb(start.heapUsed)} |`,
    ...rows.map(
      (r) =>
        `| slot ${r.slot} JST | ${r.sent} | ${r.seconds.toFixed(1)} | ${mb(r.peakRss)} | ${mb(r.rss)} | ${mb(r.heap)} |`,
    ),
    '',
    `RSS from the first slot to the third: ${rows[2]!.rss >= rows[0]!.rss ? '+' : ''}${mb(rows[2]!.rss - rows[0]!.rss)} MB; heap ${rows[2]!.heap >= rows[0]!.heap ? '+' : ''}${mb(rows[2]!.heap - rows[0]!.heap)} MB. The app answered /healthz ${answered.status} afterwards.`,
  ]
  console.log(lines.join('\n'))
  if (rows.some((r) => r.sent !== perSlot)) process.exitCode = 1
  if (args.record) {
    const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
    const heading = '## Server memory (`npm run bench:memory`)'
    const section = [
      heading,
      '',
      `Recorded ${new Date().toISOString().slice(0, 10)}.`,
      '',
      ...lines,
      '',
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
      `Command: \`npm run bench:memory -- --patrons ${patrons} --per-slot ${perSlot} --record\``,
    ].join('\n')
    writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), heading, section))
  }
} finally {
  line.child.kill()
  db.close()
  rmSync(dir, { recursive: true, force: true })
}
