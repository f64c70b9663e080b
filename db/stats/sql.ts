/** SQL pieces the statistics share: Japan-time days of an instant column, on SQLite and D1. */
import { type SQL, sql } from 'drizzle-orm'
import { jstDate } from '../../core/index.ts'

const JST_OFFSET_MS = 9 * 60 * 60 * 1000

/** Japan minute of the day (0–1439) of an epoch-milliseconds expression. */
export function jstMinute(instant: SQL): SQL {
  return sql`CAST((${instant} + ${JST_OFFSET_MS}) % 86400000 / 60000 AS INTEGER)`
}

/**
 * Grouping is by these integers, not by strftime text: integer arithmetic per index entry is
 * several times cheaper over a year of rows. The names are made here, once per group.
 */
export const dateOfDayNumber = (n: number) => new Date(n * 86400000).toISOString().slice(0, 10)
export const clockOfMinute = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** Whole Japan calendar days since the epoch, for ages in days. */
export function jstDayNumber(instant: SQL | number): SQL {
  return sql`CAST((${instant} + ${JST_OFFSET_MS}) / 86400000 AS INTEGER)`
}

/** The Japan date (`YYYY-MM-DD`) of an epoch-milliseconds expression, as core's jstDate. */
export function jstDay(instant: SQL): SQL {
  return sql`date(${instant} / 1000 + ${JST_OFFSET_MS / 1000}, 'unixepoch')`
}

/** A half-open range of instants: `from` inclusive, `to` exclusive. */
export interface Range {
  from: number
  to: number
}

/** The Japan dates a range of whole Japan days covers, first and last (for the tallies). */
export function rangeDays(r: Range): { first: string; last: string } {
  return { first: jstDate(r.from), last: jstDate(r.to - 1) }
}

export const inList = (items: readonly string[]) =>
  sql.join(
    items.map((i) => sql`${i}`),
    sql`, `,
  )
