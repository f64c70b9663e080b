/**
 * The hold queue (HOLD-QUEUE, HOLD-SET): first come, first served, and which waiting hold a
 * returned copy serves. Deterministic: ties on placedAt are broken by hold id.
 */
import type { JstDate } from './dates.ts'
import { isSuspended } from './hold-suspend.ts'
import type { Hold, HoldState } from './types.ts'

/** HOLD-QUEUE order: earlier placedAt first, then lower id. */
export function compareHolds(a: Hold, b: Hold): number {
  return a.placedAt - b.placedAt || a.id - b.id
}

/**
 * HOLD-QUEUE: the hold's position (1 = next) among the waiting holds on its title, or null
 * when it is not waiting (already in transit, ready or ended). `holdsOnTitle` may contain any
 * holds; only waiting holds on the same title count.
 */
export function queuePosition(hold: Hold, holdsOnTitle: readonly Hold[]): number | null {
  if (hold.state !== 'waiting') return null
  const ahead = holdsOnTitle.filter(
    (h) =>
      h.titleId === hold.titleId &&
      h.state === 'waiting' &&
      h.id !== hold.id &&
      compareHolds(h, hold) < 0,
  ).length
  return ahead + 1
}

/** States in which an earlier set volume no longer holds a later one back (HOLD-SET). */
const EARLIER_VOLUME_DONE: readonly HoldState[] = ['ready', 'collected', 'cancelled', 'expired']

/**
 * HOLD-SET: whether the hold may be made ready now: it is not in a set, or every earlier
 * volume of its set group is already ready or collected (or has ended).
 */
export function earlierVolumesDone(hold: Hold, siblings: readonly Hold[]): boolean {
  if (hold.setGroup === null || hold.volume === null) return true
  return siblings.every(
    (s) =>
      s.id === hold.id ||
      s.setGroup !== hold.setGroup ||
      s.volume === null ||
      s.volume >= hold.volume! ||
      EARLIER_VOLUME_DONE.includes(s.state),
  )
}

/**
 * HOLD-QUEUE + HOLD-SET: the hold a returned copy of `titleId` serves. `holds` are the waiting
 * holds on that title plus the sibling holds of their set groups (any state). The first-come
 * waiting hold on the title whose earlier volumes are done wins; a later volume is never made
 * ready before the earlier ones. null: no hold can take it now, and the copy goes to the shelf.
 * HOLD-SUSPEND: given `today`, a hold suspended that day is passed over (it keeps its place).
 */
export function pickHoldForCopy(
  titleId: number,
  holds: readonly Hold[],
  today?: JstDate,
): Hold | null {
  const waiting = holds
    .filter(
      (h) =>
        h.titleId === titleId &&
        h.state === 'waiting' &&
        !(today !== undefined && isSuspended(h, today)),
    )
    .sort(compareHolds)
  return waiting.find((h) => earlierVolumesDone(h, holds)) ?? null
}
