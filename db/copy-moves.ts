/**
 * The statements that move a copy: set it aside for a hold, ready where it is (HOLD-READY,
 * with the pickup notice in the same batch; HOLD-LOCKER, with the loan in the same batch) or
 * in transit to where it will be received (HOLD-TRANSIT), make a hold in transit ready when
 * its copy arrives, and bring the copy's shelf status in line with its loans and holds. Each
 * write is guarded so that two racing batches can never give one copy to two holds: the hold
 * is only set aside while no other hold has the copy and no loan is open on it, and a partial
 * unique index (holds_assigned_copy_uq) stands behind that. A hold suspended today (HOLD-SUSPEND)
 * is never set aside.
 */
import { type SQL, sql } from 'drizzle-orm'
import {
  addDays,
  dueDateFor,
  type Instant,
  type JstDate,
  jstDate,
  type LibraryCalendar,
  longOverdueDueBy,
  type MaterialType,
  type PickupKind,
  type Policy,
  pickupBy,
  readyNoticeAt,
  type StationTimetable,
  setAsideMove,
  stationReady,
} from '../core/index.ts'
import { type Raw, raw } from './client.ts'

export interface CopyRef {
  id: number
  titleId: number
  materialType: MaterialType
  /** Withdrawn (除籍), itself or its record (core's isWithdrawn): it fills no hold. */
  withdrawn: boolean
}

/**
 * In SQL, what core's isWithdrawn says in TypeScript: the copy and its record are both still
 * in the collection. Every statement that sets a copy aside or lends it carries this guard, so
 * an import that withdraws the copy a moment before cannot be overtaken.
 */
export function inCirculation(copyId: number | SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM copies wc JOIN titles wt ON wt.id = wc.title_id
    WHERE wc.id = ${copyId} AND wc.withdrawn_at IS NULL AND wt.withdrawn_at IS NULL)`
}

export interface AssignTarget {
  holdId: number
  pickupPlaceId: number
  kind: PickupKind
  /** The library that runs the pickup place (HOLD-TRANSIT: lockers and stations receive there). */
  parentId: number | null
  /** The pickup place's calendar (HOLD-EXPIRE moves a last day off closed days). */
  pickupCalendar: LibraryCalendar
  /** For a locker: the library that runs it, whose calendar sets the loan's due date. */
  lendingLibraryId: number | null
  lendingCalendar: LibraryCalendar
  /** HOLD-BOOKMOBILE: the station's timetable; null for every other kind of place. */
  timetable: StationTimetable | null
}

const SET_ASIDE = sql.raw(`('in_transit','ready')`)

/**
 * The statements that set `copy`, now at `hereId`, aside for the hold; run them in one batch.
 * HOLD-TRANSIT: where the pickup place does not receive at `hereId` the hold goes in transit
 * and nothing else happens yet (no notice, no clock, no locker loan).
 */
export function assignStatements(
  copy: CopyRef,
  t: AssignTarget,
  hereId: number,
  now: number,
  policy: Policy,
): Raw<{ id: number }>[] {
  const free = sql`NOT EXISTS (SELECT 1 FROM holds x WHERE x.copy_id = ${copy.id} AND x.state IN ${SET_ASIDE})
    AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = ${copy.id} AND l.returned_at IS NULL)
    AND EXISTS (SELECT 1 FROM copies c WHERE c.id = ${copy.id} AND c.status <> 'missing')
    AND ${inCirculation(copy.id)}`
  // HOLD-SUSPEND: a hold suspended today is passed over in the same statement, so a suspension
  // saved a moment before the copy is set aside still wins.
  const serving = sql`state = 'waiting'
    AND (suspended_until IS NULL OR suspended_until < ${jstDate(now)})`
  const move = setAsideMove(hereId, { id: t.pickupPlaceId, kind: t.kind, parentId: t.parentId })
  if (move.kind === 'transit')
    return [
      raw(sql`UPDATE holds SET state = 'in_transit', copy_id = ${copy.id}
        WHERE id = ${t.holdId} AND ${serving} AND ${free}
        RETURNING id`),
    ]
  return readyStatements(copy, t, now, policy, sql`${serving} AND ${free}`)
}

/**
 * HOLD-TRANSIT: the copy of a hold in transit was received where it is collected (or where
 * its locker is filled, or its bookmobile loaded): the hold becomes ready now, with its notice.
 * A copy withdrawn on its way fills nothing: the hold goes back to waiting, first in its queue
 * as before (its placed time is kept), and the copy goes home (the last statement).
 */
export function arrivalStatements(
  copy: CopyRef,
  t: AssignTarget,
  now: number,
  policy: Policy,
): Raw<{ id: number }>[] {
  const travelling = sql`state = 'in_transit' AND copy_id = ${copy.id}`
  return [
    ...readyStatements(copy, t, now, policy, sql`${travelling} AND ${inCirculation(copy.id)}`),
    raw(sql`UPDATE holds SET state = 'waiting', copy_id = NULL
      WHERE id = ${t.holdId} AND ${travelling} AND NOT ${inCirculation(copy.id)}
      RETURNING id`),
  ]
}

/** When a hold made ready now is announced, its last day and, at a station, its visit. */
interface Readiness {
  noticeAt: Instant
  by: JstDate
  visit: { startsAt: Instant; endsAt: Instant } | null
}

function readiness(t: AssignTarget, now: number, policy: Policy): Readiness {
  const station =
    t.kind === 'bookmobile' && t.timetable ? stationReady(now, t.timetable, policy) : null
  if (station) return { noticeAt: station.noticeAt, by: station.pickupBy, visit: station.visit }
  return {
    noticeAt: readyNoticeAt(now, t.kind, policy),
    by: pickupBy(now, t.kind, policy, t.pickupCalendar),
    visit: null,
  }
}

/** HOLD-READY: the hold (matching `guard`) becomes ready now, with its locker loan and notice. */
function readyStatements(
  copy: CopyRef,
  t: AssignTarget,
  now: number,
  policy: Policy,
  guard: SQL,
): Raw<{ id: number }>[] {
  const r = readiness(t, now, policy)
  const locker = t.kind === 'locker'
  const readied = sql`SELECT 1 FROM holds WHERE id = ${t.holdId} AND state = 'ready'
    AND copy_id = ${copy.id} AND ready_at = ${now}`
  const out: Raw<{ id: number }>[] = [
    raw(sql`UPDATE holds SET state = 'ready', copy_id = ${copy.id}, ready_at = ${now},
        pickup_by = ${r.by}, visit_starts_at = ${r.visit?.startsAt ?? null},
        visit_ends_at = ${r.visit?.endsAt ?? null}, notice_state = 'pending'
      WHERE id = ${t.holdId} AND ${guard}
      RETURNING id`),
  ]
  if (locker) out.push(...lockerLoanStatements(copy, t, now, policy, readied))
  out.push(
    raw(sql`INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
        attempts, created_at)
      SELECT ${crypto.randomUUID()}, 'hold_ready:' || id, patron_id, 'hold_ready', id,
        ${locker ? 'locker' : 'standard'}, ${r.noticeAt}, 'pending', 0, ${now}
      FROM holds WHERE id = ${t.holdId} AND EXISTS (${readied})
      ON CONFLICT (key) DO NOTHING
      RETURNING id`),
  )
  return out
}

/**
 * HOLD-LOCKER: the copy is lent to the patron as it goes into the locker. The due date runs
 * from today like any loan, and may not fall before the last day to collect.
 * ACC-BLOCK-OVERDUE: a blocked patron cannot borrow a ready hold, so for them nothing is lent:
 * the hold is ready without a loan, the copy waits on the hold shelf, and the ready notice
 * says why (core's longOverdueDueBy, checked in the same statement as the loan).
 */
function lockerLoanStatements(
  copy: CopyRef,
  t: AssignTarget,
  now: number,
  policy: Policy,
  readied: ReturnType<typeof sql>,
): Raw<{ id: number }>[] {
  const today = jstDate(now)
  const due = dueDateFor(today, copy.materialType, policy, t.lendingCalendar)
  const lastPickup = pickupBy(now, 'locker', policy)
  const dueDate = due < lastPickup ? addDays(lastPickup, 0) : due
  const blockedBy = longOverdueDueBy(today, policy)
  return [
    raw(sql`INSERT INTO loans (copy_id, patron_id, library_id, loan_date, due_date, renewals,
        inter_library, locker, hold_id, loaned_at)
      SELECT ${copy.id}, patron_id, ${t.lendingLibraryId}, ${today}, ${dueDate}, 0, 0, 1, id, ${now}
      FROM holds WHERE id = ${t.holdId} AND EXISTS (${readied})
        AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = ${copy.id} AND l.returned_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM loans b WHERE b.patron_id = holds.patron_id
          AND b.returned_at IS NULL AND b.due_date <= ${blockedBy})
      RETURNING id`),
    raw(sql`UPDATE holds SET loan_id = (SELECT id FROM loans WHERE hold_id = ${t.holdId}
        AND copy_id = ${copy.id} AND returned_at IS NULL)
      WHERE id = ${t.holdId} AND EXISTS (${readied}) RETURNING id`),
    historyStatement(sql`SELECT id FROM loans WHERE hold_id = ${t.holdId}
      AND copy_id = ${copy.id} AND returned_at IS NULL`),
  ]
}

/** My本棚: record the loan in the patron's history, only while they have opted in. */
export function historyStatement(loanIdQuery: ReturnType<typeof sql>): Raw<{ id: number }> {
  return raw(sql`INSERT INTO reading_history (patron_id, title_id, loan_id, borrowed_on)
    SELECT l.patron_id, c.title_id, l.id, l.loan_date
    FROM loans l JOIN copies c ON c.id = l.copy_id JOIN patrons p ON p.id = l.patron_id
    WHERE l.id = (${loanIdQuery}) AND p.history_opt_in = 1
    ON CONFLICT (loan_id) DO NOTHING
    RETURNING id`)
}

/**
 * The copy's status and place from its loans and holds, after the other statements of the
 * batch: lent → on_loan; ready for a hold → its pickup place's hold shelf (a locker hold not
 * lent: its library's hold shelf); set aside for a
 * hold in transit → in transit to where that hold is received; otherwise on the shelf at
 * `hereId` when that is its home, or in transit home (HOLD-TRANSIT). `hereId` null: where the
 * copy already is. A copy marked missing is left alone. The transit's start (from, since) is
 * kept while the destination stays the same, so a copy scanned on its way keeps its date.
 */
export function copyStatusStatement(
  copyId: number,
  hereId: number | null,
  now: number,
): Raw<{ status: string; placeId: number | null; transitToId: number | null }> {
  const lent = sql`EXISTS (SELECT 1 FROM loans WHERE copy_id = ${copyId} AND returned_at IS NULL)`
  const held = (state: string) =>
    sql`EXISTS (SELECT 1 FROM holds WHERE copy_id = ${copyId} AND state = ${state})`
  const here = sql`coalesce(${hereId}, current_place_id, home_library_id)`
  // Mirrors core's receivingPlaceId: a locker or station hold is received by its library.
  const receiving = sql`(SELECT CASE WHEN p.kind IN ('locker','bookmobile')
      THEN coalesce(p.parent_id, p.id) ELSE p.id END
    FROM holds h JOIN places p ON p.id = h.pickup_place_id
    WHERE h.copy_id = ${copyId} AND h.state = 'in_transit')`
  // Mirrors core's readyCopyPlaceId: a locker hold not lent waits at the locker's library.
  const waiting = sql`(SELECT CASE WHEN p.kind = 'locker' AND NOT ${lent}
      THEN coalesce(p.parent_id, p.id) ELSE p.id END
    FROM holds h JOIN places p ON p.id = h.pickup_place_id
    WHERE h.copy_id = ${copyId} AND h.state = 'ready')`
  const dest = sql`(CASE WHEN ${lent} OR ${held('ready')} THEN NULL
    WHEN ${held('in_transit')} THEN ${receiving}
    WHEN ${here} <> home_library_id THEN home_library_id ELSE NULL END)`
  return raw(sql`UPDATE copies SET
      status = CASE WHEN ${lent} THEN 'on_loan' WHEN ${held('ready')} THEN 'on_hold_shelf'
        WHEN ${dest} IS NOT NULL THEN 'in_transit' ELSE 'on_shelf' END,
      current_place_id = CASE
        WHEN ${held('ready')} THEN ${waiting}
        WHEN ${lent} THEN NULL ELSE coalesce(${dest}, ${here}) END,
      transit_from_id = CASE WHEN ${dest} IS NULL THEN NULL
        WHEN transit_to_id IS ${dest} THEN transit_from_id ELSE ${here} END,
      transit_since = CASE WHEN ${dest} IS NULL THEN NULL
        WHEN transit_to_id IS ${dest} THEN transit_since ELSE ${now} END,
      transit_to_id = ${dest}
    WHERE id = ${copyId} AND status <> 'missing'
    RETURNING status, current_place_id AS placeId, transit_to_id AS transitToId`)
}
