import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY, jstInstant } from '../../core/index.ts'
import { groupKey } from './keys.ts'
import { MAX_SLOTS, retrySlot } from './retry.ts'

const at = (date: string, time: string, plusMs = 0) => jstInstant(date, time) + plusMs

describe('retrySlot', () => {
  it('NOTICE-ONCE: a standard push failing at 16:00 goes again at 10:00 the next day, then no more (LINE forgets the key within a day)', () => {
    const key = groupKey(at('2026-06-10', '16:00', 20))
    const next = retrySlot(key, at('2026-06-10', '16:00', 90_000), 'standard', HIRAKATA_POLICY)
    expect(next).toBe(at('2026-06-11', '10:00'))
    expect(retrySlot(key, at('2026-06-11', '10:00', 60_000), 'standard', HIRAKATA_POLICY)).toBe(
      null,
    )
  })

  it('NOTICE-ONCE: a standard push failing at 10:00 goes again at 16:00, not the next morning', () => {
    const key = groupKey(at('2026-06-10', '10:00'))
    expect(retrySlot(key, at('2026-06-10', '10:00', 5000), 'standard', HIRAKATA_POLICY)).toBe(
      at('2026-06-10', '16:00'),
    )
    expect(retrySlot(key, at('2026-06-10', '16:00', 5000), 'standard', HIRAKATA_POLICY)).toBe(null)
  })

  it(`NOTICE-SLOTS / NOTICE-ONCE: a locker push is tried at 10:00, 16:00 and 19:00 — ${MAX_SLOTS} slots at most`, () => {
    const key = groupKey(at('2026-06-10', '10:00'))
    const list = 'locker'
    expect(retrySlot(key, at('2026-06-10', '10:00', 5000), list, HIRAKATA_POLICY)).toBe(
      at('2026-06-10', '16:00'),
    )
    expect(retrySlot(key, at('2026-06-10', '16:00', 5000), list, HIRAKATA_POLICY)).toBe(
      at('2026-06-10', '19:00'),
    )
    expect(retrySlot(key, at('2026-06-10', '19:00', 5000), list, HIRAKATA_POLICY)).toBe(null)
  })

  it('bounded by MAX_SLOTS even where more slots fit in a day', () => {
    const policy = {
      ...HIRAKATA_POLICY,
      noticeSlots: { standard: ['10:00', '12:00', '14:00', '16:00'], locker: ['10:00'] },
    }
    const key = groupKey(at('2026-06-10', '10:00'))
    const tries: (number | null)[] = []
    let now = at('2026-06-10', '10:00', 1000)
    for (let i = 0; i < 4; i++) {
      const next = retrySlot(key, now, 'standard', policy)
      tries.push(next)
      if (next === null) break
      now = next + 1000
    }
    expect(tries).toEqual([at('2026-06-10', '12:00'), at('2026-06-10', '14:00'), null])
  })

  it('a key that is not a UUIDv7 is never retried (its age is unknown)', () => {
    expect(retrySlot('not-a-key', at('2026-06-10', '10:00'), 'standard', HIRAKATA_POLICY)).toBe(
      null,
    )
  })
})
