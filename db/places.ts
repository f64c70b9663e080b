/** Libraries and pickup places, in the library's own order (HOLD-PICKUP, phone lists, hours). */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { JstDate, LibraryCalendar } from '../core/index.ts'
import type { Db } from './client.ts'
import { type PlaceRow, parseWeekdays } from './facts.ts'
import { closedDates, places } from './schema.ts'

/** Every active place: libraries, branch rooms, bookmobile stations and lockers. */
export async function listPlaces(db: Db): Promise<PlaceRow[]> {
  return db.orm
    .select()
    .from(places)
    .where(eq(places.active, true))
    .orderBy(asc(places.sortOrder), asc(places.id))
}

/**
 * LOAN-DUE-OPEN on one day, for the chat's opening hours: each place's closed weekdays, and
 * `date` among its closed dates when it is one (two queries, however many places).
 */
export async function calendarsOn(
  db: Db,
  placeIds: number[],
  date: JstDate,
): Promise<Map<number, LibraryCalendar>> {
  if (placeIds.length === 0) return new Map()
  const [rows, closed] = await Promise.all([
    db.orm
      .select({ id: places.id, weekdays: places.closedWeekdays })
      .from(places)
      .where(inArray(places.id, placeIds)),
    db.orm
      .select({ placeId: closedDates.placeId })
      .from(closedDates)
      .where(and(inArray(closedDates.placeId, placeIds), eq(closedDates.date, date))),
  ])
  const shut = new Set(closed.map((c) => c.placeId))
  return new Map(
    rows.map((r) => [
      r.id,
      { closedWeekdays: parseWeekdays(r.weekdays), closedDates: shut.has(r.id) ? [date] : [] },
    ]),
  )
}
