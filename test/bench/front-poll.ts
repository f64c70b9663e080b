/**
 * Front mode's notice poll at scale (issue 14), for `npm run bench:front`: `patrons` linked
 * patrons are added in bulk to the database bunko's own SIP2 server (the "ILS") answers from,
 * and linked in bunko's line_links (the adapter shares that database, as test/sip2/front.ts
 * does); one in 20 has a ready hold and one in 50 an overdue loan. One notice slot's poll
 * (pollNotices, the step runSlot runs in front mode) asks the ILS through the SIP2 adapter at
 * SIP2_MAX_RPS=200 with a pool of 4 connections (SIP2_POOL_SIZE's default), through the fault proxy at each
 * latency asked for. Requests are counted at the proxy; CPU is the whole process's, so it
 * includes the ILS's side (the SIP2 server runs in the same process).
 */
import { type SQL, sql } from 'drizzle-orm'
import type { AppDeps } from '../../bot/deps.ts'
import { pollNotices } from '../../bot/notices/poll.ts'
import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import { nodeConnector } from '../../bot/sip2/client/node-socket.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import { addDays, jstDate, type LibrarySystem } from '../../core/index.ts'
import type { FaultProxy } from '../sip2/fault-proxy.ts'
import type { Bunko } from '../support/bunko.ts'

export const MAX_RPS = 200
const FIRST_NUMBER = 3_000_000_000

/** A statement on the benchmark's better-sqlite3 database (bulk writes need no RETURNING). */
const run = (b: Bunko, query: SQL) => (b.db.orm as unknown as { run(q: SQL): unknown }).run(query)

export interface PollRun {
  label: string
  latency: number
  poolSize: number
  patrons: number
  wallSeconds: number
  requests: number
  byCode: Record<string, number>
  floorSeconds: number
  cpuSeconds: number
  peakRssMb: number
  queued: number
}

/** Adds `n` patrons with links, ready holds (1 in 20) and overdue loans (1 in 50) in bulk. */
export async function seedPollPatrons(b: Bunko, n: number) {
  const now = b.clock.now()
  const today = jstDate(now)
  await run(
    b,
    sql`
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
    INSERT INTO patrons (number, name, created_at)
    SELECT CAST(${FIRST_NUMBER} + i AS TEXT), '試験 利用者' || i, ${now} FROM k`,
  )
  await run(
    b,
    sql`
    INSERT INTO line_links (line_user_id, patron_id, linked_at)
    SELECT 'Ubench' || id, id, ${now} FROM patrons WHERE CAST(number AS INTEGER) > ${FIRST_NUMBER}`,
  )
  // Free copies, one per title, handed out to every 20th patron (ready) and every 50th (overdue).
  await run(
    b,
    sql`CREATE TEMP TABLE bench_free AS
    SELECT row_number() OVER (ORDER BY min(c.id)) AS r, min(c.id) AS copy_id, c.title_id AS title_id
    FROM copies c JOIN titles t ON t.id = c.title_id
    WHERE c.status = 'on_shelf' AND c.withdrawn_at IS NULL AND t.set_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = c.title_id)
      AND NOT EXISTS (SELECT 1 FROM loans l JOIN copies c2 ON c2.id = l.copy_id
                      WHERE c2.title_id = c.title_id AND l.returned_at IS NULL)
    GROUP BY c.title_id`,
  )
  const [place] = await b.db.all<{ id: number }>(
    sql`SELECT id FROM places WHERE name = '中央図書館'`,
  )
  const bench = sql`SELECT id, row_number() OVER (ORDER BY id) AS r FROM patrons
    WHERE CAST(number AS INTEGER) > ${FIRST_NUMBER}`
  const [free] = await b.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM bench_free`)
  const readyEvery = 20
  const lateEvery = 50
  // The catalogue has a few thousand free titles: patrons share them round the list.
  await run(
    b,
    sql`
    INSERT INTO holds (patron_id, title_id, copy_id, pickup_place_id, placed_at, state, ready_at, pickup_by)
    SELECT p.id, f.title_id, NULL, ${place!.id}, ${now - 86_400_000}, 'ready', ${now - 3_600_000},
      ${addDays(today, 7)}
    FROM (${bench}) p JOIN bench_free f ON f.r = 1 + ((p.r / ${readyEvery}) % ${free!.n})
    WHERE p.r % ${readyEvery} = 0`,
  )
  const late = addDays(today, -10)
  await run(
    b,
    sql`
    INSERT INTO loans (copy_id, patron_id, library_id, loan_date, due_date, loaned_at)
    SELECT f.copy_id, p.id, ${place!.id}, ${addDays(today, -24)}, ${late}, ${now - 24 * 86_400_000}
    FROM (${bench}) p JOIN bench_free f ON f.r = ${free!.n} - ((p.r / ${lateEvery}) % ${free!.n})
    WHERE p.r % ${lateEvery} = 0 AND (p.r / ${lateEvery}) < ${free!.n} / 2`,
  )
  const counts = await b.db.all<{ linked: number; ready: number; late: number }>(sql`SELECT
    (SELECT count(*) FROM line_links WHERE followed = 1) AS linked,
    (SELECT count(*) FROM holds WHERE state = 'ready') AS ready,
    (SELECT count(*) FROM loans WHERE returned_at IS NULL AND due_date < ${today}) AS late`)
  return counts[0]!
}

/** Only the first `n` bench patrons (and the demo's own links) are polled. */
export async function pollOnly(b: Bunko, n: number) {
  await run(
    b,
    sql`UPDATE line_links SET followed =
    CASE WHEN patron_id IN (SELECT id FROM patrons WHERE CAST(number AS INTEGER) > ${FIRST_NUMBER + n})
    THEN 0 ELSE 1 END`,
  )
  const [row] = await b.db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM line_links WHERE followed = 1`,
  )
  return row!.n
}

/** One slot's poll through a fresh pool at `latency` ms; what it announced is forgotten after. */
export async function runPoll(
  b: Bunko,
  proxy: FaultProxy,
  config: Sip2FrontConfig,
  opts: { label: string; latency: number; onePerPatron: boolean; poolSize?: number },
): Promise<PollRun> {
  proxy.latencyMs = opts.latency
  const pool = new Sip2Pool(nodeConnector(), {
    ...config,
    maxRps: MAX_RPS,
    maxConnections: opts.poolSize ?? 4,
  })
  const sip2 = sip2LibrarySystem({ db: b.db, policy: b.config.policy, pool, config })
  const library: LibrarySystem = opts.onePerPatron
    ? sip2
    : { ...sip2, notices: { ...sip2.notices, pollPatron: undefined } }
  // What the poll reads of the app's dependencies (runSlot hands it the whole AppDeps).
  const deps: AppDeps = {
    db: b.db,
    library,
    clock: b.clock,
    config: b.config,
    log: b.log,
    line: b.line,
  }
  const seen = () => new Map(proxy.seen)
  const before = seen()
  let peak = process.memoryUsage.rss()
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 100)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const report = await pollNotices(deps, b.clock.now())
  const wallSeconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage.rss())
  const byCode: Record<string, number> = {}
  for (const [code, n] of seen()) {
    const d = n - (before.get(code) ?? 0)
    if (d) byCode[code] = d
  }
  const requests = Object.values(byCode).reduce((a, n) => a + n, 0)
  await pool.close()
  await run(b, sql`DELETE FROM notices`)
  await run(b, sql`DELETE FROM notice_announcements`)
  return {
    label: opts.label,
    latency: opts.latency,
    poolSize: opts.poolSize ?? 4,
    patrons: report.patrons,
    wallSeconds,
    requests,
    byCode,
    floorSeconds: requests / MAX_RPS,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: peak / 2 ** 20,
    queued: report.queued,
  }
}
