/** SQL pieces the statistics share: Japan-time days of an instant column, on SQLite and D1. */
import { type SQL, sql } from 'drizzle-orm'

const JST_OFFSET_MS = 9 * 60 * 60 * 1000

/** `YYYY-MM-DD` in Japan time of an epoch-milliseconds expression. */
export function jstDay(instant: SQL): SQL {
  return sql`strftime('%Y-%m-%d', (${instant} + ${JST_OFFSET_MS}) / 1000, 'unixepoch')`
}

/** `HH:MM` in Japan time of an epoch-milliseconds expression. */
export function jstClock(instant: SQL): SQL {
  return sql`strftime('%H:%M', (${instant} + ${JST_OFFSET_MS}) / 1000, 'unixepoch')`
}

/** Whole Japan calendar days since the epoch, for ages in days. */
export function jstDayNumber(instant: SQL | number): SQL {
  return sql`CAST((${instant} + ${JST_OFFSET_MS}) / 86400000 AS INTEGER)`
}

/** A half-open range of instants: `from` inclusive, `to` exclusive. */
export interface Range {
  from: number
  to: number
}

export const inList = (items: readonly string[]) =>
  sql.join(
    items.map((i) => sql`${i}`),
    sql`, `,
  )
