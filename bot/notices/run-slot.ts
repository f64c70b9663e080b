/**
 * One notice slot, the same on Node and Workers: expire what was not collected, queue the
 * overdue reminders that have come due (and the due-soon and expiry ones patrons asked for,
 * reminders.ts; front mode: ask the library system, poll.ts), send everything due, then erase
 * the reading records past the Policy's readingRecordDays (db/retention.ts) and the security
 * state that can no longer matter (old sign-in attempts, webhook ids, lapsed link nonces).
 * `tick` decides whether a slot is owed: the latest slot at or before now that has not run yet is run once, however
 * many were missed (downtime, or a demo clock that jumped days ahead); between slots it only
 * finishes claims a crashed run left behind.
 *
 * The last slot run is kept in the kv table, so a restart (or another Workers isolate) knows.
 */

import { DAY_MS } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { pruneLinkState } from '../../db/links.ts'
import { pruneLoginAttempts } from '../../db/lockout.ts'
import {
  advanceNoticeSlotMark,
  hasDuePending,
  hasLapsedClaims,
  noticeSlotMark,
} from '../../db/notices.ts'
import { type Erased, eraseReadingRecords } from '../../db/retention.ts'
import { DemoClock } from '../clock.ts'
import { FLASH_MS } from '../counter/flash.ts'
import { pruneSessions } from '../counter/session.ts'
import type { AppDeps } from '../deps.ts'
import { errorName } from '../log.ts'
import { type DispatchOptions, type DispatchReport, dispatchDue } from './dispatch.ts'
import { expireHolds } from './expiry.ts'
import { queueOverdue } from './overdue.ts'
import { pollNotices } from './poll.ts'
import { queueDueSoon, queueExpiry } from './reminders.ts'
import { latestSlot } from './slots.ts'

export const LAST_SLOT_KEY = 'notices.last_slot'
/** Set to the slot whose remaining notices wait for quota, so the ticks do not retry them. */
export const QUOTA_WAIT_KEY = 'notices.quota_wait'

/**
 * A run this close to its slot dates its changes at the slot, so a copy passed on by expiry
 * at 10:00 is announced in the same 10:00 push; a late catch-up dates them now, so nobody's
 * pickup days are counted from a time already past.
 */
export const ON_TIME_MS = 10 * 60_000

export interface SlotReport {
  slotAt: number
  expired: number
  overdueQueued: number
  dispatch: DispatchReport | null
  /** Steps that failed (logged); the slot is run again on a later tick. */
  errors: string[]
  /** Front mode: notices queued from asking the library system (poll.ts); 0 otherwise. */
  polledQueued: number
  /** NOTICE-DUE-SOON reminders queued. */
  dueSoonQueued: number
  /** NOTICE-EXPIRY notices queued. */
  expiryQueued: number
  /** Reading records erased; null when that failed (logged, tried again at the next slot). */
  erased: Erased | null
}

export async function runSlot(
  deps: AppDeps,
  at: number,
  opts: DispatchOptions = {},
): Promise<SlotReport> {
  const report: SlotReport = {
    slotAt: at,
    expired: 0,
    overdueQueued: 0,
    dispatch: null,
    errors: [],
    polledQueued: 0,
    dueSoonQueued: 0,
    expiryQueued: 0,
    erased: null,
  }
  const now = deps.clock.now()
  const changeAt = now - at <= ON_TIME_MS ? Math.min(at, now) : now
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work()
    } catch (err) {
      report.errors.push(name)
      deps.log.error('notices.step_failed', {
        step: name,
        slotAt: at,
        error: errorName(err),
      })
      return null
    }
  }
  report.expired = (await step('expire', () => expireHolds(deps, changeAt)))?.length ?? 0
  report.overdueQueued = (await step('overdue', () => queueOverdue(deps, at))) ?? 0
  if (deps.library.notices.polled)
    report.polledQueued = (await step('poll', () => pollNotices(deps, at)))?.queued ?? 0
  report.dueSoonQueued = (await step('due_soon', () => queueDueSoon(deps, at))) ?? 0
  report.expiryQueued = (await step('expiry', () => queueExpiry(deps, at))) ?? 0
  report.dispatch = await step('dispatch', () => dispatchDue(deps, { ...opts, slotAt: at }))
  if (report.dispatch?.deferred) await advanceNoticeSlotMark(deps.db, QUOTA_WAIT_KEY, at, now)
  report.erased = await eraseRecords(deps, now)
  await keepHouse(deps, now)
  return report
}

/** Webhook event ids are kept this long: LINE redelivers a failed webhook for a while. */
export const EVENT_IDS_KEPT_MS = 7 * DAY_MS

/**
 * Security state that can no longer matter is dropped once a slot, so the tables do not grow
 * without end: sign-in attempts older than every lockout window and lock (and a day), webhook
 * event ids after EVENT_IDS_KEPT_MS, link nonces that lapsed as long ago, counter sessions that
 * ended and their outcomes never shown (which may name a patron). Logged and left for
 * the next slot on a failure, as the erasing is.
 */
async function keepHouse(deps: AppDeps, libraryNow: number): Promise<void> {
  // Sign-in attempts are written on real time (staff, kiosks): a demo clock moved ahead must
  // not make live ones look old.
  const now = deps.clock instanceof DemoClock ? libraryNow - deps.clock.offset : libraryNow
  const { lockout, numberLockout } = deps.config.policy
  const longest = Math.max(
    lockout.windowMinutes + lockout.lockMinutes,
    numberLockout.windowMinutes + numberLockout.lockMinutes,
  )
  try {
    await pruneLoginAttempts(deps.db, now - Math.max(longest * 60_000, DAY_MS))
    await pruneLinkState(deps.db, now - EVENT_IDS_KEPT_MS)
    await pruneSessions(deps.db, now, now - FLASH_MS)
  } catch (err) {
    deps.log.error('housekeeping.failed', { error: errorName(err) })
  }
}

/**
 * Reading records are private: erase what is past the cutoff, logging counts only. A failure
 * is logged but does not make the slot run again: nothing is owed to anyone, every step is
 * safe to repeat, and the next slot tries again.
 */
async function eraseRecords(deps: AppDeps, now: number): Promise<Erased | null> {
  try {
    const erased = await eraseReadingRecords(deps.db, now, deps.config.policy)
    if (Object.values(erased).some((n) => n > 0)) deps.log.info('records.erased', { ...erased })
    return erased
  } catch (err) {
    deps.log.error('records.erase_failed', { error: errorName(err) })
    return null
  }
}

/**
 * Run the slot that is owed, if any; otherwise finish lapsed claims, and send notices a
 * limited run left pending (unless they wait for quota). Returns the slot run, or null.
 */
export async function tick(deps: AppDeps, opts: DispatchOptions = {}): Promise<SlotReport | null> {
  const { db, clock } = deps
  const now = clock.now()
  const slot = latestSlot(now, deps.config.policy)
  const last = await noticeSlotMark(db, LAST_SLOT_KEY)
  if (last === null || last < slot) {
    const report = await runSlot(deps, slot, opts)
    if (!report.errors.length) await advanceNoticeSlotMark(db, LAST_SLOT_KEY, slot, clock.now())
    return report
  }
  const waiting = (await noticeSlotMark(db, QUOTA_WAIT_KEY)) === last
  if ((await hasLapsedClaims(db, last, now)) || (!waiting && (await hasDuePending(db, last)))) {
    const report = await dispatchDue(deps, { ...opts, slotAt: last })
    if (report.deferred) await advanceNoticeSlotMark(db, QUOTA_WAIT_KEY, last, clock.now())
  }
  return null
}

/** The last slot `tick` ran, or null before the first run. */
export function lastSlotRun(db: Db): Promise<number | null> {
  return noticeSlotMark(db, LAST_SLOT_KEY)
}
