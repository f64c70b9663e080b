/**
 * Lending at the counter. The patron's own ready hold is handed over (= collected); a copy
 * set aside for someone else, a copy already lent, a not-for-loan title (禁帯出), a lapsed
 * registration (ACC-EXPIRED) and a long-overdue block (ACC-BLOCK-OVERDUE) are refused. A
 * waiting hold the patron had on the title ends as collected: they found it on the shelf.
 *
 * NOTE: core/ has no single lending decision yet; this composes core's isBlocked/isExpired
 * messages and states the copy-state refusals here. Move them to core when it has `mayLend`.
 */
import { sql } from 'drizzle-orm'
import {
  accessMessage,
  type BorrowReadyReason,
  blockedMessage,
  type Decision,
  dueDateFor,
  isBlocked,
  isExpired,
  jstDate,
  type Policy,
  refuse,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { copyStatusStatement, historyStatement } from './copy-moves.ts'
import { calendarOf, openLoanFacts, patronFacts, placeFacts } from './facts.ts'
import { collectHold } from './hold-shelf.ts'
import { type InputReason, inputRefusal, isId, isText } from './refusals.ts'
import { copyByBarcode, setAsideHold } from './serve.ts'

export type CheckOutReason =
  | InputReason
  | BorrowReadyReason
  | 'on_loan'
  | 'held_for_other'
  | 'not_for_loan'
  | 'expired'
  | 'blocked'

export interface CheckOutResult {
  loanId: number
  copyId: number
  titleId: number
  dueDate: string
  /** The hold this loan fulfilled, if any. */
  holdId: number | null
}

const onLoan = {
  ja: 'この資料は貸出中の記録があります。先に返却処理をしてください。',
  en: 'This item is recorded as on loan. Check it in first.',
}
const heldForOther = {
  ja: 'この資料は別の利用者の予約のために確保されています。予約棚に戻してください。',
  en: 'This item is set aside for another patron’s hold. Please put it back on the hold shelf.',
}
const notForLoan = {
  ja: 'この資料は禁帯出（館内利用のみ）のため、貸出できません。',
  en: 'This item is for use in the library only (not for loan).',
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
  const held = await setAsideHold(db, found.copy.id)
  if (held && held.row.patronId === patron.row.id)
    return collectHold(db, { holdId: held.row.id, placeId: input.placeId }, now, policy)
  if (held) return refuse('held_for_other', heldForOther)
  if (found.copy.status === 'on_loan') return refuse('on_loan', onLoan)
  if (found.title.notForLoan) return refuse('not_for_loan', notForLoan)
  const today = jstDate(now)
  if (isExpired(patron.patron, today)) return refuse('expired', accessMessage('expired', policy))
  const loans = await openLoanFacts(db, patron.row.id)
  if (
    isBlocked(
      loans.map((l) => l.core),
      today,
      policy,
    )
  )
    return refuse('blocked', blockedMessage(policy))
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
      RETURNING id`),
    raw<{ id: number }>(sql`UPDATE holds SET state = 'collected', ended_at = ${now},
        loan_id = (${newLoan})
      WHERE patron_id = ${p} AND title_id = ${found.title.id} AND state = 'waiting'
        AND EXISTS (${newLoan}) RETURNING id`),
    historyStatement(newLoan),
    copyStatusStatement(c, input.placeId),
  ])
  const loan = results[0][0]
  if (!loan) return inputRefusal('conflict')
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
