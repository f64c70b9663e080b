/**
 * HOLD-TRANSIT (assumed): copies travel between the city's libraries in the van (回送). A copy
 * set aside anywhere but where its hold is collected goes 回送中 with its destination, and the
 * hold becomes ready (HOLD-READY: notice, HOLD-EXPIRE / HOLD-LOCKER clock) only when the
 * destination receives it. A copy with no hold that is checked in away from its home library
 * travels home the same way (decided inside db/copy-moves.ts copyStatusStatement, one statement).
 *
 * Where the spec is silent: a locker is filled by the staff of the library that runs it, and
 * the bookmobile is loaded at the library it runs from, so a copy for a locker or a bookmobile
 * station is received there; a branch room (分室) has its own counter and receives for itself.
 */
import {
  addDays,
  clockMinutes,
  daysBetween,
  type Instant,
  type JstDate,
  jstDate,
  jstMinuteOfDay,
} from './dates.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type PickupKind, type Place, refuse, type Text } from './types.ts'

/** A place as routing needs it: what it is and which library runs it. */
export interface RoutePlace {
  id: number
  kind: PickupKind
  /** The library that runs a branch room, station or locker; null for a library. */
  parentId: number | null
}

/** HOLD-TRANSIT: where the copy for a hold collected at `pickup` must be received. */
export function receivingPlaceId(pickup: RoutePlace): number {
  if (pickup.kind === 'locker' || pickup.kind === 'bookmobile') return pickup.parentId ?? pickup.id
  return pickup.id
}

/**
 * Where the copy of a ready hold waits: at its pickup place, except a locker hold that was not
 * lent into the locker (ACC-BLOCK-OVERDUE: a blocked patron's copy waits on the hold shelf of
 * the library that fills the locker, not in the locker).
 */
export function readyCopyPlaceId(pickup: RoutePlace, lentIntoLocker: boolean): number {
  return pickup.kind === 'locker' && !lentIntoLocker ? receivingPlaceId(pickup) : pickup.id
}

/** What happens to a copy at `hereId`: ready here, or sent (回送) to another place. */
export type CopyMove = { kind: 'here' } | { kind: 'transit'; toPlaceId: number }

/** HOLD-TRANSIT: a copy set aside at `hereId` for a hold collected at `pickup`. */
export function setAsideMove(hereId: number, pickup: RoutePlace): CopyMove {
  const to = receivingPlaceId(pickup)
  return to === hereId ? { kind: 'here' } : { kind: 'transit', toPlaceId: to }
}

export type ReceiveReason = 'not_in_transit' | 'wrong_place'

/** What the receive screen knows about a scanned copy. */
export interface ReceiveRequest {
  /** Where the copy is travelling to, or null when it is not in transit. */
  destination: Place | null
  hereId: number
}

/**
 * HOLD-TRANSIT: may `hereId` receive the copy? Only its destination may: a copy scanned at the
 * wrong library is refused with where it should go, and a copy not travelling is refused with
 * what to do instead. Staff-facing sentences.
 */
export function mayReceive(req: ReceiveRequest): Decision<null, ReceiveReason> {
  const to = req.destination
  if (!to)
    return refuse('not_in_transit', {
      ja: 'この資料は回送中ではありません。返却された資料であれば、貸出・返却の画面で返却してください。',
      en: 'This item is not in transit. If it is being returned, check it in on the desk screen.',
    })
  if (to.id !== req.hereId) return refuse('wrong_place', wrongPlaceMessage(to))
  return allow(null)
}

/** 「回送先は楠葉図書館です」: where a copy received at the wrong library should go. */
export function wrongPlaceMessage(to: Place): Text {
  return {
    ja: `この資料の回送先は${to.name}です。ここでは受け取らず、${to.name}行きの回送箱に入れてください。`,
    en: `This item is travelling to ${to.nameEn ?? to.name}. Do not receive it here; put it in the van box for ${to.nameEn ?? to.name}.`,
  }
}

/**
 * The 回送 overdue list (assumed): a copy sent `since` and not received after
 * `policy.transit.overdueDays` calendar days is listed for staff to trace.
 */
/**
 * HOLD-TRANSIT: the day whose van box a copy sent at `since` goes in: that day's, or the next
 * day's when it was sent after the van left (policy.transit.vanLeavesAt).
 */
export function vanDay(since: Instant, policy: Policy): JstDate {
  const day = jstDate(since)
  return jstMinuteOfDay(since) < clockMinutes(policy.transit.vanLeavesAt) ? day : addDays(day, 1)
}

export function isTransitOverdue(since: Instant, now: Instant, policy: Policy): boolean {
  return daysBetween(jstDate(since), jstDate(now)) >= policy.transit.overdueDays
}
