/** LINE failing: 429 storms, 500s, Retry-After, refusals, and the month's quota. */
import { afterEach, describe, expect, it } from 'vitest'
import { dispatchDue, runSlot } from '../../bot/notices/index.ts'
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

  it('after a bounded number of attempts the notice is failed with the reason, shown on the hold', async () => {
    await setUp()
    h.sim.faults.add({ match: PUSH, status: 500 })
    const report = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(report.dispatch).toMatchObject({ sent: 0, failed: 3 })
    const rows = await h.noticeRows()
    expect(rows.map((r) => [r.state, r.lastError, r.attempts])).toEqual(
      Array(3).fill(['failed', 'line_500', 5]),
    )
    const states = await h.db.orm.select({ s: holds.noticeState }).from(holds)
    expect(states.map((s) => s.s)).toEqual(['failed', 'failed', 'failed'])
    expect(h.pushCalls()).toHaveLength(15)
    expect(h.deps.log.lines.filter((l) => l.includes('notices.push_failed'))).toHaveLength(3)
    // A failed notice is final: the next slot does not push it again.
    h.sim.faults.clear()
    h.clock.set(jst('2026-06-11', '10:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(h.pushCalls()).toHaveLength(15)
  })

  it('a refusal LINE will not change its mind on (400) fails at once', async () => {
    await setUp()
    h.sim.faults.add({ match: PUSH, status: 400, times: 1 })
    const report = await dispatchDue(h.deps, { ...h.opts, concurrency: 1 })
    expect(report).toMatchObject({ sent: 2, failed: 1 })
    const failed = (await h.noticeRows()).find((r) => r.state === 'failed')
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^line_400/) })
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
