/**
 * `npm run bench:front [-- --rounds 100] [--latency 30] [--record]`
 *
 * Front mode's page cost: bunko's own SIP2 server over the demo library stands in for the
 * ILS, a proxy adds `--latency` ms to every round trip, and the SIP2 adapter answers what the
 * LIFF loans page (GET /api/loans → `loans()`) and holds page (GET /api/holds → `holds()`) ask
 * for, for a patron with 10 loans and 5 holds. Prints p50/p95 per page and the ILS requests
 * each page costs (counted at the proxy; 17 answers are cached 30 s, so the first load and a
 * reload within 30 s are reported apart). `--record` writes the figures to RESULTS.md.
 *
 * `--part poll [--patrons 10000] [--compare 1000]`: the front-mode notice poll of that many
 * linked patrons at SIP2_MAX_RPS=200 (test/bench/front-poll.ts), in its own RESULTS.md section.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { eq, sql } from 'drizzle-orm'
import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import { nodeConnector } from '../../bot/sip2/client/node-socket.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import { checkoutRequest, loginRequest } from '../../bot/sip2/index.ts'
import { Sip2Client } from '../../bot/sip2/node-client.ts'
import { addKiosk } from '../../bot/sip2/server/kiosks.ts'
import { listenSip2 } from '../../bot/sip2/server/listen.ts'
import { patrons } from '../../db/schema.ts'
import { startFaultProxy } from '../sip2/fault-proxy.ts'
import { startBunko } from '../support/bunko.ts'
import { POLL_HEADING, pollBench } from './front-poll-report.ts'
import { load } from './report.ts'
import { replaceSection } from './results-file.ts'
import { quantile } from './stats.ts'

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100' },
    latency: { type: 'string', default: '30' },
    record: { type: 'boolean', default: false },
    /** Linked patrons the notice poll asks about (1,000 for a quick run). */
    patrons: { type: 'string', default: '10000' },
    /** `pages`, `poll` or both (default). */
    part: { type: 'string', default: 'all' },
    /** Bench patrons polled the old way (holds() and loans(): four 63s each), for comparison. */
    compare: { type: 'string', default: '1000' },
  },
})
const rounds = Number(args.rounds)
const latency = Number(args.latency)
const KIOSK = {
  login: 'bench-front',
  password: 'bench-front-2026',
  institutionId: 'hirakata',
  placeName: '中央図書館',
}
const PATRON = '1000000013'

const loadStart = load()
const b = await startBunko({ realTime: true })
await addKiosk(b.db, KIOSK, b.clock.now())
const server = await listenSip2(
  {
    db: b.db,
    policy: b.config.policy,
    log: b.log,
    now: () => b.clock.now(),
    wallNow: () => Date.now(),
  },
  { port: 0 },
)
const proxy = await startFaultProxy(server.port)
const config: Sip2FrontConfig = {
  host: '127.0.0.1',
  port: proxy.port,
  user: KIOSK.login,
  password: KIOSK.password,
  institution: KIOSK.institutionId,
  location: '',
  charset: 'utf-8',
  tls: false,
  checksum: 'strict',
  maxRps: 1000,
  timeoutMs: 5000,
  maxConnections: 4,
  titleHolds: true,
  opacUrl: null,
  emailNotices: false,
}
const pool = new Sip2Pool(nodeConnector(), config)
const library = sip2LibrarySystem({ db: b.db, policy: b.config.policy, pool, config })
const [row] = await b.db.orm.select().from(patrons).where(eq(patrons.number, PATRON))
const patronId = row!.id

/** Top the patron up to 10 loans (kiosk checkouts) and 5 holds (15 +) on free titles. */
async function prepare() {
  const kiosk = await Sip2Client.connect({ host: '127.0.0.1', port: server.port })
  await kiosk.request(loginRequest(KIOSK.login, KIOSK.password))
  const who = { institution: KIOSK.institutionId, patron: PATRON, at: b.clock.now() }
  const free = await b.db.all<{ barcode: string; titleId: number }>(
    sql`SELECT c.barcode AS barcode, c.title_id AS titleId FROM copies c JOIN titles t ON t.id = c.title_id
     WHERE c.status = 'on_shelf' AND t.material_type = 'book' AND t.not_for_loan = 0 AND t.set_id IS NULL
       AND c.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
     GROUP BY t.id ORDER BY c.id LIMIT 40`,
  )
  const now = b.clock.now()
  let loans = (await library.loans(patronId, now)) as { ok: true; value: unknown[] }
  for (const copy of free.slice(0, 10 - loans.value.length))
    await kiosk.request(checkoutRequest(who, copy.barcode))
  const held = (await library.holds({ patronId }, now)) as { ok: true; value: unknown[] }
  const places = (await library.places()) as { ok: true; value: { id: number }[] }
  for (const copy of free.slice(20, 20 + 5 - held.value.length))
    await library.placeHolds(
      { patronId, titleIds: [copy.titleId], pickupPlaceId: places.value[0]!.id },
      now,
    )
  loans = (await library.loans(patronId, now)) as { ok: true; value: unknown[] }
  kiosk.close()
  return {
    loans: loans.value.length,
    holds: ((await library.holds({ patronId }, now)) as { value: unknown[] }).value.length,
  }
}

const doPages = args.part !== 'poll'
const doPoll = args.part !== 'pages'
const counts = doPages ? await prepare() : { loans: 0, holds: 0 }
proxy.latencyMs = latency
const total = () => [...proxy.seen.values()].reduce((a, n) => a + n, 0)

/** Without the 17 cache: a first visit. The pool (its logged-in connections) is shared. */
const uncached = sip2LibrarySystem({
  db: b.db,
  policy: b.config.policy,
  pool,
  config,
  itemCacheMs: 0,
})

async function timed(samples: number[], requests: number[], run: () => Promise<{ ok: boolean }>) {
  const before = total()
  const t0 = performance.now()
  const answer = await run()
  samples.push(performance.now() - t0)
  requests.push(total() - before)
  if (!answer.ok) throw new Error('refused')
}

async function page(name: string, run: (l: typeof library) => Promise<{ ok: boolean }>) {
  const cold: number[] = []
  const warm: number[] = []
  const coldRequests: number[] = []
  const warmRequests: number[] = []
  for (let i = 0; i < rounds; i++) {
    await timed(cold, coldRequests, () => run(uncached))
    await timed(warm, warmRequests, () => run(library))
  }
  const s = (x: number[]) => [...x].sort((a, c) => a - c)
  const stats = (t: number[], r: number[]) => ({
    p50: quantile(s(t), 0.5),
    p95: quantile(s(t), 0.95),
    requests: quantile(s(r), 0.5),
  })
  return { name, cold: stats(cold, coldRequests), warm: stats(warm, warmRequests) }
}

const now = b.clock.now()
const results = !doPages
  ? []
  : [
      await page('loans page (`loans()`)', (l) => l.loans(patronId, now)),
      await page('holds page (`holds()`)', (l) => l.holds({ patronId }, now)),
    ]
const loadEnd = load()
const f = (n: number) => n.toFixed(1)
const lines = [
  `## Front mode over SIP2 (\`npm run bench:front\`)`,
  '',
  `Recorded ${new Date().toISOString().slice(0, 10)}: ${latency} ms added per SIP2 round trip by the test proxy, a patron with ${counts.loans} loans and ${counts.holds} holds, each page loaded ${rounds} times with an empty 17 cache (first load) and ${rounds} times right after (reload).`,
  '',
  '| page | first load p50 ms | first load p95 ms | ILS requests | reload p50 ms | reload p95 ms | ILS requests |',
  '|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${f(r.cold.p50)} | ${f(r.cold.p95)} | ${r.cold.requests} | ${f(r.warm.p50)} | ${f(r.warm.p95)} | ${r.warm.requests} |`,
  ),
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; load average ${loadStart} at the start, ${loadEnd} at the end`,
  `Command: \`npm run bench:front -- --rounds ${rounds} --latency ${latency}${args.record ? ' --record' : ''}\``,
  '',
  'The adapter sends 63 twice per list (charged and overdue items; ready and waiting holds) and',
  '17 once per item not in its 30-second cache, up to 4 connections at once, so a page costs',
  'about three round trips of latency when the cache is cold and one when it is warm.',
]
if (doPages) {
  console.log(lines.join('\n'))
  if (args.record)
    writeFileSync(
      RESULTS,
      replaceSection(readFileSync(RESULTS, 'utf8'), '## Front mode over SIP2', lines.join('\n')),
    )
}
if (doPoll) {
  const section = await pollBench(b, proxy, config, {
    patrons: Number(args.patrons),
    latency,
    compare: Number(args.compare),
    command: `npm run bench:front -- --part poll --patrons ${args.patrons} --latency ${latency} --compare ${args.compare}${args.record ? ' --record' : ''}`,
  })
  console.log(section)
  if (args.record)
    writeFileSync(RESULTS, replaceSection(readFileSync(RESULTS, 'utf8'), POLL_HEADING, section))
}
await pool.close()
await proxy.close()
await server.close()
await b.close()
