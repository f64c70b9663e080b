/**
 * A library's opening calendar as data (LOAN-DUE-OPEN): the weekdays it is closed, the
 * dates it is closed (整理休館日, 臨時休館), and the policy's days every library is closed
 * (年末年始). No rule hard-codes a closed day.
 */
import { addDays, type JstDate, weekday } from './dates.ts'
import type { Policy } from './policy.ts'

export interface LibraryCalendar {
  /** 0 Sunday … 6 Saturday. */
  closedWeekdays: readonly number[]
  closedDates: readonly JstDate[]
}

/** A library that never closes: what rules use when the caller has no calendar. */
export const ALWAYS_OPEN: LibraryCalendar = { closedWeekdays: [], closedDates: [] }

/**
 * How far a search for an open day looks before giving up. A calendar that is closed for a
 * whole year is a data error; the search stops rather than loop, and the caller keeps the
 * date it had.
 */
export const OPEN_DAY_SEARCH_LIMIT = 366

/** Whether the library is open on `date`. */
export function isOpenDay(date: JstDate, calendar: LibraryCalendar, policy: Policy): boolean {
  if (calendar.closedWeekdays.includes(weekday(date))) return false
  if (calendar.closedDates.includes(date)) return false
  return !policy.closedDates.includes(date)
}

/** The first open day on or after `date`, or null when none is found within the search limit. */
export function nextOpenDay(
  date: JstDate,
  calendar: LibraryCalendar,
  policy: Policy,
): JstDate | null {
  let d = date
  for (let i = 0; i <= OPEN_DAY_SEARCH_LIMIT; i++) {
    if (isOpenDay(d, calendar, policy)) return d
    d = addDays(d, 1)
  }
  return null
}

/** The last open day on or before `date` and strictly after `after`, or null. */
export function previousOpenDayAfter(
  date: JstDate,
  after: JstDate,
  calendar: LibraryCalendar,
  policy: Policy,
): JstDate | null {
  let d = date
  for (let i = 0; i <= OPEN_DAY_SEARCH_LIMIT && d > after; i++) {
    if (isOpenDay(d, calendar, policy)) return d
    d = addDays(d, -1)
  }
  return null
}
