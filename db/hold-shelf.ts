/**
 * The hold shelf: hand a ready hold over (collected = lent), and expire holds not collected
 * in time (HOLD-EXPIRE; HOLD-LOCKER returns the locker loan), all due at once or one by one,
 * passing the copy to the next waiting hold with a new notice, or back to the shelf.
 */
import { and, eq, lt, sql } from 'drizzle-orm'
import {
  allow,
  type BorrowReadyReason,
  type Decision,
  dueDateFor,
  isBlocked,
  isWithdrawn,
  jstDate,
  mayBorrowReadyHold,
  type Policy,
  receivingPlaceId,
  refuse,
} from '../core/index.ts'
import { type ExpireReason, lendMessage, mayExpireHold } from '../core/lending.ts'
import { type Db, raw } from './client.ts'
import {
  assignStatements,
  copyStatusStatement,
  historyStatement,
  inCirculation,
} from './copy-moves.ts'
import { calendarOf, type HoldRow, holdFacts, openLoanFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId } from './refusals.ts'
import { copies, holds, titles } from './schema.ts'
import { nextHoldFor, targetFor } from './serve.ts'

export interface CollectResult {
  loanId: number
  copyId: number
  titleId: number
  dueDate: string
  holdId: number | null
}

/**
 * Hand a ready hold to its patron at `placeId`. A locker hold is already lent; collecting it
 * only ends the hold. ACC-BLOCK-OVERDUE: a blocked patron cannot borrow it (core decides).
 * A copy withdrawn (除籍) while it waited on the hold shelf is not lent either (mayLend's
 * refusal, and the same guard in the statement).
 */
export async function collectHold(
  db: Db,
  input: { holdId: number; placeId: number; patronId?: number },
  now: number,
  policy: Policy,
): Promise<Decision<CollectResult, BorrowReadyReason | InputReason | 'withdrawn'>> {
  if (!isId(input.holdId) || !isId(input.placeId)) return inputRefusal('invalid_input')
  const [hold] = await holdFacts(db, eq(holds.id, input.holdId))
  if (!hold) return inputRefusal('unknown_hold')
  const today = jstDate(now)
  const loans = await openLoanFacts(db, hold.row.patronId)
  const blocked = isBlocked(
    loans.map((l) => l.core),
    today,
    policy,
  )
  const patronId = input.patronId ?? hold.row.patronId
  const may = mayBorrowReadyHold(hold.core, patronId, blocked, policy)
  if (!may.ok) return may
  const copyId = hold.row.copyId!
  const locker = loans.find((l) => l.loan.holdId === hold.row.id)
  if (locker) {
    const [done] = await db.batch([
      raw<{ id: number }>(sql`UPDATE holds SET state = 'collected', ended_at = ${now}
        WHERE id = ${hold.row.id} AND state = 'ready' RETURNING id`),
    ])
    if (!done[0]) return inputRefusal('conflict')
    const { loan } = locker
    return ok(loan.id, copyId, hold.row.titleId, loan.dueDate, hold.row.id)
  }
  if (await copyWithdrawn(db, copyId)) return refuse('withdrawn', lendMessage('withdrawn', policy))
  const due = dueDateFor(today, hold.core.materialType, policy, await calendarOf(db, input.placeId))
  const newLoan = sql`SELECT id FROM loans WHERE hold_id = ${hold.row.id} AND returned_at IS NULL`
  const results = await db.batch([
    raw<{ id: number }>(sql`INSERT INTO loans (copy_id, patron_id, library_id, loan_date,
        due_date, renewals, inter_library, locker, hold_id, loaned_at)
      SELECT copy_id, patron_id, ${input.placeId}, ${today}, ${due}, 0, inter_library, 0, id, ${now}
      FROM holds WHERE id = ${hold.row.id} AND state = 'ready' AND copy_id = ${copyId}
        AND NOT EXISTS (SELECT 1 FROM loans WHERE copy_id = ${copyId} AND returned_at IS NULL)
        AND ${inCirculation(copyId)}
      RETURNING id`),
    raw<{ id: number }>(sql`UPDATE holds SET state = 'collected', ended_at = ${now},
        loan_id = (${newLoan})
      WHERE id = ${hold.row.id} AND state = 'ready' AND EXISTS (${newLoan}) RETURNING id`),
    historyStatement(newLoan),
    copyStatusStatement(copyId, input.placeId, now),
  ])
  const loan = results[0][0]
  if (!loan) return inputRefusal('conflict')
  return ok(loan.id, copyId, hold.row.titleId, due, hold.row.id)
}

async function copyWithdrawn(db: Db, copyId: number): Promise<boolean> {
  const [row] = await db.orm
    .select({ copyWithdrawnAt: copies.withdrawnAt, titleWithdrawnAt: titles.withdrawnAt })
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(eq(copies.id, copyId))
  return row ? isWithdrawn(row) : false
}

function ok(loanId: number, copyId: number, titleId: number, dueDate: string, holdId: number) {
  return { ok: true as const, value: { loanId, copyId, titleId, dueDate, holdId } }
}

export interface ExpiredHold {
  holdId: number
  copyId: number | null
  /** The locker loan returned with it (HOLD-LOCKER). */
  returnedLoanId: number | null
  /** The next hold the copy was passed to (with its notice), or null: back to the shelf. */
  nextHoldId: number | null
}

/**
 * HOLD-EXPIRE / HOLD-LOCKER: end every ready hold whose last day to collect has passed. One
 * batch per hold; each is guarded, so a hold collected meanwhile is left alone.
 */
export async function expireHolds(db: Db, now: number, policy: Policy): Promise<ExpiredHold[]> {
  const due = await holdFacts(db, and(eq(holds.state, 'ready'), lt(holds.pickupBy, jstDate(now))))
  const out: ExpiredHold[] = []
  for (const h of due) {
    const done = await expireReadyHold(db, h.row, now, policy)
    if (done) out.push(done)
  }
  return out
}

export type ExpireHoldReason = InputReason | ExpireReason

/**
 * HOLD-EXPIRE / HOLD-LOCKER for one hold, from the hold shelf: core's mayExpireHold refuses a
 * hold that is not ready or whose last day to collect has not passed. The copy passes to the
 * next hold with its notice, or back to the shelf, in one batch as in expireHolds.
 */
export async function expireHold(
  db: Db,
  input: { holdId: number },
  now: number,
  policy: Policy,
): Promise<Decision<ExpiredHold, ExpireHoldReason>> {
  if (!isId(input.holdId)) return inputRefusal('invalid_input')
  const [hold] = await holdFacts(db, eq(holds.id, input.holdId))
  if (!hold) return inputRefusal('unknown_hold')
  const today = jstDate(now)
  const may = mayExpireHold({ state: hold.row.state, pickupBy: hold.row.pickupBy, today })
  if (!may.ok) return may
  const done = await expireReadyHold(db, hold.row, now, policy)
  return done ? allow(done) : inputRefusal('conflict')
}

/**
 * One batch: the hold expires (only while still ready with the same last day, already past),
 * a locker loan is returned with it, the copy goes to the next hold it can serve (HOLD-QUEUE,
 * HOLD-SET) with that hold's notice, and the copy's status follows. null: it changed meanwhile.
 */
async function expireReadyHold(
  db: Db,
  h: HoldRow,
  now: number,
  policy: Policy,
): Promise<ExpiredHold | null> {
  const copyId = h.copyId
  const [row] =
    copyId === null
      ? []
      : await db.orm
          .select({
            id: copies.id,
            titleId: copies.titleId,
            materialType: titles.materialType,
            copyWithdrawnAt: copies.withdrawnAt,
            titleWithdrawnAt: titles.withdrawnAt,
          })
          .from(copies)
          .innerJoin(titles, eq(titles.id, copies.titleId))
          .where(eq(copies.id, copyId))
  const copy = row && { ...row, withdrawn: isWithdrawn(row) }
  const next = copy ? await nextHoldFor(db, copy, policy, { now, excludeHoldId: h.id }) : null
  // The copy leaves from where it was waiting: the pickup place, or the library that fills
  // its locker (HOLD-TRANSIT); a next hold elsewhere, or a home elsewhere, means a transit.
  const expired = await targetFor(db, h.id, h.pickupPlaceId)
  const hereId = expired
    ? receivingPlaceId({ id: h.pickupPlaceId, kind: expired.kind, parentId: expired.parentId })
    : h.pickupPlaceId
  const results = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET state = 'expired', ended_at = ${now}
      WHERE id = ${h.id} AND state = 'ready' AND pickup_by = ${h.pickupBy}
        AND pickup_by < ${jstDate(now)}
      RETURNING id`),
    raw<{ id: number }>(sql`UPDATE loans SET returned_at = ${now}
      WHERE hold_id = ${h.id} AND locker = 1 AND returned_at IS NULL
        AND EXISTS (SELECT 1 FROM holds WHERE id = ${h.id} AND state = 'expired'
                    AND ended_at = ${now})
      RETURNING id`),
    ...(copy && next ? assignStatements(copy, next.target, hereId, now, policy) : []),
    ...(copy ? [copyStatusStatement(copy.id, hereId, now)] : []),
  ])
  if (!results[0][0]) return null
  return {
    holdId: h.id,
    copyId: copy?.id ?? null,
    returnedLoanId: results[1][0]?.id ?? null,
    nextHoldId: next && (results[2] as { id: number }[]).length > 0 ? next.holdId : null,
  }
}

/** The hold shelf of a pickup place: ready holds, oldest last day first. */
export async function holdShelf(db: Db, placeId: number) {
  if (!isId(placeId)) return []
  return db.orm
    .select({
      holdId: holds.id,
      patronId: holds.patronId,
      titleId: holds.titleId,
      title: titles.title,
      copyId: holds.copyId,
      barcode: copies.barcode,
      readyAt: holds.readyAt,
      pickupBy: holds.pickupBy,
      noticeState: holds.noticeState,
    })
    .from(holds)
    .innerJoin(titles, eq(titles.id, holds.titleId))
    .innerJoin(copies, eq(copies.id, holds.copyId))
    .where(and(eq(holds.pickupPlaceId, placeId), eq(holds.state, 'ready')))
    .orderBy(holds.pickupBy, holds.id)
}
