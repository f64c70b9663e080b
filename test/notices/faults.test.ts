/** LINE failing: 429 storms, 500s, Retry-After, retries at later slots, refusals, the month's quota. */
import { afterEach, describe, expect, it } from 'vitest'
import { holdBodies } from '../../bot/api/views/holds.ts'
import { dispatchDue, runSlot } from '../../bot/notices/index.ts'
import { listHolds } from '../../db/hold-list.ts'
import { holds } from '../../db/schema.ts'
import { type Harness, harness, jst, PATRON, PLACE, TITLE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

const PUSH = 'POST /v2/bot/message/push'
const PATRONS = [PATRON.alice, PATRON.bob, PATRON.carol]

async function setUp(opts: Parameters<typeof harness>[0] = {}) {
  h = await harness(opts)
  for (const p of PATRONS) await h.link(p)
  await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
  await h.readyHolds(PATRON.bob, [TITLE.book(2)], PLACE.central, ['B21'])
  await h.readyHolds(PATRON.carol, [TITLE.book(3)], PLACE.central, ['B31'])
  h.clock.set(jst('2026-06-10', '16:00'))
}

/** The ready notice's status as the LIFF holds page gets it (GET /api/holds). */
async function patronNotice(patronId: number) {
  const policy = h.deps.config.policy
  const listed = await listHolds(h.db, { patronId }, h.clock.now(), policy)
  if (!listed.ok) throw new Error(listed.reason)
  const ctx = {
    patronId,
    lang: 'ja' as const,
    policy,
    blocked: false,
    library: h.deps.library,
    now: h.clock.now(),
  }
  const [hold] = await holdBodies(h.db, listed.value, ctx)
  return hold?.notice
}

/** Waits longer than the pacer's spacing: the backoffs. */
const backoffs = () => h.timing.waits.filter((w) => w >= 100)

describe('retries', () => {
  it('a 429 storm is ridden out with backoff; every notice still goes once', async () => {
    await setUp()
    // Six failures over three groups whose first attempts go out together: at most four each.
    h.sim.faults.add({ match: PUSH, status: 429, times: 3 })
    h.sim.faults.add({ match: PUSH, status: 502, times: 3 })
    const report = await dispatchDue(h.deps, { ...h.opts, concurrency: 3 })
    expect(report).toMatchObject({ sent: 3, failed: 0, pushed: 3 })
    for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
    expect(h.pushCalls().filter((c) => c.status === 429)).toHaveLength(3)
    expect(h.pushCalls().filter((c) => c.status === 502)).toHaveLength(3)
    expect(backoffs().length).toBeGreaterThanOrEqual(3)
  })

  it('backoff doubles with jitter, and honours Retry-After', async () => {
    await setUp({
      wrap: (app) =>
        app.use('/v2/bot/message/push', async (c, next) => {
          await next()
          if (c.res.status === 429) c.res.headers.set('retry-after', '7')
        }),
    })
    h.sim.faults.add({ match: PUSH, status: 503, times: 4 })
    await dispatchDue(h.deps, { ...h.opts, concurrency: 1, limit: 1 })
    const waits = backoffs()
    expect(waits).toHaveLength(4)
    waits.forEach((w, i) => {
      const step = 500 * 2 ** i
      expect(w).toBeGreaterThanOrEqual(step / 2)
      expect(w).toBeLessThanOrEqual(step)
    })
    h.timing.waits.length = 0
    h.sim.faults.add({ match: PUSH, status: 429, times: 1 })
    await dispatchDue(h.deps, { ...h.opts, concurrency: 1, limit: 1 })
    expect(backoffs()).toEqual([7000])
  })

  it('NOTICE-ONCE: a push still failing with 5xx after its attempts goes again at the next slot under the same key; after its slots it is failed with the reason, shown to the patron', async () => {
    await setUp()
    h.sim.faults.add({ match: PUSH, status: 500 })
    const first = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(first.dispatch).toMatchObject({ sent: 0, failed: 0, retrying: 3 })
    const parked = await h.noticeRows()
    const next = jst('2026-06-11', '10:00')
    expect(parked.map((r) => [r.state, r.lastError, r.attempts, r.dueAt])).toEqual(
      Array(3).fill(['pending', 'line_500', 5, next]),
    )
    expect(await patronNotice(PATRON.alice)).toMatchObject({ status: 'queued' })
    expect(h.pushCalls()).toHaveLength(15)
    // Nothing more before the next slot, however often the scheduler ticks.
    h.clock.set(jst('2026-06-10', '19:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(h.pushCalls()).toHaveLength(15)

    h.clock.set(next)
    const second = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(second.dispatch).toMatchObject({ sent: 0, failed: 3, retrying: 0 })
    const rows = await h.noticeRows()
    expect(rows.map((r) => [r.state, r.lastError, r.attempts])).toEqual(
      Array(3).fill(['failed', 'line_500', 10]),
    )
    // Each group's ten pushes, at both slots, carried the group's one key.
    const keys = h.pushCalls().map((c) => c.key)
    expect(new Set(keys)).toEqual(new Set(rows.map((r) => r.claimedBy)))
    for (const r of rows) expect(keys.filter((k) => k === r.claimedBy)).toHaveLength(10)
    const states = await h.db.orm.select({ s: holds.noticeState }).from(holds)
    expect(states.map((s) => s.s)).toEqual(['failed', 'failed', 'failed'])
    expect(await patronNotice(PATRON.alice)).toMatchObject({ status: 'failed' })
    expect(h.deps.log.lines.filter((l) => l.includes('notices.push_failed'))).toHaveLength(3)
    // A day on, LINE no longer knows the key: the failure is final.
    h.sim.faults.clear()
    h.clock.set(jst('2026-06-11', '16:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(h.pushCalls()).toHaveLength(30)
  })

  it('NOTICE-ONCE: a push LINE took while the answer was lost is not sent twice by the next slot (409 there counts as sent)', async () => {
    await setUp()
    h.sim.faults.add({ match: PUSH, status: 503, afterProcessing: true, times: 1 })
    h.sim.faults.add({ match: PUSH, status: 429, times: 2 })
    const opts = { ...h.opts, concurrency: 1, retry: { maxAttempts: 1 } }
    const first = await runSlot(h.deps, h.clock.now(), opts)
    expect(first.dispatch).toMatchObject({ sent: 0, retrying: 3 })
    h.clock.set(jst('2026-06-11', '10:00'))
    const second = await runSlot(h.deps, h.clock.now(), opts)
    expect(second.dispatch).toMatchObject({ sent: 3, repeated: 1, pushed: 2, failed: 0 })
    for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
    const rows = await h.noticeRows()
    expect(rows.map((r) => [r.state, r.lastError])).toEqual(Array(3).fill(['sent', null]))
    expect(await patronNotice(PATRON.alice)).toMatchObject({ status: 'sent' })
  })

  it('a connection lost before LINE answered is retried under the same key; each notice goes once', async () => {
    let drops = 2
    await setUp({
      wrap: (app) =>
        app.use('/v2/bot/message/push', async (c, next) => {
          // The socket closes with the request unanswered, as a network fault would.
          const incoming = (c.env as { incoming?: { socket: { destroy(): void } } }).incoming
          if (drops > 0 && incoming) {
            drops -= 1
            incoming.socket.destroy()
            return new Response(null)
          }
          await next()
        }),
    })
    const report = await dispatchDue(h.deps, { ...h.opts, concurrency: 1 })
    expect(drops).toBe(0)
    expect(report).toMatchObject({ sent: 3, pushed: 3, failed: 0, retrying: 0 })
    for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
    // A drop on a kept-alive socket is sent again at once by the transport; the other waits.
    expect(backoffs().length).toBeGreaterThanOrEqual(1)
  })

  it('a refusal LINE will not change its mind on (400) fails at once', async () => {
    await setUp()
    h.sim.faults.add({ match: PUSH, status: 400, times: 1 })
    const report = await dispatchDue(h.deps, { ...h.opts, concurrency: 1 })
    expect(report).toMatchObject({ sent: 2, failed: 1 })
    const failed = (await h.noticeRows()).find((r) => r.state === 'failed')
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^line_400/) })
    expect(await patronNotice(failed!.patronId)).toMatchObject({ status: 'failed' })
    // Final: the next slot does not push it again.
    h.clock.set(jst('2026-06-11', '10:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(h.pushCalls()).toHaveLength(3)
  })
})

describe('the monthly quota', () => {
  it('sends what fits and leaves the rest pending, not failed, with a log line', async () => {
    await setUp({ limits: { monthlyMessageQuota: 2 } })
    const report = await dispatchDue(h.deps, h.opts)
    expect(report).toMatchObject({ sent: 2, deferred: 1, failed: 0 })
    const rows = await h.noticeRows()
    expect(rows.map((r) => r.state).sort()).toEqual(['pending', 'sent', 'sent'])
    expect(h.deps.log.lines.some((l) => l.includes('notices.quota_reached'))).toBe(true)
    expect(h.pushCalls()).toHaveLength(2)
  })

  it('a monthly-limit 429 from LINE leaves the notice pending for a later slot', async () => {
    await setUp({ limits: { monthlyMessageQuota: 1 } })
    const report = await dispatchDue(h.deps, { ...h.opts, checkQuota: false, concurrency: 1 })
    expect(report).toMatchObject({ sent: 1, failed: 0 })
    expect(report.deferred).toBe(2)
    const rows = await h.noticeRows()
    expect(rows.filter((r) => r.state === 'pending')).toHaveLength(2)
  })

  it('warns in the log at 80% and at 95% of the month', async () => {
    await setUp({ limits: { monthlyMessageQuota: 100 } })
    const month = '2026-06'
    h.sim.state.usage.set(month, 80)
    await dispatchDue(h.deps, { ...h.opts, limit: 1 })
    expect(h.deps.log.lines.filter((l) => l.includes('notices.quota_80'))).toHaveLength(1)
    h.sim.state.usage.set(month, 95)
    await dispatchDue(h.deps, { ...h.opts, limit: 1 })
    const line = h.deps.log.lines.find((l) => l.includes('notices.quota_95'))
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', used: 95, quota: 100 })
  })
})
