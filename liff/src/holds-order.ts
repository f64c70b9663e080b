/**
 * The order of the 予約中一覧: what the patron can collect now comes first (with its deadline),
 * then what is on its way, then what waits, nearest 予約順位 first; ended holds last. A state
 * this list does not know yet (a new kind of "on its way") sits with in_transit.
 */
import type { Hold } from '../api-types.ts'

const RANK: Partial<Record<Hold['state'], number>> = {
  ready: 0,
  in_transit: 1,
  waiting: 2,
  collected: 3,
  expired: 3,
  cancelled: 3,
}

function rank(h: Hold): number {
  return RANK[h.state] ?? 1
}

export function holdOrder(a: Hold, b: Hold): number {
  return (
    rank(a) - rank(b) ||
    (a.pickupBy ?? '').localeCompare(b.pickupBy ?? '') ||
    (a.queuePosition ?? 0) - (b.queuePosition ?? 0) ||
    a.placedOn.localeCompare(b.placedOn) ||
    a.id - b.id
  )
}

export function sortHolds(holds: readonly Hold[]): Hold[] {
  return [...holds].sort(holdOrder)
}
