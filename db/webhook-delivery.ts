/**
 * One verified webhook request's bookkeeping in one batch: one transaction on better-sqlite3,
 * one round trip on D1 (issue 21; it was two). It counts the request into its Japan-time day
 * (issue 20) and records the ids of the events about to be handled, so a redelivery is
 * skipped (LINE-WEBHOOK). Two deliveries of one event that race are serialised by the
 * database: the insert gives the id back to one of them only.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'
import { isText } from './refusals.ts'
import { webhookDayUpsert } from './stats/webhook-days.ts'

export interface WebhookDelivery {
  /** When the request came. */
  at: number
  /** Every event in the request, counted for the statistics even if not handled. */
  events: number
  /** How long answering took. */
  ms: number
  /** The ids of the events bunko will handle, in order. */
  eventIds: readonly string[]
}

/** Counts the request and returns the event ids seen for the first time. */
export async function recordWebhookDelivery(db: Db, d: WebhookDelivery): Promise<Set<string>> {
  const ids = d.eventIds.filter((id) => isText(id, 128))
  const day = webhookDayUpsert(d)
  if (ids.length === 0) {
    await db.batch([day])
    return new Set()
  }
  // The ids go in as one JSON array: the statement's text (so its prepared statement) is the
  // same for any number of events, and D1's limit of 100 bound parameters is never reached.
  const [, rows] = await db.batch([
    day,
    raw<{ eventId: string }>(sql`INSERT INTO webhook_events (event_id, received_at)
      SELECT value, ${d.at} FROM json_each(${JSON.stringify(ids)}) WHERE true
      ON CONFLICT (event_id) DO NOTHING RETURNING event_id AS eventId`),
  ])
  return new Set(rows.map((r) => r.eventId))
}
