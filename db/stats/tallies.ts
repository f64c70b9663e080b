/**
 * Counting rows into the statistics' tallies (schema/tallies.ts) just before db/retention.ts
 * erases them, grouped as notices.ts and shelf.ts group the rows still kept, so a period reads
 * the same before and after. Each statement is for the same batch as the delete and names the
 * rows by the same `ids` subquery, so what is counted is exactly what is deleted.
 */
import { type SQL, sql } from 'drizzle-orm'
import { raw } from '../client.ts'
import { jstDay, jstMinute } from './sql.ts'

/** Finished notices `ids` (a subquery of notice ids): per slot and kind, and hold-ready delivery times. */
export function noticeTallyStatements(ids: SQL) {
  return [
    raw<{ day: string }>(sql`INSERT INTO notice_tallies
        (day, minute, slot_kind, kind, sent, failed, undeliverable, retried)
      SELECT ${jstDay(sql`due_at`)}, ${jstMinute(sql`due_at`)}, slot_kind, kind,
        sum(state = 'sent'), sum(state = 'failed'), sum(state = 'undeliverable'),
        sum(attempts > 1)
      FROM notices WHERE id IN (${ids})
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (day, minute, slot_kind, kind) DO UPDATE SET
        sent = sent + excluded.sent, failed = failed + excluded.failed,
        undeliverable = undeliverable + excluded.undeliverable,
        retried = retried + excluded.retried
      RETURNING day`),
    raw<{ day: string }>(sql`INSERT INTO ready_delivery_tallies (day, minutes, n)
      SELECT ${jstDay(sql`due_at`)}, CAST((sent_at - created_at) / 60000 AS INTEGER), count(*)
      -- The unary + keep SQLite on the ids, not walking every sent notice by an index on state.
      FROM notices WHERE id IN (${ids})
        AND +kind = 'hold_ready' AND +state = 'sent' AND sent_at IS NOT NULL
      GROUP BY 1, 2
      ON CONFLICT (day, minutes) DO UPDATE SET n = n + excluded.n
      RETURNING day`),
  ] as const
}

/** Holds `ids` (a subquery of hold ids) that expired uncollected, per day ended and pickup place. */
export function expiredHoldTallyStatement(ids: SQL) {
  return raw<{ day: string }>(sql`INSERT INTO expired_hold_tallies (day, place_id, n)
    SELECT ${jstDay(sql`ended_at`)}, pickup_place_id, count(*)
    FROM holds WHERE id IN (${ids}) AND +state = 'expired'
    GROUP BY 1, 2
    ON CONFLICT (day, place_id) DO UPDATE SET n = n + excluded.n
    RETURNING day`)
}
