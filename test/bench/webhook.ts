/**
 * `npm run bench:webhook [-- --requests N --concurrency C --profile FILE --record]`
 *
 * Webhook throughput and latency with LINE in its own process, as it is in production
 * (webhook-line.ts): it sends the signed requests, one text-message event each, and takes
 * bunko's replies. This process serves only bunko's whole app (signature check, 200, then the
 * event handled after answering: the request counted and the event id recorded, the link
 * lookup, a reply to LINE) on a SQLite file as in production, and, in the same run on another
 * port, a bare Hono app answering 200. Both servers are served the same way (@hono/node-server
 * in this one process, one after the other) and loaded by the same generator in LINE's
 * process. bunko's throughput counts an event once it is handled, that is once LINE has
 * answered its reply, not once its 200 went out. The measured runs are not profiled: a CPU
 * profile of one more bunko run says where its time goes.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../../bot/app.ts'
import { DemoClock } from '../../bot/clock.ts'
import { readConfig } from '../../bot/config.ts'
import { taskTracker } from '../../bot/defer.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import { installLineFetch } from '../../bot/node-line-fetch.ts'
import { verifySignatureNode } from '../../bot/node-signature.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { bunkoTotals, selfTimeByArea, selfTimes, selfTimeTable } from './cpu-profile.ts'
import { startProfiling } from './profiler.ts'
import { replaceSection } from './results-file.ts'
import type { LoadResult } from './webhook-line.ts'

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '32' },
    profile: { type: 'string' },
    record: { type: 'boolean', default: false },
  },
})
const total = Number(args.requests)
const concurrency = Number(args.concurrency)
const load0 = loadavg()[0]!

function startLine() {
  const child = fork(fileURLToPath(new URL('./webhook-line.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  })
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return
        child.off('message', on)
        child.off('error', reject)
        resolve(m as T)
      }
      child.once('error', reject)
      child.on('message', on)
    })
  return {
    child,
    ready: next<{ origin: string }>('ready'),
    async load(url: string, replying: boolean): Promise<LoadResult> {
      const r = next<LoadResult>('loaded')
      child.send({ type: 'load', url, total, c: concurrency, replying })
      return r
    },
    /** LINE's process CPU time so far, ms. */
    async cpu() {
      const r = next<{ ms: number }>('cpu')
      child.send({ type: 'cpu' })
      return (await r).ms
    },
    async report() {
      const r = next<{ replies: number; accepted: number }>('report')
      child.send({ type: 'report' })
      return r
    },
  }
}

async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => server.once('listening', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () => new Promise((r) => server.close(r)),
  }
}

const line = startLine()
const { origin } = await line.ready
// A file with the production pragmas (db/sqlite.ts): each write commits to its WAL, and the
// WAL is checkpointed on a worker thread as bot/node.ts does.
const dir = mkdtempSync(join(tmpdir(), 'bunko-bench-webhook-'))
const db = openSqlite(join(dir, 'bunko.db'), { backgroundCheckpoint: true })
migrate(db)
const clock = new DemoClock()
await seedDemo(db, clock.now())
const config = readConfig(
  { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin, LINE_DATA_API_BASE_URL: origin },
  { publicUrl: origin },
)
installLineFetch(config.line) // as bot/node.ts does
const background = taskTracker()
const log = memoryLog()
const app = createApp({
  db,
  library: embeddedLibrarySystem(db, config.policy),
  line: lineClients(config),
  clock,
  config,
  log,
  background,
  verifySignature: verifySignatureNode, // as bot/node-server.ts gives it
})
const bunko = await listen(app.fetch)
const bareApp = new Hono()
bareApp.post('/webhook', (c) => c.json({}))
const bare = await listen(bareApp.fetch)

/**
 * The main thread's CPU time (ms) on Linux, else null: the event loop's own work, without
 * libuv's thread pool (WebCrypto runs there) and V8's helper threads, which the whole
 * process's `cpuUsage` includes. Ticks are 10 ms (USER_HZ 100).
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** Load `url`; the run ends when every answer is in and every event handled. */
async function measure(url: string) {
  const lineCpu0 = await line.cpu()
  const t0 = performance.now()
  const answered = await line.load(url, url === bunko.url)
  await background.idle()
  const rps = total / ((performance.now() - t0) / 1000)
  return { ...answered, rps, lineCpuMs: (await line.cpu()) - lineCpu0 }
}

// Warm both up, then measure the bare app first and bunko second, in one run; then profile
// one more bunko run (the profiler's sampling would slow the measured one).
await measure(bare.url)
await measure(bunko.url)
const bareResult = await measure(bare.url)
global.gc?.()
const cpu0 = process.cpuUsage()
const main0 = mainThreadCpuMs()
const bunkoResult = await measure(bunko.url)
const cpu = process.cpuUsage(cpu0)
const main1 = mainThreadCpuMs()
const mainMs = main0 === null || main1 === null ? null : main1 - main0
const profiling = await startProfiling()
await measure(bunko.url)
const profile = await profiling.stop(args.profile)
const replies = await line.report()
await bunko.close()
await bare.close()
db.close()
rmSync(dir, { recursive: true, force: true })

/** bunko's log lines above info, counted by level and event ("none" when there were none). */
function problems(lines: string[]): string {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const { level, event } = JSON.parse(line) as { level: string; event: string }
    if (level !== 'info')
      counts.set(`${level} ${event}`, (counts.get(`${level} ${event}`) ?? 0) + 1)
  }
  return counts.size === 0 ? 'none' : [...counts].map(([k, n]) => `${k} × ${n}`).join(', ')
}

type Row = LoadResult & { rps: number; lineCpuMs: number }
const row = (name: string, r: Row) =>
  `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failures} | ${(r.lineCpuMs / total).toFixed(2)} |`
const cpuMs = (cpu.user + cpu.system) / 1000
const areas = selfTimeByArea(selfTimes(profile)).slice(0, 10)
const lines = [
  `${total} signed requests per server, ${concurrency} in flight, one text-message event each (ヘルプ, answered with a reply).`,
  '',
  "| server | handled requests/s | p50 ms | p99 ms | non-200 | LINE's CPU ms per request |",
  '|---|---|---|---|---|---|',
  row('bare Hono app, 200', bareResult),
  row('bunko /webhook (reply sent)', bunkoResult),
  '',
  "LINE's process (the load generator and the reply endpoint) shares the machine's cores with the server: for bunko it also takes each reply, work the bare app's run does not cause.",
  '',
  `bunko: **${((bunkoResult.rps / bareResult.rps) * 100).toFixed(0)}%** of the bare app's throughput; ` +
    `server CPU ${(cpuMs / total).toFixed(2)} ms per request${mainMs === null ? '' : ` (main thread ${(mainMs / total).toFixed(2)} ms)`}; replies LINE accepted: ${replies.accepted} of ${replies.replies} (${total * 3} events sent to bunko in all, warm-up and profiled run included); bunko's warnings and errors: ${problems(log.lines)}.`,
  '',
  `Where bunko's process spends its time during one more run of ${total} requests, profiled (V8 sampling profile, self time; \`(idle)\` is waiting on the network; a native function is named with its caller, \`native ← caller\`):`,
  '',
  selfTimeTable(profile, 15),
  '',
  '| area (a native function counts where its caller lives) | self ms |',
  '|---|---|',
  ...areas.map((a) => `| ${a.area} | ${a.ms.toFixed(0)} |`),
  '',
  "bunko's own functions by total time (self and callees, the synchronous part: what follows an `await` is not inside):",
  '',
  '| function | where | total ms |',
  '|---|---|---|',
  ...bunkoTotals(profile)
    .slice(0, 10)
    .map((r) => `| ${r.fn} | ${r.where} | ${r.ms.toFixed(0)} |`),
]
console.log(lines.join('\n'))
line.child.kill()

if (args.record) {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
  const heading = '## Webhook (`npm run bench:webhook`)'
  const section = [
    heading,
    '',
    `Recorded ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...lines,
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
    `Command: \`npm run bench:webhook -- --requests ${total} --concurrency ${concurrency} --record\``,
  ].join('\n')
  writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), heading, section))
}
