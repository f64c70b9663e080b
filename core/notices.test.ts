import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, jstDate, jstInstant } from './dates.ts'
import {
  isNoticeSlot,
  NOTICE_KINDS,
  nextNoticeSlot,
  overdueNoticeAt,
  overdueNoticeDue,
  type SlotList,
} from './notices.ts'
import { parsePolicy } from './policy-parse.ts'
import { P } from './test-fixtures.ts'

describe('notice timing', () => {
  it('NOTICE-KINDS: hold ready and overdue', () => {
    expect([...NOTICE_KINDS].sort()).toEqual(['hold_ready', 'overdue'])
  })

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

  it('NOTICE-OVERDUE: nothing is due on the due date; a missed slot is still due once', () => {
    expect(overdueNoticeDue('2026-05-15', 0, jstInstant('2026-05-15', '23:59'), P)).toBe(false)
    expect(overdueNoticeDue('2026-05-15', 0, jstInstant('2026-05-16', '10:00'), P)).toBe(true)
    expect(overdueNoticeDue('2026-05-15', 0, jstInstant('2026-05-20', '12:00'), P)).toBe(true)
    expect(overdueNoticeDue('2026-05-15', 1, jstInstant('2026-05-20', '12:00'), P)).toBe(false)
  })
})
