/**
 * The pick list (棚出しリスト, HOLD-SCOPE, HOLD-SET): waiting holds that a copy standing on a
 * library's open shelf can serve now. A check-in only serves a hold when a copy happens to
 * come back, so without this a hold on a title with a copy on the shelf waits for a return,
 * and volume 2 of a set waits on the shelf after volume 1 is collected.
 *
 * Per title, the holds served are core's: first come, first served (HOLD-QUEUE), skipping a
 * set volume whose earlier volumes are not yet ready, collected or ended (HOLD-SET), as many
 * as there are copies on shelves. Each such hold gets one copy and no copy is given twice,
 * across all libraries, so two libraries never pull one hold: a copy at the hold's pickup
 * place (or the library running it) first, otherwise the lowest-numbered library's copy.
 * Staff take the copy and scan it as a return; check-in then sets it aside (checkIn's own
 * guards decide, so a list read a minute ago can never give a copy to the wrong hold).
 * HOLD-SUSPEND: a hold suspended today is passed over, as check-in passes it over.
 */
import { sql } from 'drizzle-orm'
import {
  compareHolds,
  type Decision,
  earlierVolumesDone,
  type Hold,
  isSuspended,
  type JstDate,
  jstDate,
  type Policy,
} from '../core/index.ts'
import type { Db } from './client.ts'
import { holdFacts, placeFacts } from './facts.ts'
import { inputRefusal, isId } from './refusals.ts'
import { holds } from './schema.ts'

export interface PickItem {
  holdId: number
  titleId: number
  title: string
  volume: number | null
  copyId: number
  barcode: string
  /** 請求記号, where it stands on the shelf; null when the copy has none. */
  callNumber: string | null
  pickupPlaceId: number
  pickupPlaceName: string
  /** A locker pickup: check-in lends the copy as it goes into the locker (HOLD-LOCKER). */
  locker: boolean
  placedAt: number
}

export type PickListReason = 'invalid_input' | 'unknown_place'

/** A copy on an open shelf, and where. */
export interface ShelfCopy {
  id: number
  titleId: number
  barcode: string
  callNumber: string
  placeId: number
}

/** A place as the matching needs it: a locker or branch room is served by its library. */
export interface PlaceRef {
  id: number
  parentId: number | null
}

/**
 * On the open shelf: neither lent nor set aside, whatever the status column says, and still in
 * the collection (a withdrawn copy or record is out of circulation, core's isWithdrawn).
 */
const onShelf = (alias: string) =>
  sql.raw(`${alias}.status = 'on_shelf' AND ${alias}.withdrawn_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM titles wt WHERE wt.id = ${alias}.title_id
      AND wt.withdrawn_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = ${alias}.id AND l.returned_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM holds x WHERE x.copy_id = ${alias}.id
      AND x.state IN ('in_transit','ready'))`)

/**
 * The waiting holds `placeId`'s shelf can serve now, in shelf order (call number, title,
 * volume). A hold suspended on `now`'s day is left out (HOLD-SUSPEND); `policy` keeps the
 * operations' common shape.
 */
export async function pickList(
  db: Db,
  input: { placeId: number },
  now: number,
  _policy: Policy,
): Promise<Decision<PickItem[], PickListReason>> {
  if (!isId(input.placeId)) return inputRefusal('invalid_input')
  if (!(await placeFacts(db, input.placeId))) return inputRefusal('unknown_place')
  const here = input.placeId
  const today = jstDate(now)
  // HOLD-SUSPEND: a title whose only holds are suspended today is not fetched.
  const wanted = sql`SELECT h.title_id FROM holds h WHERE h.state = 'waiting'
    AND (h.suspended_until IS NULL OR h.suspended_until < ${today}) AND EXISTS (
    SELECT 1 FROM copies c WHERE c.title_id = h.title_id
      AND coalesce(c.current_place_id, c.home_library_id) = ${here} AND ${onShelf('c')})`
  const waiting = await holdFacts(
    db,
    sql`${holds.state} = 'waiting' AND ${holds.titleId} IN (${wanted})`,
  )
  if (waiting.length === 0) return { ok: true, value: [] }
  const siblings = await holdFacts(
    db,
    sql`${holds.setGroup} IN (SELECT s.set_group FROM holds s WHERE s.state = 'waiting'
      AND s.set_group IS NOT NULL AND s.title_id IN (${wanted}))`,
  )
  const shelf = await db.all<ShelfCopy>(sql`SELECT c.id, c.title_id AS titleId, c.barcode,
      c.call_number AS callNumber, coalesce(c.current_place_id, c.home_library_id) AS placeId
    FROM copies c WHERE c.title_id IN (${wanted}) AND ${onShelf('c')}`)
  const places = await db.all<PlaceRef & { name: string; kind: string }>(
    sql`SELECT id, parent_id AS parentId, name, kind FROM places`,
  )
  const titles = await db.all<{ id: number; title: string; volume: number | null }>(
    sql`SELECT id, title, volume FROM titles WHERE id IN (${wanted})`,
  )
  const all = new Map([...waiting, ...siblings].map((h) => [h.row.id, h.core]))
  const picks = planPicks([...all.values()], shelf, places, today).filter(
    (p) => p.copy.placeId === here,
  )
  const placeOf = new Map(places.map((p) => [p.id, p]))
  const titleOf = new Map(titles.map((t) => [t.id, t]))
  const items = picks.map(({ hold, copy }): PickItem => {
    const pickup = placeOf.get(hold.pickupPlaceId)
    const t = titleOf.get(hold.titleId)
    return {
      holdId: hold.id,
      titleId: hold.titleId,
      title: t?.title ?? '',
      volume: t?.volume ?? null,
      copyId: copy.id,
      barcode: copy.barcode,
      callNumber: copy.callNumber || null,
      pickupPlaceId: hold.pickupPlaceId,
      pickupPlaceName: pickup?.name ?? '',
      locker: pickup?.kind === 'locker',
      placedAt: hold.placedAt,
    }
  })
  return { ok: true, value: items.sort(shelfOrder) }
}

function shelfOrder(a: PickItem, b: PickItem): number {
  return (
    (a.callNumber ?? '').localeCompare(b.callNumber ?? '') ||
    a.title.localeCompare(b.title, 'ja') ||
    (a.volume ?? 0) - (b.volume ?? 0) ||
    a.holdId - b.holdId
  )
}

/**
 * Which hold each shelf copy should serve, across all libraries. `holds` are the waiting holds
 * on the titles concerned plus their set siblings in any state. Pure, so it is tested alone.
 */
export function planPicks(
  holds: readonly Hold[],
  copies: readonly ShelfCopy[],
  places: readonly PlaceRef[],
  today?: JstDate,
): { hold: Hold; copy: ShelfCopy }[] {
  const parent = new Map(places.map((p) => [p.id, p.parentId]))
  const byTitle = new Map<number, ShelfCopy[]>()
  for (const c of copies) byTitle.set(c.titleId, [...(byTitle.get(c.titleId) ?? []), c])
  const out: { hold: Hold; copy: ShelfCopy }[] = []
  for (const [titleId, onShelves] of byTitle) {
    const served = holds
      .filter(
        (h) =>
          h.titleId === titleId &&
          h.state === 'waiting' &&
          !(today !== undefined && isSuspended(h, today)),
      )
      .sort(compareHolds)
      .filter((h) => earlierVolumesDone(h, holds))
      .slice(0, onShelves.length)
    const left = [...onShelves].sort((a, b) => a.placeId - b.placeId || a.id - b.id)
    const take = (c: ShelfCopy) => left.splice(left.indexOf(c), 1)[0]!
    const unmatched: Hold[] = []
    // First pass: a copy already where the hold is collected (or at the library running it).
    for (const h of served) {
      const near = [h.pickupPlaceId, parent.get(h.pickupPlaceId)]
      const copy = left.find((c) => near.includes(c.placeId))
      if (copy) out.push({ hold: h, copy: take(copy) })
      else unmatched.push(h)
    }
    for (const h of unmatched) out.push({ hold: h, copy: take(left[0]!) })
  }
  return out
}
