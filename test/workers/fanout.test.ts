/**
 * A slot larger than one invocation may send. Each cron or queue invocation pushes at most
 * NOTICE_PUSH_LIMIT; with a NOTICE_QUEUE bound, the cron hands the rest to NOTICE_FANOUT
 * consumers that re-enqueue themselves while notices are due. Every patron gets exactly one
 * push (NOTICE-ONCE), and each invocation's subrequests (fetches to LINE + D1 calls) are
 * counted against the limit that justifies DEFAULT_PUSH_LIMIT.
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { latestSlot } from '../../bot/notices/slots.ts'
import { createLineSimulator, DEMO_USERS, type SimUser } from '../../bot/simulator/index.ts'
import { routeInProcess } from '../../bot/worker/loopback.ts'
import { DEFAULT_PUSH_LIMIT } from '../../bot/worker/notices.ts'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { openD1, raw } from '../../db/client.ts'
import { countingD1 } from './counting-d1.ts'
import { cron, deliverQueue, workerEnv } from './worker-harness.ts'

const N = 23
const LIMIT = 5
const FANOUT = 2
const LINE = 'http://line-fanout.test'
const userOf = (i: number) => `U${i.toString(16).padStart(32, '0')}`

const base = workerEnv('W_FANOUT')
const d1 = countingD1(base.DB)
const queued: unknown[] = []
const wenv = {
  ...base,
  DB: d1.db,
  PUBLIC_URL: 'http://bunko-fanout.test',
  LINE_CHANNEL_SECRET: 'fanout-secret',
  LINE_CHANNEL_ACCESS_TOKEN: 'fanout-token',
  LINE_API_BASE_URL: LINE,
  LINE_DATA_API_BASE_URL: LINE,
  LINE_LOGIN_API_BASE_URL: LINE,
  LINE_LOGIN_CHANNEL_ID: '1650000098',
  LIFF_ID: '1650000098-fanout',
  NOTICE_PUSH_LIMIT: String(LIMIT),
  NOTICE_FANOUT: String(FANOUT),
  NOTICE_QUEUE: {
    send: async (body: unknown) => void queued.push(body),
    sendBatch: async (messages: Iterable<{ body: unknown }>) => {
      for (const m of messages) queued.push(m.body)
    },
  },
}

const users: SimUser[] = Array.from({ length: N }, (_, i) => ({
  userId: userOf(i + 1),
  displayName: `patron ${i + 1}`,
  language: 'ja',
  following: true,
}))
const sim = createLineSimulator({
  channelSecret: 'fanout-secret',
  channelAccessToken: 'fanout-token',
  loginChannelId: '1650000098',
  users: [...users, ...DEMO_USERS],
  limits: { monthlyMessageQuota: null },
})
let fetches = 0
routeInProcess(LINE, async (req) => {
  fetches++
  return sim.app.fetch(req)
})

/** Subrequests of the invocation `run` makes: fetches to LINE and D1 calls. */
async function measured(run: () => Promise<unknown>) {
  const [f0, d0, p0] = [fetches, d1.calls(), pushes().length]
  await run()
  return { fetches: fetches - f0, d1: d1.calls() - d0, pushes: pushes().length - p0 }
}
const pushes = () =>
  sim.record.calls({ method: 'POST', path: '/v2/bot/message/push' }).filter((c) => c.status === 200)

/** N linked patrons, each with a ready hold whose notice is due at the latest slot. */
beforeAll(async () => {
  const slot = latestSlot(Date.now(), HIRAKATA_POLICY)
  const db = openD1(base.DB)
  const n = sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})`
  const uuid = sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)))`
  await db.batch([
    raw(sql`INSERT INTO places (id, code, name, kind, phone)
      VALUES (1, 'central', '中央図書館', 'library', '050-7105-8141') RETURNING id`),
    raw(sql`INSERT INTO titles (id, title, author, material_type, created_at)
      VALUES (1, '銀河鉄道の夜', '宮沢賢治', 'book', 0) RETURNING id`),
    raw(sql`${n} INSERT INTO copies (id, barcode, title_id, home_library_id, status,
        current_place_id) SELECT i, 'B' || i, 1, 1, 'on_hold_shelf', 1 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO patrons (id, number, name, created_at)
      SELECT i, 'P' || i, 'patron ' || i, 0 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO line_links (line_user_id, patron_id, linked_at)
      SELECT 'U' || printf('%032x', i), i, 0 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO holds (id, patron_id, title_id, copy_id, pickup_place_id, placed_at,
        state, ready_at, pickup_by, notice_state)
      SELECT i, i, 1, i, 1, 0, 'ready', ${slot - 3_600_000}, '2099-12-31', 'pending' FROM n
      RETURNING id`),
    raw(sql`${n} INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
        attempts, created_at)
      SELECT ${uuid}, 'hold_ready:' || i, i, 'hold_ready', i, 'standard', ${slot}, 'pending', 0, 0
      FROM n RETURNING id`),
  ])
})

describe('a large slot on Workers', () => {
  it('NOTICE-ONCE: bounded invocations and queue consumers reach every patron exactly once', async () => {
    const runs = [await measured(() => cron(wenv))]
    expect(runs[0]!.pushes).toBe(LIMIT)
    expect(queued).toHaveLength(FANOUT)
    while (queued.length) {
      const job = queued.shift()
      runs.push(await measured(() => deliverQueue(wenv, [job])))
      expect(runs.length, 'the chain ends').toBeLessThan(20)
    }
    for (const run of runs) expect(run.pushes).toBeLessThanOrEqual(LIMIT)
    const to = pushes().map((c) => (c.body as { to: string }).to)
    expect(new Set(to).size).toBe(N)
    expect(to).toHaveLength(N)
    const [left] = await openD1(base.DB).all<{ n: number }>(
      sql`SELECT count(*) AS n FROM notices WHERE state <> 'sent'`,
    )
    expect(left?.n).toBe(0)

    // Subrequests per invocation, against the paid plan's 1,000. Measured: one fetch per
    // push, D1 writes batched per claim chunk, plus a fixed part (quota, expiry, overdue,
    // the slot marker). A bound of 2 per push + 15 leaves DEFAULT_PUSH_LIMIT room for a
    // retry of every push (each retry is another fetch).
    console.info('workers.subrequests', JSON.stringify({ limit: LIMIT, runs }))
    for (const run of runs) expect(run.fetches + run.d1).toBeLessThanOrEqual(2 * run.pushes + 15)
    expect(2 * DEFAULT_PUSH_LIMIT + 15).toBeLessThanOrEqual(1000)
  })
})
