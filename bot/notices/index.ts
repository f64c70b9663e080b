/**
 * Notices (issue 7): hold-ready and overdue pushes, exactly once, at the library's times.
 *
 * - `startScheduler(deps)` on Node; `scheduledHandler(deps, cronTime)` on Workers (crons from
 *   `noticeCrons()`); both run `tick`, which runs `runSlot` for a slot that is owed.
 * - `runSlot(deps, at)` = `expireHolds` + `queueOverdue` + `dispatchDue`.
 */
export {
  DISPATCH_DEFAULTS,
  type DispatchOptions,
  type DispatchReport,
  dispatchDue,
} from './dispatch.ts'
export { expireHolds } from './expiry.ts'
export { queueOverdue } from './overdue.ts'
export { POLL_CONCURRENCY, type PollReport, pollNotices } from './poll.ts'
export { DEFAULT_RETRY, type RetryPolicy } from './push.ts'
export { QUOTA_WARNINGS, type QuotaReading, readQuota } from './quota.ts'
export { queueDueSoon, queueExpiry } from './reminders.ts'
export { LAST_SLOT_KEY, lastSlotRun, runSlot, type SlotReport, tick } from './run-slot.ts'
export { type Scheduler, type SchedulerOptions, startScheduler } from './scheduler.ts'
export { latestSlot, nextSlot, slotCrons } from './slots.ts'
export { CATCH_UP_CRON, noticeCrons, scheduledHandler } from './workers.ts'
