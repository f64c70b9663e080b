/**
 * Pickup-by dates (HOLD-EXPIRE, HOLD-LOCKER). The guide counts from the notice (メール到着後
 * 1週間以内), and a notice goes out at the next slot, not when the copy was set aside. So the
 * count starts on the Japan date of the notice slot that announces the hold: a hold made ready
 * at 17:00 is announced at 10:00 the next day, and that next day is day 0. The patron may
 * collect until the end of day 0 + 7 (library) or day 0 + 4 (locker).
 */
import { ALWAYS_OPEN, type LibraryCalendar } from './calendar.ts'
import { addDays, type Instant, type JstDate, jstDate } from './dates.ts'
import { openDueDate } from './due-dates.ts'
import { nextNoticeSlot } from './notices.ts'
import type { Policy } from './policy.ts'
import type { PickupKind } from './types.ts'

/** The notice slot that announces a hold made ready at `readyAt` at a place of `kind`. */
export function readyNoticeAt(readyAt: Instant, kind: PickupKind, policy: Policy): Instant {
  return nextNoticeSlot(readyAt, kind === 'locker' ? 'locker' : 'standard', policy)
}

/**
 * The last day a hold made ready at `readyAt` can be collected. For a staffed pickup place a
 * last day that falls on a closed day of that place moves to its next open day (the patron
 * would otherwise lose days they were promised); lockers are open every day.
 */
export function pickupBy(
  readyAt: Instant,
  kind: PickupKind,
  policy: Policy,
  calendar: LibraryCalendar = ALWAYS_OPEN,
): JstDate {
  const noticeDate = jstDate(readyNoticeAt(readyAt, kind, policy))
  if (kind === 'locker') return addDays(noticeDate, policy.pickup.lockerDays)
  return openDueDate(addDays(noticeDate, policy.pickup.days), calendar, policy)
}
