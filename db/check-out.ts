/**
 * Lending at the counter. core's mayLend decides (a withdrawn copy, HOLD-NONCIRC, a copy lent or set aside,
 * ACC-EXPIRED, a suspended record, ACC-BLOCK-OVERDUE); the patron's own ready hold is handed
 * over through collectHold. A waiting hold the patron had on the title ends as collected: they
 * found it on the shelf. The SQL guards re-check the copy's state, so two desks lending one
 * copy at once lend it once. A copy already lent to this patron is answered with that loan,
 * writing nothing: the same scan twice (or a reload posting it again) lends once, also when the
 * two posts race.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import {
  type BorrowReadyReason,
  type Decision,
  dueDateFor,
  jstDate,
  type Policy,
} from '../core/index.ts'
import { type LendReason, mayLend } from '../core/lending.ts'
import { type Db, raw } from './client.ts'
import { copyStatusStatement, historyStatement, inCirculation } from './copy-moves.ts'
import { calendarOf, openLoanFacts, patronFacts, placeFacts } from './facts.ts'
import { collectHold } from './hold-shelf.ts'
import { type InputReason, inputRefusal, isId, isText } from './refusals.ts'
import { loans } from './schema.ts'
import { copyByBarcode, setAsideHold } from './serve.ts'

export type CheckOutReason = InputReason | BorrowReadyReason | LendReason

export interface CheckOutResult {
  loanId: number
  copyId: number
  titleId: number
  dueDate: string
  /** The hold this loan fulfilled, if any. */
  holdId: number | null
  /** Set when the copy was already lent to this patron: this is that loan, nothing was written. */
  already?: true
}

export async function checkOut(
  db: Db,
  input: { patronId: number; barcode: string; placeId: number },
  now: number,
  policy: Policy,
): Promise<Decision<CheckOutResult, CheckOutReason>> {
  if (!isId(input.patronId) || !isText(input.barcode, 64) || !isId(input.placeId))
    return inputRefusal('invalid_input')
  const patron = await patronFacts(db, { id: input.patronId })
  if (!patron) return inputRefusal('unknown_patron')
  const found = await copyByBarcode(db, input.barcode.trim())
  if (!found) return inputRefusal('unknown_copy')
  if (!(await placeFacts(db, input.placeId))) return inputRefusal('unknown_place')
  const today = jstDate(now)
  const held = await setAsideHold(db, found.copy.id)
  const [lent] = await openLoanOf(db, found.copy.id)
  const may = mayLend(
    {
      patron: patron.patron,
      status: patron.row.status,
      loans: (await openLoanFacts(db, patron.row.id)).map((l) => l.core),
      copy: {
        withdrawn: found.ref.withdrawn,
        notForLoan: found.title.notForLoan,
        lentTo: lent?.patronId ?? null,
        setAside: held
          ? {
              holdId: held.row.id,
              patronId: held.row.patronId,
              state: held.row.state === 'ready' ? 'ready' : 'in_transit',
              bookmobile: (await placeFacts(db, held.row.pickupPlaceId))?.kind === 'bookmobile',
            }
          : null,
      },
      today,
    },
    policy,
  )
  if (!may.ok) return may
  if (may.value.kind === 'already_lent' && lent)
    return { ok: true, value: { ...sameLoan(lent, found), already: true } }
  if (may.value.kind === 'collect')
    return collectHold(
      db,
      { holdId: may.value.holdId, placeId: input.placeId, patronId: patron.row.id },
      now,
      policy,
    )
  const due = dueDateFor(
    today,
    found.title.materialType,
    policy,
    await calendarOf(db, input.placeId),
  )
  const c = found.copy.id
  const p = patron.row.id
  const newLoan = sql`SELECT id FROM loans WHERE copy_id = ${c} AND returned_at IS NULL
    AND loaned_at = ${now} AND patron_id = ${p}`
  const results = await db.batch([
    raw<{ id: number }>(sql`INSERT INTO loans (copy_id, patron_id, library_id, loan_date,
        due_date, renewals, inter_library, locker, loaned_at)
      SELECT ${c}, ${p}, ${input.placeId}, ${today}, ${due}, 0, 0, 0, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM loans WHERE copy_id = ${c} AND returned_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM holds WHERE copy_id = ${c} AND state IN ('in_transit','ready'))
        AND ${inCirculation(c)}
      RETURNING id`),
    raw<{ id: number }>(sql`UPDATE holds SET state = 'collected', ended_at = ${now},
        loan_id = (${newLoan})
      WHERE patron_id = ${p} AND title_id = ${found.title.id} AND state = 'waiting'
        AND EXISTS (${newLoan}) RETURNING id`),
    historyStatement(newLoan),
    copyStatusStatement(c, input.placeId, now),
  ])
  const loan = results[0][0]
  if (!loan) {
    // Another request lent the copy between the read and the batch: if it was the same scan
    // for the same patron (a double post), answer it as the scan twice is answered above.
    const [winner] = await openLoanOf(db, c)
    return winner?.patronId === p
      ? { ok: true, value: { ...sameLoan(winner, found), already: true } }
      : inputRefusal('conflict')
  }
  return {
    ok: true,
    value: {
      loanId: loan.id,
      copyId: c,
      titleId: found.title.id,
      dueDate: due,
      holdId: results[1][0]?.id ?? null,
    },
  }
}

/** The copy's open loan, if it is lent. */
const openLoanOf = (db: Db, copyId: number) =>
  db.orm
    .select({ id: loans.id, patronId: loans.patronId, dueDate: loans.dueDate })
    .from(loans)
    .where(and(eq(loans.copyId, copyId), isNull(loans.returnedAt)))

/** The loan the patron already has on the copy, as a check-out's result. */
function sameLoan(
  lent: { id: number; dueDate: string },
  found: { copy: { id: number }; title: { id: number } },
): CheckOutResult {
  return {
    loanId: lent.id,
    copyId: found.copy.id,
    titleId: found.title.id,
    dueDate: lent.dueDate,
    holdId: null,
  }
}
