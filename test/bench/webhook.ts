/**
 * `npm run bench:webhook [-- --requests N --concurrency C --profile FILE --record]`
 *
 * Webhook throughput and latency with LINE in its own process, as it is in production
 * (webhook-line.ts): it sends the signed requests, one text-message event each, and takes
 * bunko's replies. This process serves only bunko's whole app (signature check, 200, then the
 * event handled after answering: dedup, link lookup, a reply to LINE) and, in the same run on
 * another port, a bare Hono app answering 200, loaded the same way. bunko's throughput counts
 * an event once it is handled (its reply answered), not once its 200 went out. A CPU profile
 * of this process during bunko's load says where its time goes.
 */
import { fork } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, totalmem } from 'node:os'
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
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { selfTimeByArea, selfTimes, selfTimeTable } from './cpu-profile.ts'
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
      child.once('error', reject)
      const on = (m: { type: string }) => {
        if (m.type !== type) return
        child.off('message', on)
        resolve(m as T)
      }
      child.on('message', on)
    })
  return {
    child,
    ready: next<{ origin: string }>('ready'),
    async load(url: string): Promise<LoadResult> {
      const r = next<LoadResult>('loaded')
      child.send({ type: 'load', url, total, c: concurrency })
      return r
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
const db = openSqlite(':memory:')
migrate(db)
const clock = new DemoClock()
await seedDemo(db, clock.now())
const config = readConfig(
  { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin, LINE_DATA_API_BASE_URL: origin },
  { publicUrl: origin },
)
installLineFetch(config.line) // as bot/node.ts does
const background = taskTracker()
const app = createApp({
  db,
  library: embeddedLibrarySystem(db, config.policy),
  line: lineClients(config),
  clock,
  config,
  log: memoryLog(),
  background,
})
const bunko = await listen(app.fetch)
const bareApp = new Hono()
bareApp.post('/webhook', (c) => c.json({}))
const bare = await listen(bareApp.fetch)

/** Load `url`; the run ends when every answer is in and every event handled. */
async function measure(url: string) {
  const t0 = performance.now()
  const answered = await line.load(url)
  await background.idle()
  return { ...answered, rps: total / ((performance.now() - t0) / 1000) }
}

// Warm both up, then measure the bare app first and bunko second, in one run.
await measure(bare.url)
await measure(bunko.url)
const bareResult = await measure(bare.url)
global.gc?.()
const profiling = await startProfiling()
const cpu0 = process.cpuUsage()
const bunkoResult = await measure(bunko.url)
const cpu = process.cpuUsage(cpu0)
const profile = await profiling.stop(args.profile)
const replies = await line.report()
await bunko.close()
await bare.close()
db.close()

type Row = LoadResult & { rps: number }
const row = (name: string, r: Row) =>
  `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failures} |`
const cpuMs = (cpu.user + cpu.system) / 1000
const areas = selfTimeByArea(selfTimes(profile)).slice(0, 10)
const lines = [
  `${total} signed requests per server, ${concurrency} in flight, one text-message event each (ヘルプ, answered with a reply).`,
  '',
  '| server | handled requests/s | p50 ms | p99 ms | non-200 |',
  '|---|---|---|---|---|',
  row('bare Hono app, 200', bareResult),
  row('bunko /webhook (reply sent)', bunkoResult),
  '',
  `bunko: **${((bunkoResult.rps / bareResult.rps) * 100).toFixed(0)}%** of the bare app's throughput; ` +
    `server CPU ${(cpuMs / total).toFixed(2)} ms per request; replies LINE accepted: ${replies.accepted} of ${replies.replies} (${total * 2} events sent to bunko in all, warm-up included).`,
  '',
  "Where bunko's process spends its time during its measured load (V8 sampling profile, self time; `(idle)` is waiting on the network):",
  '',
  selfTimeTable(profile, 15),
  '',
  '| area | self ms |',
  '|---|---|',
  ...areas.map((a) => `| ${a.area} | ${a.ms.toFixed(0)} |`),
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
