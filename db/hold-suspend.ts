/**
 * HOLD-SUSPEND (休止): a patron suspends a waiting hold through a day, or resumes it early.
 * core/ decides; the UPDATE applies only while the hold is still theirs and waiting, so a copy
 * set aside a moment before is never suspended by accident (the answer is then core's, on what
 * the hold is now). Nothing runs when the day passes: readers compare it with today.
 */
import { eq, sql } from 'drizzle-orm'
import {
  type Decision,
  resumeHold as decideResume,
  suspendHold as decideSuspend,
  jstDate,
  type Policy,
  type ResumeReason,
  type SuspendReason,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { holdFacts, pickupFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId } from './refusals.ts'
import { holds } from './schema.ts'

async function decide(
  db: Db,
  input: { patronId: number; holdId: number; until: unknown },
  now: number,
  policy: Policy,
) {
  const [hold] = await holdFacts(db, eq(holds.id, input.holdId))
  // Someone else's hold is "not found" to this patron: ids are not proof of anything.
  if (!hold || hold.row.patronId !== input.patronId) return null
  const pickup = await pickupFacts(db, hold.row.pickupPlaceId)
  return decideSuspend(
    {
      hold: hold.core,
      patronId: input.patronId,
      until: input.until,
      today: jstDate(now),
      pickup,
    },
    policy,
  )
}

/** Suspend a waiting hold through `until` (inclusive), or say why not. */
export async function suspendHold(
  db: Db,
  input: { patronId: number; holdId: number; until: string },
  now: number,
  policy: Policy,
): Promise<Decision<{ holdId: number; until: string }, SuspendReason | InputReason>> {
  if (!isId(input.patronId) || !isId(input.holdId)) return inputRefusal('invalid_input')
  const decision = await decide(db, input, now, policy)
  if (!decision) return inputRefusal('unknown_hold')
  if (!decision.ok) return decision
  const [done] = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET suspended_until = ${decision.value.until}
      WHERE id = ${input.holdId} AND patron_id = ${input.patronId} AND state = 'waiting'
      RETURNING id`),
  ])
  if (done[0]) return decision
  // Set aside or ended meanwhile: answer on what the hold is now.
  const again = await decide(db, input, now, policy)
  return again && !again.ok ? again : inputRefusal('conflict')
}

/** Resume a suspended hold now: it is served again from the next copy set aside. */
export async function resumeHold(
  db: Db,
  input: { patronId: number; holdId: number },
  now: number,
  _policy: Policy,
): Promise<Decision<{ holdId: number }, ResumeReason | InputReason>> {
  if (!isId(input.patronId) || !isId(input.holdId)) return inputRefusal('invalid_input')
  const [hold] = await holdFacts(db, eq(holds.id, input.holdId))
  if (!hold || hold.row.patronId !== input.patronId) return inputRefusal('unknown_hold')
  const today = jstDate(now)
  const decision = decideResume(hold.core, input.patronId, today)
  if (!decision.ok) return decision
  const [done] = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET suspended_until = NULL
      WHERE id = ${input.holdId} AND patron_id = ${input.patronId} AND state = 'waiting'
        AND suspended_until >= ${today}
      RETURNING id`),
  ])
  return done[0] ? decision : inputRefusal('conflict')
}
