/**
 * HOLD-TRANSIT at the counter: receiving copies that travelled here (回送受入), the 回送 list
 * of what leaves this library for where (one van box per destination), and the 回送 overdue
 * list of copies sent and never received.
 *
 * Receiving is a check-in without a loan: a copy set aside for a hold in transit makes that
 * hold ready here (notice, HOLD-EXPIRE / HOLD-LOCKER clock, locker loan); a copy with no hold
 * (it came home, or its hold was cancelled on the way) serves the next waiting hold or goes on
 * the shelf. Two staff receiving one copy at once: the batches are guarded, so the hold is made
 * ready, and its notice queued, once; the second is told it was already received.
 */
import { sql } from 'drizzle-orm'
import {
  addDays,
  type Decision,
  isTransitOverdue,
  jstDate,
  jstInstant,
  mayReceive,
  type Policy,
  placeWithRunner,
  type ReceiveReason,
} from '../core/index.ts'
import type { CheckInResult } from './circulation.ts'
import { type Db, type Raw, raw } from './client.ts'
import {
  arrivalStatements,
  assignStatements,
  type CopyRef,
  copyStatusStatement,
} from './copy-moves.ts'
import { placeFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId, isText } from './refusals.ts'
import { copyByBarcode, nextHoldFor, servedHold, setAsideHold, targetFor } from './serve.ts'

export interface ReceiveResult extends CheckInResult {
  /** Whether this receipt ended the transit (false: another desk received it a moment before). */
  received: boolean
}

/** Receive a copy that travelled to `placeId` (the receive screen's scan). */
export async function receiveCopy(
  db: Db,
  input: { barcode: string; placeId: number },
  now: number,
  policy: Policy,
): Promise<Decision<ReceiveResult, InputReason | ReceiveReason>> {
  if (!isText(input.barcode, 64) || !isId(input.placeId)) return inputRefusal('invalid_input')
  const found = await copyByBarcode(db, input.barcode.trim())
  if (!found) return inputRefusal('unknown_copy')
  if (!(await placeFacts(db, input.placeId))) return inputRefusal('unknown_place')
  const to = found.copy.transitToId === null ? null : await placeFacts(db, found.copy.transitToId)
  const may = mayReceive({ destination: to ? placeWithRunner(to) : null, hereId: input.placeId })
  if (!may.ok) return may
  return { ok: true, value: await arrive(db, found.ref, input.placeId, now, policy) }
}

/**
 * The copy arrived at `hereId`, its destination: one batch claims the transit, makes its hold
 * ready (or passes the copy on) and settles the copy's status. `first` runs before them (the
 * check-in's loan return).
 */
export async function arrive(
  db: Db,
  copy: CopyRef,
  hereId: number,
  now: number,
  policy: Policy,
  first?: Raw<{ id: number }>,
): Promise<ReceiveResult> {
  const travelling = await setAsideHold(db, copy.id)
  const target =
    travelling?.row.state === 'in_transit'
      ? await targetFor(db, travelling.row.id, travelling.row.pickupPlaceId)
      : null
  const next = travelling ? null : await nextHoldFor(db, copy, policy, { now })
  const moves = target
    ? arrivalStatements(copy, target, now, policy)
    : next
      ? assignStatements(copy, next.target, hereId, now, policy)
      : []
  const results = await db.batch([
    raw<{ id: number }>(sql`UPDATE copies SET transit_to_id = transit_to_id
      WHERE id = ${copy.id} AND transit_to_id = ${hereId} RETURNING id`),
    first ?? raw<{ id: number }>(sql`SELECT id FROM loans WHERE 0`),
    ...moves,
    copyStatusStatement(copy.id, hereId, now),
  ])
  const claimed = (results[0] as { id: number }[]).length > 0
  const returned = results[1] as { id: number }[]
  const status = results.at(-1) as {
    status: string
    placeId: number | null
    transitToId: number | null
  }[]
  const holder = await setAsideHold(db, copy.id)
  const servedId = target?.holdId ?? next?.holdId
  const kind = target?.kind ?? next?.target.kind
  return {
    copyId: copy.id,
    titleId: copy.titleId,
    returnedLoanId: returned[0]?.id ?? null,
    hold: holder ? servedHold(holder.row, kind === 'locker' && holder.row.id === servedId) : null,
    noticeId: servedId ? await queuedNoticeId(db, servedId, now) : null,
    copyStatus: status[0]?.status ?? 'on_shelf',
    placeId: status[0]?.placeId ?? null,
    transitToId: status[0]?.transitToId ?? null,
    withdrawn: copy.withdrawn,
    received: claimed,
  }
}

/** The pickup notice queued for `holdId` at `now`, if this move queued it. */
export async function queuedNoticeId(db: Db, holdId: number, now: number): Promise<string | null> {
  const rows = await db.all<{ id: string }>(sql`SELECT id FROM notices
    WHERE key = ${`hold_ready:${holdId}`} AND created_at = ${now}`)
  return rows[0]?.id ?? null
}

/** One copy on its way: what the 回送 lists show. */
export interface TransitItem {
  copyId: number
  barcode: string
  title: string
  callNumber: string
  fromPlaceId: number | null
  fromName: string
  toPlaceId: number
  toName: string
  since: number
  /** The hold it travels for, or null: going home to the shelf. */
  holdId: number | null
  patronNumber: string | null
  /** The pickup place when it is not the destination itself (a locker, a station). */
  pickupName: string | null
  overdue: boolean
}

const TRANSIT_SELECT = sql`SELECT c.id AS copyId, c.barcode, t.title, c.call_number AS callNumber,
    c.transit_from_id AS fromPlaceId, coalesce(f.name, '') AS fromName,
    c.transit_to_id AS toPlaceId, d.name AS toName, c.transit_since AS since,
    h.id AS holdId, pa.number AS patronNumber,
    CASE WHEN h.pickup_place_id <> c.transit_to_id THEN pp.name END AS pickupName
  FROM copies c JOIN titles t ON t.id = c.title_id
    JOIN places d ON d.id = c.transit_to_id
    LEFT JOIN places f ON f.id = c.transit_from_id
    LEFT JOIN holds h ON h.copy_id = c.id AND h.state = 'in_transit'
    LEFT JOIN patrons pa ON pa.id = h.patron_id
    LEFT JOIN places pp ON pp.id = h.pickup_place_id`

type TransitRow = Omit<TransitItem, 'overdue'>

/**
 * The 回送 list of `fromPlaceId`: copies sent from here and not yet received, by destination
 * (one van box each), then by call number. Set volumes stay in volume order (HOLD-SET).
 */
export async function transitList(
  db: Db,
  input: { fromPlaceId: number },
  now: number,
  policy: Policy,
): Promise<TransitItem[]> {
  if (!isId(input.fromPlaceId)) return []
  const rows = await db.all<TransitRow>(sql`${TRANSIT_SELECT}
    WHERE c.transit_to_id IS NOT NULL AND c.transit_from_id = ${input.fromPlaceId}
    ORDER BY d.sort_order, d.id, c.call_number, t.title, t.volume, c.id`)
  return rows.map((r) => ({ ...r, overdue: isTransitOverdue(r.since, now, policy) }))
}

/** What is travelling to `toPlaceId`: the receive screen's "expected" list. */
export async function incomingList(
  db: Db,
  input: { toPlaceId: number },
  now: number,
  policy: Policy,
): Promise<TransitItem[]> {
  if (!isId(input.toPlaceId)) return []
  const rows = await db.all<TransitRow>(sql`${TRANSIT_SELECT}
    WHERE c.transit_to_id = ${input.toPlaceId}
    ORDER BY c.transit_since, c.id`)
  return rows.map((r) => ({ ...r, overdue: isTransitOverdue(r.since, now, policy) }))
}

/**
 * The 回送 overdue list: copies sent `policy.transit.overdueDays` days ago or more and never
 * received, everywhere, oldest first, for staff to trace (lost in the van, left in a box).
 */
export async function overdueTransits(db: Db, now: number, policy: Policy): Promise<TransitItem[]> {
  // Sent before the start of (today − overdueDays + 1) in Japan: overdue today.
  const before = jstInstant(addDays(jstDate(now), 1 - policy.transit.overdueDays))
  const rows = await db.all<TransitRow>(sql`${TRANSIT_SELECT}
    WHERE c.transit_to_id IS NOT NULL AND c.transit_since < ${before}
    ORDER BY c.transit_since, c.id`)
  return rows
    .map((r) => ({ ...r, overdue: isTransitOverdue(r.since, now, policy) }))
    .filter((r) => r.overdue)
}
