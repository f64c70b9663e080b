/**
 * When notices go out (NOTICE-SLOTS, NOTICE-OVERDUE). A notice queued between
 * slots waits for the next slot, so patrons hear from the library at predictable times.
 */
import {
  addDays,
  clockMinutes,
  DAY_MS,
  type Instant,
  type JstDate,
  jstDate,
  jstInstant,
  MINUTE_MS,
} from './dates.ts'
import type { Policy } from './policy.ts'

/** Which slot list applies: lockers also have an evening slot (19:00 in Hirakata). */
export type SlotList = 'standard' | 'locker'

/**
 * NOTICE-SLOTS: the first slot at or after `queuedAt` (a notice queued exactly at a slot goes
 * in that slot). Never before `queuedAt`; always one of the policy's slot times.
 */
export function nextNoticeSlot(queuedAt: Instant, list: SlotList, policy: Policy): Instant {
  const slots = policy.noticeSlots[list].map(clockMinutes).sort((a, b) => a - b)
  const date = jstDate(queuedAt)
  const dayStart = jstInstant(date)
  for (const s of slots) {
    const at = dayStart + s * MINUTE_MS
    if (at >= queuedAt) return at
  }
  // All of today's slots are past: the first slot tomorrow.
  return jstInstant(addDays(date, 1)) + (slots[0] ?? 0) * MINUTE_MS
}

/**
 * NOTICE-OVERDUE: the instant of overdue notice number `n` (0 = the first) for an item due
 * on `dueDate`. The first goes at the first standard slot after the due date has passed
 * (the due date passes at midnight, so 10:00 the next day in Hirakata); each reminder
 * follows policy.overdueReminderDays later at the same slot, while the item stays out.
 */
export function overdueNoticeAt(dueDate: JstDate, n: number, policy: Policy): Instant {
  const passed = jstInstant(addDays(dueDate, 1))
  const first = nextNoticeSlot(passed, 'standard', policy)
  return first + Math.max(0, Math.floor(n)) * policy.overdueReminderDays * DAY_MS
}

/**
 * NOTICE-OVERDUE: the number of the latest overdue notice due by `at` (0 = the first), or null
 * when none is due yet. After downtime only the latest is sent, not every one missed, so the
 * patron hears once and the cadence stays on its grid (every `overdueReminderDays`).
 */
export function reminderDue(dueDate: JstDate, at: Instant, policy: Policy): number | null {
  const first = overdueNoticeAt(dueDate, 0, policy)
  if (first > at) return null
  return Math.floor((at - first) / (policy.overdueReminderDays * DAY_MS))
}
