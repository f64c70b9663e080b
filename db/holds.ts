/**
 * Holds a patron places and sees (HOLD-*). Placing a cart is one INSERT … SELECT whose WHERE
 * re-checks HOLD-LIMIT (total and AV) and HOLD-DUPLICATE against the rows as they are at
 * that instant, so any number of racing requests can never pass 15 / 6 AV or hold a title
 * twice; a partial unique index on active holds backs up the duplicate rule. A cart goes in
 * whole or not at all.
 */
import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import {
  type Decision,
  placeHolds as decideHolds,
  type HoldPlan,
  type HoldReason,
  isAv,
  jstDate,
  type Policy,
  placeWithRunner,
  type Title,
} from '../core/index.ts'
import type { Db } from './client.ts'
import { activeHoldFacts, openLoanFacts, patronFacts, placeFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId, isIdList } from './refusals.ts'
import { titles } from './schema.ts'

export { listHolds } from './hold-list.ts'

/**
 * Most titles one request may carry; more is refused as bad input before any query. D1 binds
 * at most 100 parameters per statement and each cart title takes three.
 */
export const MAX_CART = 25

export interface PlaceHoldsInput {
  patronId: number
  titleIds: number[]
  pickupPlaceId: number
  /** ACC-FAMILY: the patron's name, for refusals read by someone else on their LINE account. */
  holder?: string
  /** Placed by staff at the counter (core's HoldRequest `channel`); online by default. */
  channel?: 'online' | 'counter'
}

export interface PlacedHold {
  id: number
  titleId: number
  setGroup: number | null
  volume: number | null
}

export type PlaceHoldsReason = HoldReason | InputReason

/** Place one hold or a cart of holds (HOLD-SET for volumes of a set reserved together). */
export async function placeHolds(
  db: Db,
  input: PlaceHoldsInput,
  now: number,
  policy: Policy,
): Promise<Decision<PlacedHold[], PlaceHoldsReason>> {
  if (!isId(input.patronId) || !isIdList(input.titleIds, MAX_CART) || !isId(input.pickupPlaceId))
    return inputRefusal('invalid_input')
  // One retry: a refusal by the guarded INSERT means the facts moved; deciding again on the
  // new facts gives the patron core's precise reason (e.g. the limit, with the numbers).
  for (let attempt = 0; attempt < 2; attempt++) {
    const decided = await decide(db, input, now, policy)
    if (!decided.ok) return decided
    const placed = await insertGuarded(db, input, decided.value, decided.cart, now, policy)
    if (placed.length > 0) return { ok: true, value: placed }
  }
  return inputRefusal('conflict')
}

async function decide(db: Db, input: PlaceHoldsInput, now: number, policy: Policy) {
  const patron = await patronFacts(db, { id: input.patronId })
  if (!patron) return inputRefusal('unknown_patron')
  // A withdrawn title (gone from the library's catalogue) has no copy to fill a hold with.
  const rows = await db.orm
    .select()
    .from(titles)
    .where(and(inArray(titles.id, input.titleIds), isNull(titles.withdrawnAt)))
  if (rows.length !== input.titleIds.length) return inputRefusal('unknown_title')
  const byId = new Map(rows.map((t) => [t.id, t]))
  const cart: Title[] = input.titleIds.map((id) => {
    const t = byId.get(id)!
    return {
      id: t.id,
      name: t.title,
      materialType: t.materialType,
      notForLoan: t.notForLoan,
      setId: t.setId,
      volume: t.volume,
    }
  })
  const place = await placeFacts(db, input.pickupPlaceId)
  const [holds, loans] = await Promise.all([
    activeHoldFacts(db, patron.row.id),
    openLoanFacts(db, patron.row.id),
  ])
  const decision = decideHolds(
    {
      patron: patron.patron,
      titles: cart,
      pickup: place?.active ? placeWithRunner(place) : null,
      holds: holds.map((h) => h.core),
      loans: loans.map((l) => l.core),
      today: jstDate(now),
      ...(input.holder ? { holder: input.holder } : {}),
      ...(input.channel ? { channel: input.channel } : {}),
    },
    policy,
  )
  return decision.ok ? { ...decision, cart } : decision
}

/** A fresh id for a set group: random, so concurrent carts never share one. */
function newSetGroup(): number {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2))
  return ((hi ?? 0) & 0x1fffff) * 0x100000000 + (lo ?? 0) + 1
}

const ACTIVE_SQL = sql.raw(`('waiting','in_transit','ready')`)
const list = (items: SQL[]) => sql.join(items, sql`, `)

async function insertGuarded(
  db: Db,
  input: PlaceHoldsInput,
  plan: HoldPlan,
  cart: readonly Title[],
  now: number,
  policy: Policy,
): Promise<PlacedHold[]> {
  const groups = new Map(plan.setGroups.map((g) => [g.setId, newSetGroup()]))
  const values = list(
    plan.holds.map(
      (h) =>
        sql`(${h.titleId}, ${h.setId === null ? null : (groups.get(h.setId) ?? null)}, ${h.volumeOrder})`,
    ),
  )
  const av = list(policy.avTypes.map((t) => sql`${t}`))
  const p = input.patronId
  const adding = plan.holds.length
  const addingAv = cart.filter((t) => isAv(t.materialType, policy)).length
  // D1 binds at most 100 parameters: the cart is bound once, in a CTE, and reused.
  const statement = sql`WITH v(title_id, set_group, volume) AS (VALUES ${values})
    INSERT INTO holds
      (patron_id, title_id, set_group, volume, pickup_place_id, placed_at, state, inter_library)
    SELECT ${p}, v.title_id, v.set_group, v.volume, ${input.pickupPlaceId}, ${now}, 'waiting', 0
    FROM v
    WHERE (SELECT count(*) FROM holds WHERE patron_id = ${p} AND state IN ${ACTIVE_SQL})
          + ${adding} <= ${policy.holdLimit.total}
      AND (SELECT count(*) FROM holds h JOIN titles t ON t.id = h.title_id
           WHERE h.patron_id = ${p} AND h.state IN ${ACTIVE_SQL} AND t.material_type IN (${av}))
          + ${addingAv} <= ${policy.holdLimit.av}
      AND NOT EXISTS (SELECT 1 FROM holds WHERE patron_id = ${p} AND state IN ${ACTIVE_SQL}
                      AND title_id IN (SELECT title_id FROM v))
      AND NOT EXISTS (SELECT 1 FROM loans l JOIN copies c ON c.id = l.copy_id
                      WHERE l.patron_id = ${p} AND l.returned_at IS NULL AND c.title_id IN (SELECT title_id FROM v))
    RETURNING id, title_id AS titleId, set_group AS setGroup, volume`
  try {
    return await db.all<PlacedHold>(statement)
  } catch (e) {
    // The partial unique index caught a duplicate the WHERE could not see: nothing inserted.
    if (String(e).includes('UNIQUE')) return []
    throw e
  }
}
