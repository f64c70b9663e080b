/**
 * When notices go out (NOTICE-KINDS, NOTICE-SLOTS, NOTICE-OVERDUE). A notice queued between
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
  jstMinuteOfDay,
  MINUTE_MS,
} from './dates.ts'
import type { Policy } from './policy.ts'

/** NOTICE-KINDS: a hold is ready to collect; an item is overdue (please return). */
export type NoticeKind = 'hold_ready' | 'overdue'
export const NOTICE_KINDS: readonly NoticeKind[] = ['hold_ready', 'overdue']

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

/** Whether `t` is exactly one of the slot instants of `list`. */
export function isNoticeSlot(t: Instant, list: SlotList, policy: Policy): boolean {
  if (t % MINUTE_MS !== 0) return false
  const m = jstMinuteOfDay(t)
  return policy.noticeSlots[list].some((s) => clockMinutes(s) === m)
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
 * NOTICE-OVERDUE: whether the next overdue notice (after `sentCount` already sent) is due at
 * `now`. A slot missed during downtime is still due, once: the count moves on when it is sent.
 */
export function overdueNoticeDue(
  dueDate: JstDate,
  sentCount: number,
  now: Instant,
  policy: Policy,
): boolean {
  return overdueNoticeAt(dueDate, sentCount, policy) <= now
}
