/** What the front-mode poll asks the library system about one patron (bot/notices/poll.ts). */
import {
  isUnavailable,
  type LibrarySystem,
  type PolledPatron,
  type PollWant,
} from '../../core/index.ts'
import type { PollTarget } from '../../db/notice-poll.ts'

/**
 * One patron's ready holds and overdue loans: in one question when the system offers it
 * (notices.pollPatron), else from holds() and loans(); 'down' when it cannot be reached.
 *
 * 'refused' when the system refuses to list the patron (it does not know the number, for now
 * or for good): the patron is left as the last poll found them, nothing queued and nothing
 * ended, so a system that leaves a patron out of one poll never makes bunko announce the same
 * ready hold twice. A patron it no longer knows at all keeps their open announcements until
 * retention finds them older than any hold waits (db/retention-announcements.ts).
 */
export async function askPatron(
  library: LibrarySystem,
  target: PollTarget,
  now: number,
): Promise<PolledPatron | 'down' | 'refused'> {
  const { patronId } = target
  // Expiry is on unless turned off, so it is asked for only where the system has been seen
  // to tell it (capabilities, read now: the poll's own first answers may have taught it):
  // a patron who wants nothing else then costs no request.
  const want: PollWant = {
    holdReady: target.holdReady,
    overdue: target.overdue,
    dueSoon: target.dueSoonDays !== null,
    expiry: target.expiry && library.capabilities().expiryNotices,
  }
  if (library.notices.pollPatron) {
    const polled = await library.notices.pollPatron(patronId, want, now)
    if (isUnavailable(polled)) return 'down'
    return polled.ok ? polled.value : 'refused'
  }
  const [held, lent, who] = await Promise.all([
    want.holdReady ? library.holds({ patronId }, now) : null,
    want.overdue || want.dueSoon ? library.loans(patronId, now) : null,
    want.expiry ? library.patron(patronId) : null,
  ])
  const answers = [held, lent, who]
  if (answers.some((a) => a && isUnavailable(a))) return 'down'
  if (answers.some((a) => a && !a.ok)) return 'refused'
  const loans = lent?.ok ? lent.value : []
  return {
    ready: held?.ok ? held.value : [],
    overdue: want.overdue ? loans : [],
    charged: loans,
    expiresOn: who?.ok ? (who.value?.facts.expiresOn ?? null) : null,
  }
}
