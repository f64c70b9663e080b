import { describe, expect, it } from 'vitest'
import { isOpenDay, nextOpenDay, OPEN_DAY_SEARCH_LIMIT } from './calendar.ts'
import { addDays, weekday } from './dates.ts'
import { dueDateFor, loanPeriodDays, renewalDueDate } from './due-dates.ts'
import { parsePolicy } from './policy-parse.ts'
import { P } from './test-fixtures.ts'

const MONDAYS_CLOSED = { closedWeekdays: [1], closedDates: [] }

describe('due dates', () => {
  it('LOAN-PERIOD: 14 days for books, magazines, manga, kamishibai; 7 for CD, DVD, video', () => {
    for (const t of ['book', 'magazine', 'manga', 'kamishibai'] as const) {
      expect(dueDateFor('2026-05-01', t, P)).toBe('2026-05-15')
    }
    for (const t of ['cd', 'dvd', 'video'] as const) {
      expect(dueDateFor('2026-05-01', t, P)).toBe('2026-05-08')
    }
  })

  it('LOAN-PERIOD: the period is configurable per material type', () => {
    const r = parsePolicy({ loanDays: { dvd: 10 } })
    expect(r.ok).toBe(true)
    if (r.ok) expect(loanPeriodDays('dvd', r.policy)).toBe(10)
  })

  it('LOAN-DUE-OPEN: a due date on a closed weekday moves to the next open day', () => {
    // 2026-05-04 is a Monday; a loan on 2026-04-20 (Mon) is due 2026-05-04.
    expect(weekday('2026-05-04')).toBe(1)
    expect(dueDateFor('2026-04-20', 'book', P, MONDAYS_CLOSED)).toBe('2026-05-05')
  })

  it('LOAN-DUE-OPEN: closed dates of the library and of the policy both count', () => {
    const cal = { closedWeekdays: [1], closedDates: ['2026-05-05'] }
    const policy = { ...P, closedDates: ['2026-05-06'] }
    expect(dueDateFor('2026-04-20', 'book', policy, cal)).toBe('2026-05-07')
    expect(isOpenDay('2026-05-06', { closedWeekdays: [], closedDates: [] }, policy)).toBe(false)
  })

  it('LOAN-DUE-OPEN: with closedDueDate "keep" the date is not moved', () => {
    const keep = { ...P, closedDueDate: 'keep' as const }
    expect(dueDateFor('2026-04-20', 'book', keep, MONDAYS_CLOSED)).toBe('2026-05-04')
  })

  it('LOAN-DUE-OPEN: a calendar closed every day cannot loop forever; the date is kept', () => {
    const never = { closedWeekdays: [0, 1, 2, 3, 4, 5, 6], closedDates: [] }
    expect(nextOpenDay('2026-05-01', never, P)).toBeNull()
    expect(dueDateFor('2026-05-01', 'book', P, never)).toBe('2026-05-15')
    expect(OPEN_DAY_SEARCH_LIMIT).toBeGreaterThanOrEqual(366)
  })

  it('LOAN-DUE-OPEN: a renewal date on a closed day moves later only within the cap', () => {
    const tuesdays = { closedWeekdays: [2], closedDates: [] }
    // Cap 2026-06-30 is a Tuesday: the next open day (07-01) passes the cap, so back to 06-29.
    expect(renewalDueDate('2026-07-04', '2026-06-30', '2026-06-20', tuesdays, P)).toBe('2026-06-29')
    // No open day between the current due date and the cap: keep the capped (closed) day.
    expect(renewalDueDate('2026-07-04', '2026-06-30', '2026-06-29', tuesdays, P)).toBe('2026-06-30')
    // Within the cap it moves forward like any due date.
    expect(renewalDueDate('2026-06-02', '2026-06-30', '2026-05-20', tuesdays, P)).toBe('2026-06-03')
    expect(addDays('2026-06-02', 0)).toBe('2026-06-02')
  })
})
