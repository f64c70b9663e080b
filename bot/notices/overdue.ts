/**
 * Queueing the overdue reminders due at a slot (NOTICE-OVERDUE), through the library
 * system's notice feed; the cadence and the numbering of reminders are the embedded
 * adapter's (db/notice-overdue.ts).
 */
import type { AppDeps } from '../deps.ts'

/**
 * The library system could not be asked: thrown inside the slot's `overdue` step so the
 * step counts as failed and the slot runs again at the next tick (nothing is lost).
 */
export class LibrarySystemUnavailable extends Error {
  override name = 'LibrarySystemUnavailable'
}

/** Queue the overdue notices due at slot `at`; returns how many were queued. */
export async function queueOverdue(deps: AppDeps, at: number): Promise<number> {
  const answer = await deps.library.notices.queueOverdue(at, deps.clock.now())
  if (!answer.ok) throw new LibrarySystemUnavailable(answer.reason)
  const queued = answer.value
  if (queued) deps.log.info('notices.overdue_queued', { notices: queued })
  return queued
}
