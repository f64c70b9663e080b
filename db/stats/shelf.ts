/**
 * The hold shelf (issue 20): ready holds by how many Japan days they have waited, and holds
 * that expired uncollected per day, both by pickup place. Ready holds are read through
 * `holds_ready_idx`; expired ones through `holds_ended_idx` (state, ended_at, pickup place).
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { dateOfDayNumber, jstDayNumber, type Range } from './sql.ts'

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
  const rows = await db.all<Omit<ExpiredDayRow, 'day'> & { d: number }>(sql`SELECT
      ${jstDayNumber(sql`h.ended_at`)} AS d, h.pickup_place_id AS placeId, p.name AS place,
      count(*) AS n
    FROM holds h JOIN places p ON p.id = h.pickup_place_id
    WHERE h.state = 'expired' AND h.ended_at >= ${r.from} AND h.ended_at < ${r.to}
    GROUP BY d, h.pickup_place_id
    ORDER BY d, h.pickup_place_id`)
  return rows.map(({ d, ...r }) => ({ day: dateOfDayNumber(d), ...r }))
}
