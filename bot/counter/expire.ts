/**
 * HOLD-EXPIRE / HOLD-LOCKER from the hold shelf: end the ready holds whose last day to collect
 * has passed; each copy goes to the next waiting hold (with a new notice) or back to the shelf.
 * db's expireHolds works on every due hold at once (the scheduler calls it too), so the
 * counter runs it as one action and records one audit entry per expired hold.
 */
import { and, eq, lt } from 'drizzle-orm'
import { jstDate } from '../../core/index.ts'
import { expireHolds } from '../../db/hold-shelf.ts'
import { holds } from '../../db/schema.ts'
import { copyState, holdState, type Json, recordAudit } from './audit.ts'
import type { Counter } from './context.ts'

export interface ExpireOutcome {
  holdId: number
  barcode: string | null
  /** The hold the copy passed to, or null: back to the shelf. */
  nextHoldId: number | null
}

export async function expireDue(k: Counter, staffId: number): Promise<ExpireOutcome[]> {
  const now = k.now()
  const due = await k.db.orm
    .select({ id: holds.id, copyId: holds.copyId })
    .from(holds)
    .where(and(eq(holds.state, 'ready'), lt(holds.pickupBy, jstDate(now))))
  const before = new Map<number, Json>()
  for (const h of due) {
    const copy = h.copyId ? await copyState(k.db, h.copyId) : null
    before.set(h.id, { ...copy, ...(await holdState(k.db, h.id)) })
  }
  const expired = await expireHolds(k.db, now, k.policy)
  const out: ExpireOutcome[] = []
  for (const e of expired) {
    const copy = e.copyId ? await copyState(k.db, e.copyId) : null
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'hold.expire',
      subject: `hold:${e.holdId}`,
      before: before.get(e.holdId) ?? null,
      after: {
        ...copy,
        ...(await holdState(k.db, e.holdId)),
        returnedLoanId: e.returnedLoanId,
        nextHoldId: e.nextHoldId,
      },
    })
    out.push({ holdId: e.holdId, barcode: copy?.barcode ?? null, nextHoldId: e.nextHoldId })
  }
  return out
}
