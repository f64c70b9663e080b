/**
 * HOLD-BOOKMOBILE (assumed): a bookmobile station is served on its own timetable, which is
 * data: the station's calendar (the days it is visited, as for any place: closed weekdays and
 * dates, e.g. the weeks the bookmobile does not come) and the visit's hours on each weekday.
 *
 * A hold for a station becomes ready when its copy is loaded for the station's next visit. The
 * notice names that visit; the hold may be collected at it or at the visit after, and ends
 * after that second visit's day (its pickup-by date). "Next visit" is the first one starting
 * after the notice goes out, so the patron always hears of it beforehand.
 */
import { isOpenDay, type LibraryCalendar, OPEN_DAY_SEARCH_LIMIT } from './calendar.ts'
import {
  addDays,
  type ClockTime,
  formatDateEn,
  formatDateJa,
  type Instant,
  type JstDate,
  jstDate,
  jstInstant,
  weekday,
} from './dates.ts'
import { readyNoticeAt } from './pickup.ts'
import type { Policy } from './policy.ts'
import type { Text } from './types.ts'

export interface StationTimetable {
  /** Which days the station is visited: its weekdays and dates without a visit. */
  calendar: LibraryCalendar
  /** The visit's hours by weekday (0 Sunday … 6 Saturday); a weekday without hours has none. */
  hours: Partial<Record<number, { start: ClockTime; end: ClockTime }>>
}

/** One stop of the bookmobile at a station. */
export interface Visit {
  date: JstDate
  start: ClockTime
  end: ClockTime
  startsAt: Instant
  endsAt: Instant
}

/** The next `count` visits starting after `after` (fewer when the timetable runs dry). */
export function visitsAfter(
  tt: StationTimetable,
  after: Instant,
  policy: Policy,
  count: number,
): Visit[] {
  const out: Visit[] = []
  let d = jstDate(after)
  for (let i = 0; i <= OPEN_DAY_SEARCH_LIMIT && out.length < count; i++, d = addDays(d, 1)) {
    const h = tt.hours[weekday(d)]
    if (!h || !isOpenDay(d, tt.calendar, policy)) continue
    const startsAt = jstInstant(d, h.start)
    if (startsAt <= after) continue
    out.push({ date: d, start: h.start, end: h.end, startsAt, endsAt: jstInstant(d, h.end) })
  }
  return out
}

/** A station hold made ready: when it is announced, the visit named, and the last day. */
export interface StationReady {
  noticeAt: Instant
  visit: Visit
  /** The day of the visit after `visit`: the hold ends after it (HOLD-EXPIRE's pickup-by). */
  pickupBy: JstDate
}

/**
 * HOLD-BOOKMOBILE: a copy loaded at `loadedAt` for a station. null when the timetable has no
 * two visits within a year (a data error): the caller falls back to HOLD-EXPIRE's days.
 */
export function stationReady(
  loadedAt: Instant,
  tt: StationTimetable,
  policy: Policy,
): StationReady | null {
  const noticeAt = readyNoticeAt(loadedAt, 'bookmobile', policy)
  const [visit, after] = visitsAfter(tt, noticeAt, policy, 2)
  if (!visit || !after) return null
  return { noticeAt, visit, pickupBy: after.date }
}

/** 「2026年12月8日(火) 10:30〜11:00」 / "Tue 8 Dec 2026, 10:30–11:00". */
export function visitText(v: { date: JstDate; start: ClockTime; end: ClockTime }): Text {
  return {
    ja: `${formatDateJa(v.date)} ${v.start}〜${v.end}`,
    en: `${formatDateEn(v.date)}, ${v.start}–${v.end}`,
  }
}
