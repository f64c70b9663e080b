/**
 * What a patron does to a hold they have: cancel it (HOLD-CANCEL) or change where to collect
 * it (HOLD-CHANGE). core/ decides; the UPDATE only applies while the hold is still waiting
 * and theirs, so a copy set aside meanwhile is never cancelled or redirected by accident.
 */
import { eq, sql } from 'drizzle-orm'
import {
  type CancelReason,
  type ChangePickupReason,
  changePickup,
  type Decision,
  cancelHold as decideCancel,
  isBlocked,
  jstDate,
  type Policy,
  placeWithRunner,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { holdFacts, openLoanFacts, pickupFacts, placeFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId } from './refusals.ts'
import { holds } from './schema.ts'

async function ownHold(db: Db, patronId: number, holdId: number) {
  const [hold] = await holdFacts(db, eq(holds.id, holdId))
  // Someone else's hold is "not found" to this patron: ids are not proof of anything.
  return hold && hold.row.patronId === patronId ? hold : null
}

/** Cancel a waiting hold; set-aside and inter-library holds get core's refusal with a phone. */
export async function cancelHold(
  db: Db,
  input: { patronId: number; holdId: number },
  now: number,
  policy: Policy,
): Promise<Decision<{ holdId: number }, CancelReason | InputReason>> {
  if (!isId(input.patronId) || !isId(input.holdId)) return inputRefusal('invalid_input')
  const hold = await ownHold(db, input.patronId, input.holdId)
  if (!hold) return inputRefusal('unknown_hold')
  const place = await pickupFacts(db, hold.row.pickupPlaceId)
  const decision = decideCancel(hold.core, input.patronId, place, policy)
  if (!decision.ok) return decision
  const [done] = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET state = 'cancelled', ended_at = ${now}
      WHERE id = ${hold.row.id} AND patron_id = ${input.patronId} AND state = 'waiting'
        AND inter_library = 0
      RETURNING id`),
  ])
  return done[0] ? decision : cancelAgain(db, input, now, policy)
}

/** The hold changed between reading and writing: decide again on what it is now. */
async function cancelAgain(
  db: Db,
  input: { patronId: number; holdId: number },
  _now: number,
  policy: Policy,
): Promise<Decision<{ holdId: number }, CancelReason | InputReason>> {
  const hold = await ownHold(db, input.patronId, input.holdId)
  if (!hold) return inputRefusal('unknown_hold')
  const place = await pickupFacts(db, hold.row.pickupPlaceId)
  const decision = decideCancel(hold.core, input.patronId, place, policy)
  return decision.ok ? inputRefusal('conflict') : decision
}

/**
 * Change the pickup place of a waiting hold (HOLD-CHANGE; refused while ACC-BLOCK-OVERDUE).
 * With `wholeSet`, every still-waiting volume of the hold's set moves in the same statement,
 * so a set is never split by accident; volumes already set aside stay where they are going.
 */
export async function changePickupPlace(
  db: Db,
  input: { patronId: number; holdId: number; pickupPlaceId: number; wholeSet?: boolean },
  now: number,
  policy: Policy,
): Promise<
  Decision<
    { holdId: number; pickupPlaceId: number; changed: number[] },
    ChangePickupReason | InputReason
  >
> {
  if (!isId(input.patronId) || !isId(input.holdId) || !isId(input.pickupPlaceId))
    return inputRefusal('invalid_input')
  const hold = await ownHold(db, input.patronId, input.holdId)
  if (!hold) return inputRefusal('unknown_hold')
  const [current, next, loans] = await Promise.all([
    pickupFacts(db, hold.row.pickupPlaceId),
    placeFacts(db, input.pickupPlaceId),
    openLoanFacts(db, input.patronId),
  ])
  const decision = changePickup(
    {
      hold: hold.core,
      patronId: input.patronId,
      current,
      next: next?.active ? placeWithRunner(next) : null,
      blocked: isBlocked(
        loans.map((l) => l.core),
        jstDate(now),
        policy,
      ),
    },
    policy,
  )
  if (!decision.ok) return decision
  const group = input.wholeSet ? hold.row.setGroup : null
  const [done] = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET pickup_place_id = ${input.pickupPlaceId}
      WHERE patron_id = ${input.patronId} AND state = 'waiting'
        AND (id = ${hold.row.id} OR (${group} IS NOT NULL AND set_group = ${group}))
        AND EXISTS (SELECT 1 FROM holds me WHERE me.id = ${hold.row.id} AND me.state = 'waiting')
        AND EXISTS (SELECT 1 FROM places WHERE id = ${input.pickupPlaceId} AND active = 1)
      RETURNING id`),
  ])
  return done[0]
    ? { ok: true, value: { ...decision.value, changed: done.map((r) => r.id) } }
    : inputRefusal('conflict')
}
