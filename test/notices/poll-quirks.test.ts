/**
 * Front mode's notice poll against library systems that answer awkwardly (issue 14, NOTICE-ONCE):
 * one that refuses to list a patron at one slot, one that leaves a ready hold out of one
 * answer, one that gives only a keep-until date and moves it. None may make bunko push the
 * same ready hold twice. The "library system" is the embedded adapter polled as an ILS
 * (front-mode.ts), its answers bent per test; test/sip2/front-retention.test.ts does the same
 * over a real SIP2 server.
 */
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../core/index.ts'
import { inputRefusal } from '../../db/refusals.ts'
import { frontMode, readyInIls as readyInIlsOf, slotAt } from './front-mode.ts'
import { type Harness, harness, jst, PATRON } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** Ready at NOW (12:00 JST, 10 June): the next slot is 16:00. */
const SLOT = jst('2026-06-10', '16:00')

const readyInIls = (patronId: number, books: number[], pickup?: number) =>
  readyInIlsOf(h, patronId, books, pickup)
const slot = (at: number) => slotAt(h, at)

describe('front-mode notice poll: awkward library systems', () => {
  /** The ILS as SIP2 answers (undated, known by title), refusing her `refusals` times when set. */
  function refusingSystem() {
    const ils = frontMode(h)
    const dated = ils.library.holds
    const state = { refusals: 0 }
    ils.library.holds = async (input, now) => {
      if (state.refusals > 0) {
        state.refusals -= 1
        return inputRefusal('invalid_input')
      }
      const got = await dated(input, now)
      if (!got.ok) return got
      const value = got.value.map((x) => ({ ...x, id: x.titleId, readyAt: null, pickupBy: null }))
      return { ok: true, value }
    }
    return state
  }

  it('NOTICE-ONCE: a system that refuses to list the patron at two slots in a row does not make bunko tell the same ready hold again', async () => {
    h = await harness()
    const ils = refusingSystem()
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    await slot(SLOT)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    // Two misses in a row would end the readiness; two refusals must not.
    ils.refusals = 2
    const refused = await slot(jst('2026-06-10', '19:00'))
    expect(refused.errors).toEqual([])
    await slot(jst('2026-06-11', '10:00'))
    expect(ils.refusals).toBe(0)
    await slot(jst('2026-06-11', '16:00'))
    await slot(jst('2026-06-12', '10:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    // Counted for staff, never named.
    const warned = h.deps.log.lines.filter((l) => l.includes('notices.poll_refused'))
    expect(warned.map((l) => JSON.parse(l))).toEqual([
      { level: 'warn', event: 'notices.poll_refused', patrons: 1 },
      { level: 'warn', event: 'notices.poll_refused', patrons: 1 },
    ])
  })

  it('a patron the system no longer knows keeps their open announcement only until it is older than any hold waits (60 days), then retention erases it', async () => {
    h = await harness()
    const ils = refusingSystem()
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    await slot(SLOT)
    ils.refusals = 1_000
    const kept = () =>
      h.db.all<{ key: string }>(sql`SELECT key FROM notice_announcements
        WHERE kind = 'hold_ready'`)
    // Made 10 June 16:00; Hirakata keeps reading records 3 days: 60 + 3 days on, it goes.
    await slot(jst('2026-08-12', '10:00'))
    expect(await kept()).toHaveLength(1)
    await slot(jst('2026-08-13', '10:00'))
    expect(await kept()).toEqual([])
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it.each([
    ['undated, as SIP2 gives it', true],
    ['dated', false],
  ])(
    'NOTICE-ONCE: a hold the system keeps listing ready for longer than any hold waits (90 days) is told once, and kept only while it is listed (%s)',
    async (_, undated) => {
      h = await harness()
      const ils = undated ? refusingSystem() : { refusals: 0 }
      if (!undated) {
        // Dated, but never refusing: the same answers the embedded system gives.
        const dated = frontMode(h).library.holds
        h.deps.library.holds = async (input, now) =>
          ils.refusals-- > 0 ? inputRefusal('invalid_input') : dated(input, now)
      }
      await h.link(PATRON.alice)
      await readyInIls(PATRON.alice, [1])
      await slot(SLOT)
      const kept = () =>
        h.db.all<{ key: string }>(sql`SELECT key FROM notice_announcements
        WHERE kind = 'hold_ready'`)
      // A slot every ten days, each listing the hold again: well past 60 + 3 days.
      for (let day = 10; day <= 90; day += 10) {
        const report = await slot(jst(addDays('2026-06-10', day), '10:00'))
        expect(report.errors).toEqual([])
      }
      expect(await kept()).toHaveLength(1)
      expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
      // Once no poll sees it (the system no longer knows her), it goes 60 + 3 days after the
      // last slot that saw it (8 September), like any other.
      ils.refusals = 1_000
      await slot(jst('2026-11-09', '10:00'))
      expect(await kept()).toHaveLength(1)
      await slot(jst('2026-11-11', '10:00'))
      expect(await kept()).toEqual([])
      expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    },
  )

  it('NOTICE-ONCE: an undated ready hold the system leaves out of one answer, and lists again, is told once', async () => {
    h = await harness()
    const ils = frontMode(h)
    const dated = ils.library.holds
    let leaveOut = false
    ils.library.holds = async (input, now) => {
      const got = await dated(input, now)
      if (!got.ok) return got
      const value = got.value
        .filter((x) => !(leaveOut && x.state === 'ready'))
        .map((x) => ({ ...x, id: x.titleId, readyAt: null, pickupBy: null }))
      leaveOut = false
      return { ok: true, value }
    }
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    await slot(SLOT)
    leaveOut = true
    await slot(jst('2026-06-10', '19:00'))
    expect(leaveOut).toBe(false)
    await slot(jst('2026-06-11', '10:00'))
    await slot(jst('2026-06-11', '16:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('NOTICE-ONCE: a system that gives only a keep-until date, moves it, and leaves the hold out of one answer, does not announce the hold again', async () => {
    h = await harness()
    const ils = frontMode(h)
    const dated = ils.library.holds
    let extraDays = 0
    let leaveOut = false
    ils.library.holds = async (input, now) => {
      const got = await dated(input, now)
      if (!got.ok) return got
      const value = got.value
        .filter((x) => !(leaveOut && x.state === 'ready'))
        .map((x) => ({
          ...x,
          readyAt: null,
          pickupBy: x.pickupBy && addDays(x.pickupBy, extraDays),
        }))
      leaveOut = false
      return { ok: true, value }
    }
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    await slot(SLOT)
    extraDays = 3
    await slot(jst('2026-06-11', '10:00'))
    await slot(jst('2026-06-11', '16:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    const open = () =>
      h.db.all<{ key: string }>(sql`SELECT key FROM notice_announcements
        WHERE kind = 'hold_ready' AND ended_at IS NULL`)
    expect(await open()).toHaveLength(1)
    // Left out once, then listed again under the moved date: the same readiness.
    leaveOut = true
    await slot(jst('2026-06-12', '10:00'))
    await slot(jst('2026-06-12', '16:00'))
    await slot(jst('2026-06-13', '10:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(await open()).toHaveLength(1)
  })
})
