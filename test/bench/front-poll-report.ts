/** The notice-poll part of `npm run bench:front`: its runs and its RESULTS.md section. */
import { cpus } from 'node:os'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import type { FaultProxy } from '../sip2/fault-proxy.ts'
import type { Bunko } from '../support/bunko.ts'
import { MAX_RPS, type PollRun, pollOnly, runPoll, seedPollPatrons } from './front-poll.ts'
import { load } from './report.ts'

export const POLL_HEADING = '## Front-mode notice poll over SIP2'

export async function pollBench(
  b: Bunko,
  proxy: FaultProxy,
  config: Sip2FrontConfig,
  opts: { patrons: number; latency: number; compare: number; command: string },
): Promise<string> {
  const loadStart = load()
  const t0 = performance.now()
  const seeded = await seedPollPatrons(b, opts.patrons)
  const seedSeconds = (performance.now() - t0) / 1000
  const runs: PollRun[] = []
  const latencies = [...new Set([0, opts.latency])]
  for (const latency of latencies) {
    runs.push(await runPoll(b, proxy, config, { label: 'one 63', latency, onePerPatron: true }))
    console.error(`poll at ${latency} ms: ${runs.at(-1)!.wallSeconds.toFixed(1)} s`)
  }
  if (opts.compare > 0) {
    await pollOnly(b, Math.min(opts.compare, opts.patrons))
    const label = 'holds() + loans()'
    runs.push(
      await runPoll(b, proxy, config, { label, latency: opts.latency, onePerPatron: false }),
    )
    await pollOnly(b, opts.patrons)
  }
  const loadEnd = load()
  const f1 = (n: number) => n.toFixed(1)
  const codes = (r: PollRun) =>
    Object.entries(r.byCode)
      .map(([c, n]) => `${c}×${n}`)
      .join(', ')
  return [
    `${POLL_HEADING} (\`npm run bench:front -- --part poll\`)`,
    '',
    `Recorded ${new Date().toISOString().slice(0, 10)}: ${seeded.linked} linked patrons (${opts.patrons} of them added in bulk in ${seedSeconds.toFixed(2)} s), ${seeded.ready} ready holds and ${seeded.late} overdue loans in the ILS (one bench patron in 20 has a ready hold, one in 50 an overdue loan; the rest are the demo library's unlinked patrons'); one notice slot's poll (\`pollNotices\`, the step \`runSlot\` runs in front mode) through the SIP2 adapter at SIP2_MAX_RPS=${MAX_RPS}, pool of connections as shown (4 is SIP2_POOL_SIZE's default), to bunko's own SIP2 server through the test proxy adding the latency shown per round trip. The floor is the requests the poll made ÷ ${MAX_RPS}/s. CPU is the whole process's: the ILS's SIP2 server runs in it too.`,
    '',
    '| poll asks | latency ms | pool | patrons | wall s | floor s | wall ÷ floor | SIP2 requests | per patron | CPU s | peak RSS MB | notices queued |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.latency} | ${r.poolSize} | ${r.patrons} | ${f1(r.wallSeconds)} | ${f1(r.floorSeconds)} | ${(r.wallSeconds / r.floorSeconds).toFixed(2)} | ${r.requests} (${codes(r)}) | ${(r.requests / r.patrons).toFixed(2)} | ${f1(r.cpuSeconds)} | ${Math.round(r.peakRssMb)} | ${r.queued} |`,
    ),
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; load average ${loadStart} at the start, ${loadEnd} at the end`,
    `Command: \`${opts.command}\``,
    '',
    'The poll asks one 63 per patron (AS, the ready holds; its fixed fields count the overdue',
    'items), a second 63 (AT) and a 17 per item only for a patron with something overdue, and',
    "one 98 per run (93 is each connection's login): just over one request per patron. Before",
    'this it asked holds() and loans(): four 63s per patron (AS, CD, AU, AT) and a 17 per',
    'loan, shown in the last row on the first bench patrons only. The token bucket starts with',
    "one second's burst, so a small run can beat its floor. With latency, a connection carries",
    'one request per round trip, so 4 connections cap the rate below 200/s at 30 ms: a library',
    'that wants SIP2_MAX_RPS as the only limit sets SIP2_POOL_SIZE to about 200 × its round',
    'trip in seconds, with room. (A pool of 12 was tried and not recorded: after the earlier',
    "runs, its extra 93 logins were refused by bunko's own server, apparently under the",
    'ACC-SECRET sign-in attempt limits that kiosk logins share, and the poll stopped as if the',
    'ILS were down.)',
  ].join('\n')
}
