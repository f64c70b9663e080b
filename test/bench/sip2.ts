/**
 * `npm run bench:sip2 [-- --titles 1000000] [--kiosks 20] [--seconds 20] [--record]`
 *
 * Builds a library of N titles (the `npm run db:seed` generator), serves it as `npm start`
 * does, and has K kiosks on loopback each lend and take back its own copy over SIP2 for S
 * seconds: transactions per second and latency percentiles. Then, one at a time, the same
 * checkout and checkin as one SIP2 round trip and as one POST to the counter's HTTP routes,
 * interleaved in the same run. `--record` appends the figures to test/bench/RESULTS.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { checkinRequest, checkoutRequest, loginRequest, type Who } from '../../bot/sip2/index.ts'
import { Sip2Client } from '../../bot/sip2/node-client.ts'
import { writeLargeLibrary } from '../../db/seed/large-write.ts'
import { progressBar } from '../../db/seed/progress.ts'
import { openSqlite } from '../../db/sqlite.ts'
import { load, machine } from './report.ts'
import { replaceSection } from './results-file.ts'
import { KIOSK_PASSWORD, type Lane, pickLanes, startServers } from './sip2-setup.ts'
import { quantile } from './stats.ts'

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const { values: args } = parseArgs({
  options: {
    titles: { type: 'string', default: '1000000' },
    kiosks: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '200' },
    record: { type: 'boolean', default: false },
  },
})
const titles = Number(args.titles)
const kiosks = Number(args.kiosks)
const seconds = Number(args.seconds)
const rounds = Number(args.rounds)

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const pct = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b)
  return { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99) }
}

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  const out = await run()
  samples.push(performance.now() - t0)
  return out
}

async function kiosk(port: number, lane: Lane): Promise<Sip2Client> {
  const c = await Sip2Client.connect({ host: '127.0.0.1', port })
  const ok = await c.request(loginRequest(lane.kiosk, KIOSK_PASSWORD))
  if (ok.message.fixed.ok !== '1') throw new Error('kiosk login refused')
  return c
}

const who = (lane: Lane): Who => ({
  institution: 'hirakata',
  patron: lane.patron.number,
  at: Date.now(),
})

/** One checkout and one checkin over SIP2; throws if either is refused. */
async function sip2Cycle(c: Sip2Client, lane: Lane, out: number[], back: number[]) {
  const a = await timed(out, () => c.request(checkoutRequest(who(lane), lane.barcode)))
  const b = await timed(back, () => c.request(checkinRequest(who(lane), lane.barcode)))
  if (a.message.fixed.ok !== '1' || b.message.fixed.ok !== '1')
    throw new Error('SIP2 cycle refused')
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bunko-bench-sip2-'))
  const loadBefore = load()
  try {
    const path = join(dir, 'library.db')
    console.error(`building ${titles.toLocaleString('en')} titles…`)
    const bar = progressBar(process.stderr, 'titles')
    await writeLargeLibrary(path, { titles, now: Date.now(), seed: 1 }, bar.update)
    bar.done()
    const db = openSqlite(path)
    const [v] = await db.all<{ v: string }>(sql`SELECT sqlite_version() AS v`)
    const servers = await startServers(db, kiosks)
    const lanes = await pickLanes(db, kiosks + 1, servers.place.id, Date.now())
    // The one-at-a-time phase uses the first kiosk account with a patron and copy of its own.
    const solo = { ...lanes.pop()!, kiosk: 'bench-kiosk-1' }

    // One round trip each way, SIP2 and the counter's HTTP routes, interleaved.
    const c = await kiosk(servers.sip2Port, solo)
    const s = { out: [] as number[], back: [] as number[] }
    const h = { out: [] as number[], back: [] as number[] }
    const lendPath = `/counter/patrons/${solo.patron.id}/lend`
    for (let i = 0; i < rounds + 20; i++) {
      const keep = i >= 20
      await sip2Cycle(c, solo, keep ? s.out : [], keep ? s.back : [])
      // A counter scan is a POST and the GET of the page it redirects to, as staff wait for both.
      const lent = await timed(keep ? h.out : [], () =>
        servers.desk.submit(lendPath, { barcode: solo.barcode }),
      )
      const back = await timed(keep ? h.back : [], () =>
        servers.desk.submit('/counter/return', { barcode: solo.barcode }),
      )
      if (!lent.html.includes('貸し出しました') || !back.html.includes('返却しました'))
        throw new Error('counter cycle refused')
    }
    c.close()

    // K kiosks at once for S seconds.
    const clients = await Promise.all(lanes.map((l) => kiosk(servers.sip2Port, l)))
    const all: number[] = []
    const until = performance.now() + seconds * 1000
    const t0 = performance.now()
    await Promise.all(
      clients.map(async (k, i) => {
        while (performance.now() < until) await sip2Cycle(k, lanes[i]!, all, all)
      }),
    )
    const elapsed = (performance.now() - t0) / 1000
    for (const k of clients) k.close()
    await servers.close()
    db.close()

    const load20 = pct(all)
    const rows = [
      ['SIP2 checkout (11→12), one kiosk', pct(s.out)],
      ['counter HTTP lend (POST …/lend, 303, GET), one desk', pct(h.out)],
      ['SIP2 checkin (09→10), one kiosk', pct(s.back)],
      ['counter HTTP return (POST /counter/return, 303, GET), one desk', pct(h.back)],
    ] as const
    const text = [
      '',
      `## SIP2 kiosks (npm run bench:sip2), recorded ${new Date().toISOString().slice(0, 10)}`,
      '',
      `${kiosks} kiosks over loopback, each lending and taking back its own copy for ${seconds} s on a ${titles.toLocaleString('en')}-title library:`,
      `**${(all.length / elapsed).toFixed(0)} transactions/s** (${all.length.toLocaleString('en')} in ${elapsed.toFixed(1)} s), p50 ${ms(load20.p50)} ms, p99 ${ms(load20.p99)} ms per transaction.`,
      '',
      '| one round trip, same run | n | p50 ms | p99 ms |',
      '|---|---|---|---|',
      ...rows.map(([name, r]) => `| ${name} | ${r.n} | ${ms(r.p50)} | ${ms(r.p99)} |`),
      '',
      `Machine: ${machine(v?.v ?? '?')}; load average ${loadBefore} at the start, ${load()} at the end`,
      `Command: \`npm run bench:sip2 -- ${process.argv.slice(2).join(' ')}\``.replace(' -- `', '`'),
      '',
      'Both paths call the same `lend` and `giveBack` (bot/counter) and write the same audit rows; the',
      'HTTP figure includes rendering the counter page that staff see after each scan, the SIP2',
      'figure the kiosk’s answer. Timings are wall-clock from the client, so they include loopback.',
      '',
    ].join('\n')
    console.log(text)
    if (args.record)
      writeFileSync(
        RESULTS,
        replaceSection(
          existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : null,
          '## SIP2 kiosks',
          text,
        ),
      )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Exit either way: a failed run must not leave its servers holding the process open.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
