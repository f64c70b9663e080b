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
import { openD1 } from '../../db/client.ts'
import { seedReadyNotices } from '../support/ready-notices.ts'
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
  BUNKO_DEMO: '0', // real LINE credentials below: production mode
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
  await seedReadyNotices(db, { n: N, slot, pickupBy: '2099-12-31' })
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
    // the slot marker, erasing reading records, pruning old sign-in attempts and webhook
    // ids). A bound of 2 per push + 17 leaves DEFAULT_PUSH_LIMIT room for a retry of every
    // push (each retry is another fetch). A backlog of reading records (the first slot after a
    // library with years of history moves to bunko) adds up to db/retention.ts's 25 rounds,
    // one batch each: 2 × 400 + 17 + 25 still fits the paid plan's 1,000.
    console.info('workers.subrequests', JSON.stringify({ limit: LIMIT, runs }))
    for (const run of runs) expect(run.fetches + run.d1).toBeLessThanOrEqual(2 * run.pushes + 17)
    expect(2 * DEFAULT_PUSH_LIMIT + 17).toBeLessThanOrEqual(1000)
  })
})
