/**
 * Due dates (LOAN-PERIOD, LOAN-DUE-OPEN). A due date on a day the lending library is closed
 * moves to its next open day, so the patron never has to return an item to a shut door.
 */
import { ALWAYS_OPEN, type LibraryCalendar, nextOpenDay, previousOpenDayAfter } from './calendar.ts'
import { addDays, earlierDate, type JstDate } from './dates.ts'
import type { Policy } from './policy.ts'
import type { MaterialType } from './types.ts'

/** LOAN-PERIOD: days a new loan of this material type runs. */
export function loanPeriodDays(materialType: MaterialType, policy: Policy): number {
  return policy.loanDays[materialType]
}

/**
 * LOAN-DUE-OPEN: `date`, or the lending library's next open day when it is closed that day.
 * With policy.closedDueDate = 'keep', or a calendar with no open day within a year (bad
 * data), the date is kept as it is.
 */
export function openDueDate(date: JstDate, calendar: LibraryCalendar, policy: Policy): JstDate {
  if (policy.closedDueDate === 'keep') return date
  return nextOpenDay(date, calendar, policy) ?? date
}

/** The due date of a loan made on `loanDate` (LOAN-PERIOD, then LOAN-DUE-OPEN). */
export function dueDateFor(
  loanDate: JstDate,
  materialType: MaterialType,
  policy: Policy,
  calendar: LibraryCalendar = ALWAYS_OPEN,
): JstDate {
  return openDueDate(addDays(loanDate, loanPeriodDays(materialType, policy)), calendar, policy)
}

/**
 * A renewed due date on an open day, within the limits of RENEW-BOOK:
 * the wanted date is first cut to the cap; if that day is closed it moves to the next open
 * day when that is still within the cap, otherwise back to the latest open day that is still
 * later than the current due date; if neither exists the (closed) date is kept, because the
 * cap and "never shorter" matter more than an open door (the book drop takes returns).
 */
export function renewalDueDate(
  wanted: JstDate,
  cap: JstDate,
  currentDue: JstDate,
  calendar: LibraryCalendar,
  policy: Policy,
): JstDate {
  const capped = earlierDate(wanted, cap)
  if (policy.closedDueDate === 'keep') return capped
  const next = nextOpenDay(capped, calendar, policy)
  if (next !== null && next <= cap) return next
  return previousOpenDayAfter(capped, currentDue, calendar, policy) ?? capped
}
