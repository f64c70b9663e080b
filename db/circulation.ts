/**
 * The counter: check in and check out by barcode. A returned copy goes straight to the next
 * hold it can serve (HOLD-QUEUE, HOLD-SET). Where that hold is collected here, the hold
 * becomes ready and its pickup notice is queued in the same batch (HOLD-READY; at a locker
 * the copy is lent as it goes in, HOLD-LOCKER); anywhere else it goes in transit to the
 * pickup place and becomes ready only when received there (HOLD-TRANSIT). A copy serving no
 * hold goes back to its home library's shelf, travelling when it was returned elsewhere.
 * Checking in a copy at the place it is travelling to receives it (the receive screen's
 * work). Every step is guarded in SQL, so two check-ins of one copy racing each other give
 * it to one hold at most. The SIP2 server calls this same function: kiosks get all of this.
 */
import { sql } from 'drizzle-orm'
import type { Decision, Policy } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { assignStatements, copyStatusStatement } from './copy-moves.ts'
import { placeFacts } from './facts.ts'
import { inputRefusal, isId, isText } from './refusals.ts'
import { copyByBarcode, nextHoldFor, type ServedHold, servedHold, setAsideHold } from './serve.ts'
import { arrive, queuedNoticeId } from './transit.ts'

export { checkOut } from './check-out.ts'
export type { ServedHold } from './serve.ts'

export interface CheckInResult {
  copyId: number
  titleId: number
  /** The loan this check-in ended, or null when the copy was not on loan. */
  returnedLoanId: number | null
  /** The hold the copy now serves (set aside by this check-in or already holding it). */
  hold: ServedHold | null
  /** The queued pickup notice's id (its LINE retry key), when this check-in queued one. */
  noticeId: string | null
  copyStatus: string
  placeId: number | null
  /** HOLD-TRANSIT: where the copy travels to now (回送先), or null when it stays here. */
  transitToId: number | null
  /** Withdrawn (除籍): returned, but out of circulation; staff keep it off the shelf. */
  withdrawn: boolean
}

export type CheckInReason = 'invalid_input' | 'unknown_copy' | 'unknown_place'

/** Check a copy in at `placeId` (the counter's library). */
export async function checkIn(
  db: Db,
  input: { barcode: string; placeId: number },
  now: number,
  policy: Policy,
): Promise<Decision<CheckInResult, CheckInReason>> {
  if (!isText(input.barcode, 64) || !isId(input.placeId)) return inputRefusal('invalid_input')
  const found = await copyByBarcode(db, input.barcode.trim())
  if (!found) return inputRefusal('unknown_copy')
  if (!(await placeFacts(db, input.placeId))) return inputRefusal('unknown_place')
  const copy = found.ref
  const returning = raw<{ id: number }>(sql`UPDATE loans SET returned_at = ${now}
    WHERE copy_id = ${copy.id} AND returned_at IS NULL RETURNING id`)
  if (found.copy.transitToId === input.placeId) {
    const arrived = await arrive(db, copy, input.placeId, now, policy, returning)
    return { ok: true, value: { ...arrived, returnedLoanId: arrived.returnedLoanId } }
  }
  const already = await setAsideHold(db, copy.id)
  const next = already ? null : await nextHoldFor(db, copy, policy, { now })
  const assign = next ? assignStatements(copy, next.target, input.placeId, now, policy) : []
  const results = await db.batch([
    returning,
    ...assign,
    copyStatusStatement(copy.id, input.placeId, now),
  ])
  const returned = results[0] as { id: number }[]
  const status = results.at(-1) as {
    status: string
    placeId: number | null
    transitToId: number | null
  }[]
  const holder = await setAsideHold(db, copy.id)
  return {
    ok: true,
    value: {
      copyId: copy.id,
      titleId: copy.titleId,
      returnedLoanId: returned[0]?.id ?? null,
      hold: holder
        ? servedHold(holder.row, next?.target.kind === 'locker' && holder.row.id === next.holdId)
        : null,
      noticeId: next ? await queuedNoticeId(db, next.holdId, now) : null,
      copyStatus: status[0]?.status ?? found.copy.status,
      placeId: status[0]?.placeId ?? null,
      transitToId: status[0]?.transitToId ?? null,
      withdrawn: copy.withdrawn,
    },
  }
}
