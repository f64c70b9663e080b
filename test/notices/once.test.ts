/**
 * NOTICE-ONCE: crashes at random points between claiming, pushing and marking sent, then
 * restarts — LINE (the simulator) has every notice exactly once, and none is lost.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppDeps } from '../../bot/deps.ts'
import { DISPATCH_DEFAULTS, dispatchDue } from '../../bot/notices/index.ts'
import { startScheduler } from '../../bot/notices/scheduler.ts'
import type { Db } from '../../db/client.ts'
import { lapseDeadLeases } from '../../db/notices.ts'
import { type Harness, harness, jst, PATRON, PLACE, TITLE } from './harness.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

class Crash extends Error {}

/**
 * The process as seen by one run: once `dead`, every database call and every LINE call
 * throws, as if the process had stopped at that instant. It dies after `pushes` pushes
 * LINE accepted (before the answer is used) or after `batches` database writes.
 */
function mortal(deps: AppDeps, at: { pushes: number; batches: number }) {
  const life = { dead: false, ...at }
  const die = (): never => {
    life.dead = true
    throw new Crash('crashed')
  }
  const db: Db = {
    orm: deps.db.orm,
    driver: deps.db.driver,
    async batch(statements) {
      if (life.dead || life.batches-- <= 0) die()
      return deps.db.batch(statements)
    },
    async all(query) {
      if (life.dead) die()
      return deps.db.all(query)
    },
  }
  const real = deps.line.client
  const client = Object.create(real) as typeof real
  client.pushMessage = async (request, key) => {
    if (life.dead) die()
    const answer = await real.pushMessage(request, key)
    if (--life.pushes <= 0) die()
    return answer
  }
  return { deps: { ...deps, db, line: { ...deps.line, client } }, life }
}

/** Five patrons, seven ready holds, all due at 16:00. */
async function setUp(): Promise<Harness> {
  const x = await harness()
  const patrons = [PATRON.alice, PATRON.bob, PATRON.carol, PATRON.dave, PATRON.erin]
  for (const p of patrons) await x.link(p)
  await x.readyHolds(PATRON.alice, [TITLE.book(1), TITLE.book(2)], PLACE.central, ['B11', 'B21'])
  await x.readyHolds(PATRON.bob, [TITLE.book(3)], PLACE.kuzuha, ['B31'])
  await x.readyHolds(PATRON.carol, [TITLE.book(4), TITLE.dvd(1)], PLACE.central, ['B41', 'B211'])
  await x.readyHolds(PATRON.dave, [TITLE.book(5)], PLACE.branch, ['B51'])
  await x.readyHolds(PATRON.erin, [TITLE.book(6)], PLACE.central, ['B61'])
  x.clock.set(jst('2026-06-10', '16:00'))
  return x
}

const PATRONS = [PATRON.alice, PATRON.bob, PATRON.carol, PATRON.dave, PATRON.erin]

describe('NOTICE-ONCE', () => {
  it('NOTICE-ONCE: crashes at random points, then restarts — every notice reaches LINE exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            pushes: fc.integer({ min: 1, max: 6 }),
            batches: fc.integer({ min: 0, max: 8 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 8 }),
        async (crashes, concurrency) => {
          h = await setUp()
          for (const at of crashes) {
            const run = mortal(h.deps, at)
            await dispatchDue(run.deps, { ...h.opts, concurrency }).catch((err) => {
              if (!(err instanceof Crash)) throw err
            })
            // Restart after the lease has lapsed.
            h.clock.advance(DISPATCH_DEFAULTS.leaseMs + 1)
          }
          const last = await dispatchDue(h.deps, { ...h.opts, concurrency })
          expect(last.failed).toBe(0)
          for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
          const accepted = h.pushCalls().filter((c) => c.status === 200)
          expect(accepted).toHaveLength(PATRONS.length)
          const rows = await h.noticeRows()
          expect(rows.map((r) => r.state)).toEqual(Array(7).fill('sent'))
          // Each group's rows share the key LINE accepted.
          for (const call of accepted)
            expect(rows.filter((r) => r.claimedBy === call.key).length).toBeGreaterThan(0)
          await h.close()
          h = undefined
        },
      ),
      { numRuns: 12 },
    )
  })

  it('NOTICE-ONCE: an answer lost after LINE accepted the push is retried with the same key; the 409 counts as sent', async () => {
    h = await setUp()
    h.sim.faults.add({
      match: 'POST /v2/bot/message/push',
      status: 500,
      afterProcessing: true,
      times: 2,
    })
    const report = await dispatchDue(h.deps, h.opts)
    expect(report).toMatchObject({ sent: 7, failed: 0, repeated: 2, pushed: 3 })
    for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
    const statuses = h.pushCalls().map((c) => c.status)
    expect(statuses.filter((s) => s === 409)).toHaveLength(2)
  })

  it('NOTICE-ONCE: two dispatchers at once never send a notice twice', async () => {
    h = await setUp()
    const [a, b] = await Promise.all([
      dispatchDue(h.deps, { ...h.opts, concurrency: 2, claimChunk: 2 }),
      dispatchDue(h.deps, { ...h.opts, concurrency: 2, claimChunk: 2 }),
    ])
    expect(a.sent + b.sent).toBe(7)
    for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
    expect(h.pushCalls()).toHaveLength(PATRONS.length)
  })

  it('NOTICE-ONCE: a claim left unfinished for longer than LINE keeps retry keys is failed, not sent again', async () => {
    h = await setUp()
    const run = mortal(h.deps, { pushes: 1, batches: 99 })
    await expect(dispatchDue(run.deps, { ...h.opts, concurrency: 1 })).rejects.toThrow(Crash)
    h.clock.advance(25 * 60 * 60_000)
    const report = await dispatchDue(h.deps, h.opts)
    const rows = await h.noticeRows()
    const unknown = rows.filter((r) => r.lastError === 'outcome_unknown')
    expect(unknown.length).toBeGreaterThan(0)
    expect(unknown.every((r) => r.state === 'failed')).toBe(true)
    expect(report.failed).toBe(unknown.length)
    // Only the one group that LINE had was at stake; it was not pushed a second time.
    const accepted = h.pushCalls().filter((c) => c.status === 200)
    expect(new Set(accepted.map((c) => c.to)).size).toBe(accepted.length)
  })

  it('NOTICE-ONCE: a restarted dispatcher reclaims its own dead leases at once (no wait for the lease), still exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          pushes: fc.integer({ min: 1, max: 6 }),
          batches: fc.integer({ min: 1, max: 8 }),
        }),
        async (at) => {
          h = await setUp()
          const first = startScheduler(mortal(h.deps, at).deps, { ...h.opts, tickMs: 3_600_000 })
          await first.idle()
          await first.stop()
          const leased = (await h.noticeRows()).filter((r) => r.state === 'sending')
          // Restart at the same instant: the dead process's leases are still running.
          const again = startScheduler(h.deps, { ...h.opts, tickMs: 3_600_000 })
          await again.idle()
          await again.stop()
          const rows = await h.noticeRows()
          expect(rows.map((r) => r.state)).toEqual(Array(7).fill('sent'))
          for (const p of PATRONS) expect(h.pushesTo(p)).toHaveLength(1)
          expect(h.pushCalls().filter((c) => c.status === 200)).toHaveLength(PATRONS.length)
          if (leased.length > 0)
            expect(h.deps.log.lines.join('\n')).toContain('notices.leases_reclaimed')
          await h.close()
          h = undefined
        },
      ),
      { numRuns: 10 },
    )
  })

  it('NOTICE-ONCE: leases of another dispatcher (another name) are left until they expire', async () => {
    h = await setUp()
    const run = mortal(h.deps, { pushes: 1, batches: 99 })
    await expect(
      dispatchDue(run.deps, { ...h.opts, concurrency: 1, owner: 'workers/a' }),
    ).rejects.toThrow(Crash)
    const sending = (await h.noticeRows()).filter((r) => r.state === 'sending').length
    expect(sending).toBeGreaterThan(0)
    const now = h.clock.now()
    expect(await lapseDeadLeases(h.db, { name: 'node', incarnation: 'b', now })).toBe(0)
    expect(await lapseDeadLeases(h.db, { name: 'workers', incarnation: 'a', now })).toBe(0)
    expect(await lapseDeadLeases(h.db, { name: 'workers', incarnation: 'b', now })).toBe(sending)
  })
})
