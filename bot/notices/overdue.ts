/**
 * Queueing the overdue reminders due at a slot (NOTICE-OVERDUE); the cadence and the
 * numbering of reminders are db/notice-overdue.ts's.
 */
import { queueOverdueNotices } from '../../db/notices.ts'
import type { AppDeps } from '../deps.ts'

/** Queue the overdue notices due at slot `at`; returns how many were queued. */
export async function queueOverdue(deps: AppDeps, at: number): Promise<number> {
  const queued = await queueOverdueNotices(deps.db, at, deps.clock.now(), deps.config.policy)
  if (queued) deps.log.info('notices.overdue_queued', { notices: queued })
  return queued
}
