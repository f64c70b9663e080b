/**
 * HOLD-EXPIRE on the hold shelf: the holds at a pickup place that expired since the place was
 * last open (today, and the closed days before it: the notice slot runs on those too), by
 * staff or by the notice slot's own run, with where each copy has gone since, so staff take
 * it off the shelf and do the one thing left: put it back on the stacks, change the slip for
 * the next holder here, or pack it for the van. The notice slot expires holds with no one
 * watching; without this list the copy would stay on the hold shelf under the old slip.
 */
import { sql } from 'drizzle-orm'
import { addDays, jstDate, jstInstant, type Policy, previousOpenDayAfter } from '../core/index.ts'
import type { Db } from './client.ts'
import { calendarOf } from './facts.ts'
import { isId } from './refusals.ts'

export interface ExpiredToday {
  holdId: number
  endedAt: number
  title: string
  barcode: string
  /** The copy now waits here for the next holder (ready): their number, for the new slip. */
  nextHereNumber: string | null
  /** The copy is travelling (回送) to this place. */
  transitName: string | null
  /** The copy has been lent since (nothing left to do). */
  lent: boolean
}

/**
 * Since when to list: the day after the place's last open day before today (today itself when
 * it was open yesterday); at most a month back.
 */
export async function shelfDaySince(db: Db, placeId: number, now: number, policy: Policy) {
  const today = jstDate(now)
  const calendar = await calendarOf(db, placeId)
  const last = previousOpenDayAfter(addDays(today, -1), addDays(today, -31), calendar, policy)
  return jstInstant(last ? addDays(last, 1) : today)
}

export async function expiredToday(
  db: Db,
  placeId: number,
  now: number,
  policy: Policy,
): Promise<ExpiredToday[]> {
  if (!isId(placeId)) return []
  const since = await shelfDaySince(db, placeId, now, policy)
  const rows = await db.all<ExpiredToday>(sql`
    SELECT h.id AS holdId, h.ended_at AS endedAt, t.title, c.barcode,
      CASE WHEN nh.state = 'ready' AND nh.pickup_place_id = ${placeId} THEN pn.number END
        AS nextHereNumber,
      tp.name AS transitName,
      EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.returned_at IS NULL
        AND l.locker = 0) AS lent
    FROM holds h
    JOIN copies c ON c.id = h.copy_id
    JOIN titles t ON t.id = c.title_id
    LEFT JOIN holds nh ON nh.copy_id = c.id AND nh.state IN ('ready', 'in_transit')
    LEFT JOIN patrons pn ON pn.id = nh.patron_id
    LEFT JOIN places tp ON tp.id = c.transit_to_id
    WHERE h.pickup_place_id = ${placeId} AND h.state = 'expired' AND h.ended_at >= ${since}
    ORDER BY h.ended_at, h.id`)
  return rows.map((r) => ({ ...r, lent: Boolean(r.lent) }))
}
