import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import { readyNoticeAt } from './pickup.ts'
import { compareHolds, earlierVolumesDone, pickHoldForCopy, queuePosition } from './queue.ts'
import { hold, P } from './test-fixtures.ts'

describe('hold queue', () => {
  it('HOLD-QUEUE: first come first served by placedAt, ties by id', () => {
    const a = hold(3, { titleId: 1, placedAt: 100 })
    const b = hold(1, { titleId: 1, placedAt: 200 })
    const c = hold(2, { titleId: 1, placedAt: 200 })
    const all = [c, b, a]
    expect(queuePosition(a, all)).toBe(1)
    expect(queuePosition(b, all)).toBe(2)
    expect(queuePosition(c, all)).toBe(3)
    expect([...all].sort(compareHolds).map((h) => h.id)).toEqual([3, 1, 2])
  })

  it('HOLD-QUEUE: ready or ended holds are not in the queue, and do not count ahead', () => {
    const ready = hold(1, { titleId: 1, placedAt: 1, state: 'ready' })
    const mine = hold(2, { titleId: 1, placedAt: 2 })
    const other = hold(3, { titleId: 2, placedAt: 0 })
    expect(queuePosition(mine, [ready, mine, other])).toBe(1)
    expect(queuePosition(ready, [ready, mine])).toBeNull()
  })

  it('HOLD-QUEUE: a returned copy serves the first-come waiting hold', () => {
    const holds = [
      hold(1, { titleId: 5, placedAt: 300 }),
      hold(2, { titleId: 5, placedAt: 100 }),
      hold(3, { titleId: 5, placedAt: 200, state: 'ready' }),
      hold(4, { titleId: 6, placedAt: 50 }),
    ]
    expect(pickHoldForCopy(5, holds)?.id).toBe(2)
    expect(pickHoldForCopy(7, holds)).toBeNull()
  })

  it('HOLD-SET: a later volume is not made ready before the earlier ones', () => {
    // Patron 1 holds 上 (title 10) and 下 (title 11) as set group 9; 上 is still waiting.
    const jo = hold(1, { titleId: 10, setGroup: 9, volume: 1, placedAt: 100 })
    const ge = hold(2, { titleId: 11, setGroup: 9, volume: 2, placedAt: 100 })
    const otherPatron = hold(3, { patronId: 2, titleId: 11, placedAt: 500 })
    // A copy of 下 comes back: patron 1 must wait for 上, so patron 2 is served.
    expect(pickHoldForCopy(11, [ge, otherPatron, jo])?.id).toBe(3)
    expect(pickHoldForCopy(11, [ge, jo])).toBeNull()
    expect(earlierVolumesDone(ge, [jo, ge])).toBe(false)
    // Once 上 is ready (or collected, or ended), 下 can be served, first come.
    for (const state of ['ready', 'collected', 'cancelled', 'expired'] as const) {
      const done = { ...jo, state }
      expect(pickHoldForCopy(11, [ge, otherPatron, done])?.id, state).toBe(2)
    }
    // In transit is not ready yet.
    expect(pickHoldForCopy(11, [ge, { ...jo, state: 'in_transit' as const }])).toBeNull()
  })

  it('HOLD-SET: the first volume is served at once', () => {
    const jo = hold(1, { titleId: 10, setGroup: 9, volume: 1 })
    const ge = hold(2, { titleId: 11, setGroup: 9, volume: 2 })
    expect(pickHoldForCopy(10, [jo, ge])?.id).toBe(1)
  })

  it('HOLD-QUEUE: the choice is deterministic whatever order the holds come in', () => {
    const arb = fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 30 }),
        placedAt: fc.integer({ min: 0, max: 5 }),
        titleId: fc.constantFrom(1, 2),
        state: fc.constantFrom('waiting', 'ready', 'collected'),
        setGroup: fc.constantFrom(null, 1),
        volume: fc.constantFrom(null, 1, 2),
      }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(arb, (rows) => {
        const seen = new Set<number>()
        const holds = rows
          .filter((r) => !seen.has(r.id) && seen.add(r.id))
          .map((r) => hold(r.id, r as Parameters<typeof hold>[1]))
        const a = pickHoldForCopy(1, holds)
        const b = pickHoldForCopy(1, [...holds].reverse())
        expect(a?.id).toBe(b?.id)
        if (a) expect(earlierVolumesDone(a, holds)).toBe(true)
      }),
    )
  })

  it('HOLD-READY: a hold made ready queues its pickup notice at the next slot', () => {
    const at = jstInstant('2026-05-01', '11:00')
    expect(readyNoticeAt(at, 'library', P)).toBe(jstInstant('2026-05-01', '16:00'))
    expect(readyNoticeAt(jstInstant('2026-05-01', '17:00'), 'locker', P)).toBe(
      jstInstant('2026-05-01', '19:00'),
    )
  })
})
