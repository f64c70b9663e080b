import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import { pickupBy } from './pickup.ts'
import { P } from './test-fixtures.ts'

describe('pickup-by dates', () => {
  it('HOLD-EXPIRE: 7 days counted from the date of the notice slot', () => {
    // Ready at 09:00 → notice 10:00 the same day → collect by day + 7.
    expect(pickupBy(jstInstant('2026-05-01', '09:00'), 'library', P)).toBe('2026-05-08')
    // Ready at 17:00 → notice 10:00 next day → collect by next day + 7.
    expect(pickupBy(jstInstant('2026-05-01', '17:00'), 'library', P)).toBe('2026-05-09')
  })

  it('HOLD-EXPIRE: a last day on a closed day of the pickup library moves to its next open day', () => {
    const calendar = { closedWeekdays: [], closedDates: ['2026-05-08'] }
    expect(pickupBy(jstInstant('2026-05-01', '09:00'), 'library', P, calendar)).toBe('2026-05-09')
  })

  it('HOLD-LOCKER: 4 days, counted from the locker notice (which has a 19:00 slot)', () => {
    expect(pickupBy(jstInstant('2026-05-01', '17:00'), 'locker', P)).toBe('2026-05-05')
    expect(pickupBy(jstInstant('2026-05-01', '19:30'), 'locker', P)).toBe('2026-05-06')
  })

  it('HOLD-EXPIRE: the pickup-by date is the same when computed from a UTC-midnight-crossing instant', () => {
    // 2026-05-01 23:30 JST is 14:30 UTC on the same UTC day; the notice is 10:00 JST on 05-02.
    expect(pickupBy(Date.UTC(2026, 4, 1, 14, 30), 'library', P)).toBe('2026-05-09')
  })
})
