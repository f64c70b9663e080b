import { describe, expect, it } from 'vitest'
import type { LibraryCalendar } from './calendar.ts'
import { jstInstant } from './dates.ts'
import { hoursText, openNow } from './opening-hours.ts'
import { P } from './test-fixtures.ts'

/** 中央図書館 of the demo: weekdays 9:30–20:00, weekends 9:30–18:00. */
const CENTRAL_HOURS = JSON.stringify({
  mon: ['09:30', '20:00'],
  tue: ['09:30', '20:00'],
  wed: ['09:30', '20:00'],
  thu: ['09:30', '20:00'],
  fri: ['09:30', '20:00'],
  sat: ['09:30', '18:00'],
  sun: ['09:30', '18:00'],
})
/** A library closed on Mondays (no hours that day) and on the 4th Thursday (a calendar date). */
const BRANCH_HOURS = JSON.stringify({
  tue: ['10:00', '19:00'],
  wed: ['10:00', '19:00'],
  sat: ['10:00', '17:00'],
  sun: ['10:00', '17:00'],
})
const OPEN: LibraryCalendar = { closedWeekdays: [], closedDates: [] }
const BRANCH: LibraryCalendar = { closedWeekdays: [1], closedDates: ['2026-11-26'] }

/** 2026-11-25 is a Wednesday. */
const at = (time: string, date = '2026-11-25') => jstInstant(date, time)

describe('opening hours (the places table’s weekly hours, the calendar’s closed days)', () => {
  it('LOAN-DUE-OPEN: open, not yet open and closed for the day follow the hours at the given time', () => {
    const central = { openingHours: CENTRAL_HOURS, calendar: OPEN }
    expect(openNow(central, at('12:00'), P)).toEqual({ state: 'open', closes: '20:00' })
    expect(openNow(central, at('09:29'), P)).toEqual({
      state: 'later',
      opens: '09:30',
      closes: '20:00',
    })
    expect(openNow(central, at('20:00'), P)).toEqual({ state: 'ended', closed: '20:00' })
    // A Saturday's own hours.
    expect(openNow(central, at('18:30', '2026-11-28'), P)).toEqual({
      state: 'ended',
      closed: '18:00',
    })
  })

  it('LOAN-DUE-OPEN: a weekday without hours, a closed weekday or date, and the policy’s closed days are closed all day', () => {
    const branch = { openingHours: BRANCH_HOURS, calendar: BRANCH }
    expect(openNow(branch, at('12:00', '2026-11-23'), P)).toEqual({ state: 'closed_day' })
    expect(openNow(branch, at('12:00', '2026-11-26'), P)).toEqual({ state: 'closed_day' })
    expect(openNow(branch, at('12:00', '2026-11-27'), P)).toEqual({ state: 'closed_day' })
    const newYear = { ...P, closedDates: ['2027-01-02'] }
    const central = { openingHours: CENTRAL_HOURS, calendar: OPEN }
    expect(openNow(central, at('12:00', '2027-01-02'), newYear)).toEqual({ state: 'closed_day' })
  })

  it('hours that are missing or not times of day are never guessed', () => {
    expect(openNow({ openingHours: null, calendar: OPEN }, at('12:00'), P)).toEqual({
      state: 'unknown',
    })
    const late = JSON.stringify({ wed: ['10:00', '24:00'] })
    expect(openNow({ openingHours: late, calendar: OPEN }, at('12:00'), P)).toEqual({
      state: 'unknown',
    })
    // The calendar still knows a closed day without any hours.
    expect(openNow({ openingHours: null, calendar: BRANCH }, at('12:00', '2026-11-26'), P)).toEqual(
      { state: 'closed_day' },
    )
  })

  it('weekly hours in words, runs of days together, in Japanese and English', () => {
    expect(hoursText(CENTRAL_HOURS, 'ja')).toBe('月〜金 9:30〜20:00、土日 9:30〜18:00')
    expect(hoursText(CENTRAL_HOURS, 'en')).toBe('Mon–Fri 9:30–20:00; Sat, Sun 9:30–18:00')
    expect(hoursText(BRANCH_HOURS, 'ja')).toBe(
      '火水 10:00〜19:00、土日 10:00〜17:00（月・木・金休）',
    )
    const daily = JSON.stringify(
      Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['10:00', '21:00']]),
      ),
    )
    expect([hoursText(daily, 'ja'), hoursText(daily, 'en')]).toEqual([
      '毎日 10:00〜21:00',
      'Daily 10:00–21:00',
    ])
    expect(hoursText(null, 'ja')).toBe('開館時間は、お電話でお問い合わせください。')
  })
})
