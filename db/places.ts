/** Libraries and pickup places, in the library's own order (HOLD-PICKUP, phone lists). */
import { asc, eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import type { PlaceRow } from './facts.ts'
import { places } from './schema.ts'

/** Every active place: libraries, branch rooms, bookmobile stations and lockers. */
export async function listPlaces(db: Db): Promise<PlaceRow[]> {
  return db.orm
    .select()
    .from(places)
    .where(eq(places.active, true))
    .orderBy(asc(places.sortOrder), asc(places.id))
}
