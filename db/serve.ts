/**
 * Which waiting hold a copy should serve (core's pickHoldForCopy: HOLD-QUEUE order, HOLD-SET
 * volume order), and where that puts the copy.
 */
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm'
import {
  type HoldState,
  isWithdrawn,
  jstDate,
  type Policy,
  pickHoldForCopy,
} from '../core/index.ts'
import type { Db } from './client.ts'
import type { AssignTarget, CopyRef } from './copy-moves.ts'
import { calendarOf, holdFacts, placeFacts, timetableOf } from './facts.ts'
import { copies, holds, titles } from './schema.ts'

/** The copy behind a barcode, with what the rules need of its title. */
export async function copyByBarcode(db: Db, barcode: string) {
  const rows = await db.orm
    .select({ copy: copies, title: titles })
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(eq(copies.barcode, barcode))
  const r = rows[0]
  if (!r) return null
  const ref: CopyRef = {
    id: r.copy.id,
    titleId: r.title.id,
    materialType: r.title.materialType,
    withdrawn: isWithdrawn({
      copyWithdrawnAt: r.copy.withdrawnAt,
      titleWithdrawnAt: r.title.withdrawnAt,
    }),
  }
  return { ...r, ref }
}

/**
 * The hold the copy goes to next, or null for the shelf (always, for a withdrawn copy).
 * HOLD-SUSPEND: a hold suspended on `now`'s day is passed over (assignStatements re-checks it).
 */
export async function nextHoldFor(
  db: Db,
  copy: CopyRef,
  _policy: Policy,
  opts: { now: number; excludeHoldId?: number },
): Promise<{ holdId: number; patronId: number; target: AssignTarget } | null> {
  const { excludeHoldId } = opts
  if (copy.withdrawn) return null
  const waiting = await holdFacts(
    db,
    and(eq(holds.titleId, copy.titleId), eq(holds.state, 'waiting')),
  )
  const groups = [
    ...new Set(waiting.map((h) => h.row.setGroup).filter((g): g is number => g !== null)),
  ]
  const siblings = groups.length
    ? await holdFacts(db, and(isNotNull(holds.setGroup), inArray(holds.setGroup, groups)))
    : []
  const all = new Map([...waiting, ...siblings].map((h) => [h.row.id, h.core]))
  if (excludeHoldId !== undefined) all.delete(excludeHoldId)
  const chosen = pickHoldForCopy(copy.titleId, [...all.values()], jstDate(opts.now))
  if (!chosen) return null
  const target = await targetFor(db, chosen.id, chosen.pickupPlaceId)
  return target ? { holdId: chosen.id, patronId: chosen.patronId, target } : null
}

/** Where a hold is collected, and the calendars that set its dates. */
export async function targetFor(
  db: Db,
  holdId: number,
  pickupPlaceId: number,
): Promise<AssignTarget | null> {
  const place = await placeFacts(db, pickupPlaceId)
  if (!place) return null
  const lendingLibraryId = place.kind === 'locker' ? (place.parentId ?? place.id) : place.id
  const pickupCalendar = await calendarOf(db, place.id)
  return {
    holdId,
    pickupPlaceId,
    kind: place.kind,
    parentId: place.parentId,
    pickupCalendar,
    lendingLibraryId,
    lendingCalendar: await calendarOf(db, lendingLibraryId),
    timetable: place.kind === 'bookmobile' ? timetableOf(place, pickupCalendar) : null,
  }
}

/** The hold a copy is set aside for now (in transit or ready), if any. */
export async function setAsideHold(db: Db, copyId: number) {
  const rows = await holdFacts(
    db,
    and(eq(holds.copyId, copyId), or(eq(holds.state, 'ready'), eq(holds.state, 'in_transit'))),
  )
  return rows[0] ?? null
}

/** The hold a copy serves after a check-in or a receipt, and where it stands. */
export interface ServedHold {
  id: number
  patronId: number
  pickupPlaceId: number
  state: Extract<HoldState, 'in_transit' | 'ready'>
  locker: boolean
}

/** The served hold as a result shows it. */
export function servedHold(
  row: {
    id: number
    patronId: number
    pickupPlaceId: number
    state: HoldState
    loanId: number | null
  },
  locker: boolean,
): ServedHold {
  return {
    id: row.id,
    patronId: row.patronId,
    pickupPlaceId: row.pickupPlaceId,
    state: row.state === 'ready' ? 'ready' : 'in_transit',
    // Lent into the locker by this move (HOLD-LOCKER); a locker hold in transit is not yet,
    // nor is a blocked patron's (ACC-BLOCK-OVERDUE: it waits on the library's hold shelf).
    locker: locker && row.state === 'ready' && row.loanId !== null,
  }
}
