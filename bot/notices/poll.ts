/**
 * Notices from a library system that does not write into bunko's outbox (front mode, issue
 * 14). At each slot bunko asks the system, for every linked patron who can be pushed, for their
 * ready holds and overdue loans (through the port: notices.pollPatron where the system offers
 * it — one SIP2 63 for most patrons — else holds() and loans(); the SIP2 adapter paces itself
 * under SIP2_MAX_RPS) with a few patrons in flight at once, and queues into the same outbox a
 * hold-ready notice for each ready hold and an overdue reminder by NOTICE-OVERDUE's cadence for
 * each overdue loan; for a patron who opted in, a due-soon reminder (NOTICE-DUE-SOON) listing
 * the loans due their chosen days ahead, and an expiry notice (NOTICE-EXPIRY) where the system
 * tells the registration's expiry date. Each carries what its push says, as the system's
 * loans are not in bunko's tables.
 *
 * Each notice's key names what it announces, and db/notice-poll.ts queues a key only once: a
 * slot that crashes halfway and runs again, or two slots that overlap, send nothing twice. When
 * the system cannot be reached the poll stops asking and the step fails, so the slot is run
 * again at the next tick (the catch-up) and what was missed is found then.
 */
import {
  type DueSoonLeadDays,
  dueSoonTarget,
  expiryNoticeDue,
  type HoldSummary,
  type JstDate,
  jstDate,
  type LibraryPlace,
  type LoanSummary,
  nextNoticeSlot,
  overdueNoticeAt,
  type Policy,
  reminderDue,
} from '../../core/index.ts'
import { missAnnouncements, relistAnnouncements } from '../../db/announcement-misses.ts'
import { endsByMisses } from '../../db/notice-episodes.ts'
import {
  endAnnouncements,
  openReadyAnnouncements,
  type PolledNotice,
  pollTargets,
  queuePolledNotices,
  seeAnnouncements,
} from '../../db/notice-poll.ts'
import type { AppDeps } from '../deps.ts'
import { LibrarySystemUnavailable } from './overdue.ts'
import { askPatron } from './poll-ask.ts'
import { endedKeys, type ReadyKey, readyKeys } from './poll-episodes.ts'

/** Patrons asked about at once: the adapter paces the requests themselves. */
export const POLL_CONCURRENCY = 8

/** Found notices are queued this many at a time, so a long poll that dies keeps its progress. */
const FLUSH_AT = 50

export interface PollReport {
  patrons: number
  queued: number
}

/**
 * Ask about every linked patron and queue what is new for slot `at`, written at `now`.
 * Throws LibrarySystemUnavailable (after queueing what was found) when the system is down.
 */
export async function pollNotices(
  deps: AppDeps,
  at: number,
  opts: { concurrency?: number; flushAt?: number } = {},
): Promise<PollReport> {
  const { db, library, clock, config } = deps
  const now = clock.now()
  const targets = await pollTargets(db)
  if (targets.length === 0) return { patrons: 0, queued: 0 }
  const listed = await library.places()
  if (!listed.ok) throw new LibrarySystemUnavailable(listed.reason)
  const places = new Map(listed.value.map((p) => [p.id, p]))
  const open = await openReadyAnnouncements(db)
  const found: PolledNotice[] = []
  // Ready holds no longer listed: a ready instant's key ends now; an episode or a keep-until
  // date once the polls of two slots miss it (db/announcement-misses.ts).
  const ended: string[] = []
  const missed: string[] = []
  const relisted: string[] = []
  // Open ones listed again, whichever way they end: still on the shelf (seeAnnouncements).
  const seen: string[] = []
  let refused = 0
  let down = false
  let next = 0
  let queued = 0
  const flush = async () => {
    if (ended.length) await endAnnouncements(db, ended.splice(0), now)
    if (missed.length) await missAnnouncements(db, missed.splice(0), at, now)
    if (relisted.length) await relistAnnouncements(db, relisted.splice(0), at)
    if (seen.length) await seeAnnouncements(db, seen.splice(0), now)
    if (found.length) queued += await queuePolledNotices(db, found.splice(0), now)
  }
  const worker = async () => {
    while (!down && next < targets.length) {
      const target = targets[next++]!
      const asked = await askPatron(library, target, now)
      if (asked === 'down') {
        down = true
        return
      }
      // Not listed this time is not "nothing ready": ending their announcements would tell
      // them again of the same holds once the system lists them again.
      const { patronId } = target
      if (asked === 'refused') {
        refused += 1
        continue
      }
      const mine = open.get(patronId) ?? []
      // A patron who does not want hold-ready notices was not asked about holds.
      if (target.holdReady) {
        const gone = endedKeys(patronId, mine, asked.ready)
        for (const key of mine) {
          const listed = !gone.includes(key)
          if (listed) seen.push(key)
          if (endsByMisses(key)) (listed ? relisted : missed).push(key)
          else if (!listed) ended.push(key)
        }
      }
      const keys = await readyKeys(db, patronId, asked.ready, mine)
      found.push(...readyNotices(patronId, asked.ready, keys, places, at, config.policy))
      found.push(...overdueNotices(patronId, asked.overdue, at, config.policy))
      found.push(...dueSoonNotices(patronId, target.dueSoonDays, asked.charged ?? [], at))
      if (target.expiry) found.push(...expiryNotices(patronId, asked.expiresOn ?? null, at))
      const pending = found.length + ended.length + missed.length + relisted.length + seen.length
      if (pending >= (opts.flushAt ?? FLUSH_AT)) await flush()
    }
  }
  const n = Math.max(1, Math.min(opts.concurrency ?? POLL_CONCURRENCY, targets.length))
  await Promise.all(Array.from({ length: n }, worker))
  // What was found before the system went down is queued now; the re-run finds the rest.
  await flush()
  if (queued) deps.log.info('notices.polled', { patrons: targets.length, notices: queued })
  // How many only: staff can look into a system that no longer knows linked patrons.
  if (refused) deps.log.warn('notices.poll_refused', { patrons: refused })
  if (down) throw new LibrarySystemUnavailable('library_unavailable')
  return { patrons: targets.length, queued }
}

/**
 * A hold-ready notice per ready hold, at the first slot of its list from `at` (NOTICE-SLOTS),
 * under the key poll-episodes.ts chose for it.
 */
export function readyNotices(
  patronId: number,
  holds: readonly HoldSummary[],
  keys: ReadonlyMap<number, ReadyKey>,
  places: ReadonlyMap<number, LibraryPlace>,
  at: number,
  policy: Policy,
): PolledNotice[] {
  return holds
    .filter((h) => h.state === 'ready' && keys.has(h.id))
    .map((h) => {
      // Front mode: SIP2 names no pickup place; the notice then says where it was asked for.
      const place = h.pickupPlace
      const locker = place?.kind === 'locker'
      const slotKind = locker ? ('locker' as const) : ('standard' as const)
      return {
        ...(keys.get(h.id) as ReadyKey),
        patronId,
        kind: 'hold_ready' as const,
        slotKind,
        dueAt: nextNoticeSlot(at, slotKind, policy),
        title: h.title,
        author: h.author || null,
        placeName: place?.name ?? null,
        placeNameEn: place ? (places.get(place.id)?.nameEn ?? null) : null,
        placePhone: place?.phone ?? null,
        placeKind: place?.kind ?? null,
        collectBy: h.pickupBy,
        // The library system keeps a locker copy back itself; bunko cannot tell, so says "ready".
        lockerLent: locker ? true : null,
      }
    })
}

/**
 * NOTICE-DUE-SOON: one reminder for the day of slot `at` (key `due_soon:<patron>:<day>`, as in
 * embedded mode, so the first slot that day sends it), listing the loans due the patron's
 * chosen number of days later. The list is carried with it (the ILS's loans are not in
 * bunko's tables); none due that date, no reminder.
 */
export function dueSoonNotices(
  patronId: number,
  lead: DueSoonLeadDays | null,
  charged: readonly LoanSummary[],
  at: number,
): PolledNotice[] {
  if (lead === null) return []
  const target = dueSoonTarget(at, lead)
  const due = charged.filter((l) => l.dueDate === target && !l.overdue)
  if (!due.length) return []
  return [
    {
      key: `due_soon:${patronId}:${jstDate(at)}`,
      patronId,
      kind: 'due_soon',
      slotKind: 'standard',
      dueAt: at,
      title: '',
      author: null,
      aboutDate: target,
      items: due.map((l) => ({
        loanId: l.id,
        title: l.title,
        author: l.author || null,
        dueDate: l.dueDate,
      })),
    },
  ]
}

/**
 * NOTICE-EXPIRY: one notice per expiry date (key `expiry:<patron>:<date>`, as in embedded
 * mode), from 30 days before it; nothing where the system does not tell the date.
 */
export function expiryNotices(
  patronId: number,
  expiresOn: JstDate | null,
  at: number,
): PolledNotice[] {
  if (!expiresOn || !expiryNoticeDue(expiresOn, at)) return []
  return [
    {
      key: `expiry:${patronId}:${expiresOn}`,
      patronId,
      kind: 'expiry',
      slotKind: 'standard',
      dueAt: at,
      title: '',
      author: null,
      aboutDate: expiresOn,
    },
  ]
}

/** NOTICE-OVERDUE: the latest reminder due by `at` of each overdue loan, one key per number. */
export function overdueNotices(
  patronId: number,
  loans: readonly LoanSummary[],
  at: number,
  policy: Policy,
): PolledNotice[] {
  const today = jstDate(at)
  return loans.flatMap((l) => {
    if (l.dueDate >= today) return []
    const n = reminderDue(l.dueDate, at, policy)
    if (n === null) return []
    return [
      {
        key: `poll:overdue:${patronId}:${l.id}:${l.dueDate}:${n}`,
        patronId,
        kind: 'overdue' as const,
        slotKind: 'standard' as const,
        dueAt: overdueNoticeAt(l.dueDate, n, policy),
        title: l.title,
        author: l.author || null,
        dueDate: l.dueDate,
      },
    ]
  })
}
