import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  clockMinutes,
  type Instant,
  jstDate,
  jstInstant,
  jstMinuteOfDay,
  MINUTE_MS,
} from './dates.ts'
import { nextNoticeSlot, overdueNoticeAt, reminderDue, type SlotList } from './notices.ts'
import type { Policy } from './policy.ts'
import { parsePolicy } from './policy-parse.ts'
import { P } from './test-fixtures.ts'

/** The test's oracle: whether `t` is exactly one of the slot instants of `list`. */
function isNoticeSlot(t: Instant, list: SlotList, policy: Policy): boolean {
  if (t % MINUTE_MS !== 0) return false
  return policy.noticeSlots[list].some((s) => clockMinutes(s) === jstMinuteOfDay(t))
}

describe('notice timing', () => {
  it('NOTICE-SLOTS: 10:00 and 16:00 Japan time; queued between slots waits for the next', () => {
    const d = '2026-05-01'
    expect(nextNoticeSlot(jstInstant(d, '09:59'), 'standard', P)).toBe(jstInstant(d, '10:00'))
    expect(nextNoticeSlot(jstInstant(d, '10:00'), 'standard', P)).toBe(jstInstant(d, '10:00'))
    expect(nextNoticeSlot(jstInstant(d, '10:01'), 'standard', P)).toBe(jstInstant(d, '16:00'))
    expect(nextNoticeSlot(jstInstant(d, '16:01'), 'standard', P)).toBe(
      jstInstant('2026-05-02', '10:00'),
    )
  })

  it('NOTICE-SLOTS: locker pickups also at 19:00', () => {
    const d = '2026-05-01'
    expect(nextNoticeSlot(jstInstant(d, '16:01'), 'locker', P)).toBe(jstInstant(d, '19:00'))
    expect(nextNoticeSlot(jstInstant(d, '19:01'), 'locker', P)).toBe(
      jstInstant('2026-05-02', '10:00'),
    )
    expect(isNoticeSlot(jstInstant(d, '19:00'), 'locker', P)).toBe(true)
    expect(isNoticeSlot(jstInstant(d, '19:00'), 'standard', P)).toBe(false)
  })

  it('NOTICE-SLOTS: end of month and end of year roll over in Japan time', () => {
    expect(nextNoticeSlot(jstInstant('2026-12-31', '20:00'), 'standard', P)).toBe(
      jstInstant('2027-01-01', '10:00'),
    )
  })

  it('NOTICE-SLOTS: a slot is never before its queue time and is always a slot (property)', () => {
    const lists: SlotList[] = ['standard', 'locker']
    const from = jstInstant('2020-01-01')
    const to = jstInstant('2035-12-31')
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...lists), (t, list) => {
        const slot = nextNoticeSlot(t, list, P)
        expect(slot).toBeGreaterThanOrEqual(t)
        expect(isNoticeSlot(slot, list, P)).toBe(true)
        // It is the NEXT slot: no slot time of the days around t lies in [t, slot).
        for (const day of [-1, 0, 1].map((n) => addDays(jstDate(t), n)))
          for (const s of P.noticeSlots[list]) {
            const candidate = jstInstant(day, s)
            expect(candidate >= t && candidate < slot).toBe(false)
          }
      }),
    )
  })

  it('NOTICE-SLOTS: slots from a loaded policy are honoured, in any order given', () => {
    const r = parsePolicy({ noticeSlots: { standard: ['18:30', '08:00'] } })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const d = '2026-05-01'
    expect(nextNoticeSlot(jstInstant(d, '07:00'), 'standard', r.policy)).toBe(
      jstInstant(d, '08:00'),
    )
    expect(nextNoticeSlot(jstInstant(d, '09:00'), 'standard', r.policy)).toBe(
      jstInstant(d, '18:30'),
    )
  })

  it('NOTICE-OVERDUE: first at the first slot after the due date has passed, then every 7 days', () => {
    expect(overdueNoticeAt('2026-05-15', 0, P)).toBe(jstInstant('2026-05-16', '10:00'))
    expect(overdueNoticeAt('2026-05-15', 1, P)).toBe(jstInstant('2026-05-23', '10:00'))
    expect(overdueNoticeAt('2026-05-15', 2, P)).toBe(jstInstant('2026-05-30', '10:00'))
  })

  it('NOTICE-OVERDUE: nothing is due on the due date; after downtime only the latest reminder is', () => {
    expect(reminderDue('2026-05-15', jstInstant('2026-05-15', '23:59'), P)).toBeNull()
    expect(reminderDue('2026-05-15', jstInstant('2026-05-16', '09:59'), P)).toBeNull()
    expect(reminderDue('2026-05-15', jstInstant('2026-05-16', '10:00'), P)).toBe(0)
    expect(reminderDue('2026-05-15', jstInstant('2026-05-22', '16:00'), P)).toBe(0)
    expect(reminderDue('2026-05-15', jstInstant('2026-05-23', '10:00'), P)).toBe(1)
    expect(reminderDue('2026-05-15', jstInstant('2026-06-01', '10:00'), P)).toBe(2)
  })
})
