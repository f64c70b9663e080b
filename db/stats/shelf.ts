/**
 * The hold shelf (issue 20): ready holds by how many Japan days they have waited, and holds
 * that expired uncollected per day, both by pickup place. Ready holds are read through
 * `holds_ready_idx`; expired ones through `holds_ended_idx` (state, ended_at, pickup place),
 * and those already erased (db/retention.ts) from their tally.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { dateOfDayNumber, jstDayNumber, type Range, rangeDays } from './sql.ts'

export interface ReadyAgeRow {
  placeId: number
  place: string
  /** Whole Japan calendar days since the hold became ready (0 = today). */
  days: number
  n: number
}

export async function readyHoldAges(db: Db, now: number): Promise<ReadyAgeRow[]> {
  return db.all<ReadyAgeRow>(sql`SELECT h.pickup_place_id AS placeId, p.name AS place,
      ${jstDayNumber(now)} - ${jstDayNumber(sql`h.ready_at`)} AS days, count(*) AS n
    FROM holds h JOIN places p ON p.id = h.pickup_place_id
    WHERE h.state = 'ready' AND h.ready_at IS NOT NULL
    GROUP BY h.pickup_place_id, days
    ORDER BY h.pickup_place_id, days`)
}

export interface ExpiredDayRow {
  day: string
  placeId: number
  place: string
  n: number
}

export async function expiredHoldDays(db: Db, r: Range): Promise<ExpiredDayRow[]> {
  const days = rangeDays(r)
  const [kept, tallied] = await Promise.all([
    db.all<Omit<ExpiredDayRow, 'day'> & { d: number }>(sql`SELECT
        ${jstDayNumber(sql`h.ended_at`)} AS d, h.pickup_place_id AS placeId, p.name AS place,
        count(*) AS n
      FROM holds h JOIN places p ON p.id = h.pickup_place_id
      WHERE h.state = 'expired' AND h.ended_at >= ${r.from} AND h.ended_at < ${r.to}
      GROUP BY d, h.pickup_place_id`),
    // Holds already erased (db/retention.ts), counted per day and place as they went.
    db.all<ExpiredDayRow>(sql`SELECT t.day, t.place_id AS placeId, p.name AS place, t.n
      FROM expired_hold_tallies t JOIN places p ON p.id = t.place_id
      WHERE t.day >= ${days.first} AND t.day <= ${days.last}`),
  ])
  const live = kept.map(({ d, ...x }) => ({ day: dateOfDayNumber(d), ...x }))
  const rows = new Map<string, ExpiredDayRow>()
  for (const x of [...live, ...tallied]) {
    const key = `${x.day}|${x.placeId}`
    const row = rows.get(key)
    if (row) row.n += x.n
    else rows.set(key, { ...x })
  }
  return [...rows.values()].sort((a, b) =>
    a.day === b.day ? a.placeId - b.placeId : a.day < b.day ? -1 : 1,
  )
}
