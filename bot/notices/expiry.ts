/**
 * The expiry job (HOLD-EXPIRE, HOLD-LOCKER), run at every slot through the library system's
 * notice feed: a ready hold past its last day to collect ends, and its copy goes to the next
 * waiting hold (whose ready notice is queued in the same batch) or back to the shelf; an
 * uncollected locker loan is returned with its hold.
 */
import type { ExpiredHold } from '../../core/library-system.ts'
import type { AppDeps } from '../deps.ts'
import { LibrarySystemUnavailable } from './overdue.ts'

export async function expireHolds(deps: AppDeps, now = deps.clock.now()): Promise<ExpiredHold[]> {
  const answer = await deps.library.notices.expireHolds(now)
  if (!answer.ok) throw new LibrarySystemUnavailable(answer.reason)
  const expired = answer.value
  if (expired.length)
    deps.log.info('holds.expired', {
      holds: expired.length,
      passedOn: expired.filter((e) => e.nextHoldId !== null).length,
      lockerReturns: expired.filter((e) => e.returnedLoanId !== null).length,
    })
  return expired
}
