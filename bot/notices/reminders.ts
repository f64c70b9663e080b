/**
 * Queueing the reminders patrons ask for at a slot (NOTICE-DUE-SOON, NOTICE-EXPIRY), through
 * the library system's notice feed, like the overdue reminders (overdue.ts). Once per patron
 * per day (due soon) or per expiry date is the feed's promise, so every slot may ask.
 */
import type { AppDeps } from '../deps.ts'
import { LibrarySystemUnavailable } from './overdue.ts'

/** Queue the due-soon reminders for slot `at`; returns how many were queued. */
export async function queueDueSoon(deps: AppDeps, at: number): Promise<number> {
  const answer = await deps.library.notices.queueDueSoon(at, deps.clock.now())
  if (!answer.ok) throw new LibrarySystemUnavailable(answer.reason)
  if (answer.value) deps.log.info('notices.due_soon_queued', { notices: answer.value })
  return answer.value
}

/** Queue the registration-expiry notices for slot `at`; returns how many were queued. */
export async function queueExpiry(deps: AppDeps, at: number): Promise<number> {
  const answer = await deps.library.notices.queueExpiry(at, deps.clock.now())
  if (!answer.ok) throw new LibrarySystemUnavailable(answer.reason)
  if (answer.value) deps.log.info('notices.expiry_queued', { notices: answer.value })
  return answer.value
}
