/**
 * HOLD-EXPIRE / HOLD-LOCKER from the hold shelf: end the ready holds whose last day to collect
 * has passed; each copy goes to the next waiting hold (with a new notice) or back to the shelf.
 * db's expireHolds works on every due hold at once (the scheduler calls it too), so the
 * counter runs it as one action and records one audit entry per expired hold; expireOne ends
 * one hold (db's expireHold), and a refusal is recorded with its reason like other actions.
 */
import { and, eq, lt } from 'drizzle-orm'
import { jstDate } from '../../core/index.ts'
import { type ExpiredHold, expireHold, expireHolds } from '../../db/hold-shelf.ts'
import { holds } from '../../db/schema.ts'
import { copyState, holdState, type Json, recordAudit } from './audit.ts'
import type { Counter } from './context.ts'
import { placeName } from './give-back.ts'
import { type Unreachable, unreachable } from './notice-reach.ts'

export interface ExpireOutcome {
  holdId: number
  barcode: string | null
  /** The hold the copy passed to, or null: back to the shelf. */
  nextHoldId: number | null
  /** HOLD-TRANSIT: where the copy travels to now (the next hold's place, or home), or null. */
  transitToName: string | null
  /** Why the next holder's pickup notice cannot reach them (staff phone them), or null. */
  unreachable: Unreachable | null
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
  for (const e of expired) out.push(await recordExpiry(k, staffId, now, e, before.get(e.holdId)))
  return out
}

export type ExpireOneOutcome =
  | ({ ok: true } & ExpireOutcome)
  | { ok: false; reason: string; message: string }

/** End one ready hold whose last day has passed (the per-row button on the hold shelf). */
export async function expireOne(
  k: Counter,
  staffId: number,
  holdId: number,
): Promise<ExpireOneOutcome> {
  const now = k.now()
  const hold = await holdState(k.db, holdId)
  const copyId = typeof hold?.copyId === 'number' ? hold.copyId : null
  const before = hold ? { ...(copyId ? await copyState(k.db, copyId) : null), ...hold } : null
  const result = await expireHold(k.db, { holdId }, now, k.policy)
  if (!result.ok) {
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'hold.expire.refused',
      subject: `hold:${holdId}`,
      before,
      after: { reason: result.reason, holderId: hold?.holderId ?? null },
    })
    return { ok: false, reason: result.reason, message: result.message.ja }
  }
  return { ok: true, ...(await recordExpiry(k, staffId, now, result.value, before)) }
}

async function recordExpiry(
  k: Counter,
  staffId: number,
  now: number,
  e: ExpiredHold,
  before: Json | null | undefined,
): Promise<ExpireOutcome> {
  const copy = e.copyId ? await copyState(k.db, e.copyId) : null
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: 'hold.expire',
    subject: `hold:${e.holdId}`,
    before: before ?? null,
    after: {
      ...copy,
      ...(await holdState(k.db, e.holdId)),
      returnedLoanId: e.returnedLoanId,
      nextHoldId: e.nextHoldId,
    },
  })
  const next = e.nextHoldId ? await holdState(k.db, e.nextHoldId) : null
  const holderId = typeof next?.holderId === 'number' ? next.holderId : null
  return {
    holdId: e.holdId,
    barcode: copy?.barcode ?? null,
    nextHoldId: e.nextHoldId,
    transitToName: copy?.transitToId ? await placeName(k, copy.transitToId) : null,
    unreachable: holderId === null ? null : await unreachable(k.db, holderId),
  }
}
