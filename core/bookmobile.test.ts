import { describe, expect, it } from 'vitest'
import { type StationTimetable, stationReady, visitsAfter, visitText } from './bookmobile.ts'
import { jstInstant } from './dates.ts'
import { P } from './test-fixtures.ts'

/** Every other Tuesday 10:30–11:00: 2026-12-01 and 12-15 (the 8th and 22nd have no visit). */
const TT: StationTimetable = {
  calendar: { closedWeekdays: [0, 1, 3, 4, 5, 6], closedDates: ['2026-12-08', '2026-12-22'] },
  hours: { 2: { start: '10:30', end: '11:00' } },
}

describe('HOLD-BOOKMOBILE', () => {
  it('HOLD-BOOKMOBILE: visits follow the station timetable (weekday, hours, days without a visit)', () => {
    const v = visitsAfter(TT, jstInstant('2026-11-30', '12:00'), P, 3)
    expect(v.map((x) => x.date)).toEqual(['2026-12-01', '2026-12-15', '2026-12-29'])
    expect(v[0]).toMatchObject({ start: '10:30', end: '11:00' })
    expect(v[0]?.startsAt).toBe(jstInstant('2026-12-01', '10:30'))
  })

  it('HOLD-BOOKMOBILE: the policy’s city-wide closed days have no visit', () => {
    const policy = { ...P, closedDates: ['2026-12-29'] }
    const v = visitsAfter(TT, jstInstant('2026-12-02', '00:00'), policy, 2)
    expect(v.map((x) => x.date)).toEqual(['2026-12-15', '2027-01-05'])
  })

  it('HOLD-BOOKMOBILE: loaded for the next visit after the notice; the hold lasts to the visit after that', () => {
    // Loaded Monday 17:00 → notice Tuesday 10:00 → that morning's 10:30 visit is named.
    const r = stationReady(jstInstant('2026-11-30', '17:00'), TT, P)
    expect(r?.noticeAt).toBe(jstInstant('2026-12-01', '10:00'))
    expect(r?.visit.date).toBe('2026-12-01')
    expect(r?.pickupBy).toBe('2026-12-15')
  })

  it('HOLD-BOOKMOBILE: a copy loaded after a visit began waits for the next one', () => {
    const r = stationReady(jstInstant('2026-12-01', '10:45'), TT, P)
    expect(r?.visit.date).toBe('2026-12-15')
    expect(r?.pickupBy).toBe('2026-12-29')
  })

  it('HOLD-BOOKMOBILE: no timetable, no station date (the caller falls back to HOLD-EXPIRE)', () => {
    const none: StationTimetable = { calendar: TT.calendar, hours: {} }
    expect(stationReady(jstInstant('2026-12-01', '09:00'), none, P)).toBeNull()
  })

  it('HOLD-BOOKMOBILE: the notice names the visit’s date and time', () => {
    expect(visitText({ date: '2026-12-01', start: '10:30', end: '11:00' })).toEqual({
      ja: '2026年12月1日(火) 10:30〜11:00',
      en: 'Tue 1 Dec 2026, 10:30–11:00',
    })
  })
})
