/**
 * Webhook timing per Japan-time day (issue 20). One upsert per request adds to the day's row,
 * so concurrent requests never lose a count and the statistics read at most 366 rows.
 */
import { sql } from 'drizzle-orm'
import { jstDate } from '../../core/index.ts'
import { type Db, raw } from '../client.ts'

/** LINE expects the webhook's answer within 2 seconds. */
export const WEBHOOK_ANSWER_MS = 2000

export async function recordWebhookRequest(
  db: Db,
  r: { at: number; events: number; ms: number },
): Promise<void> {
  await db.batch([webhookDayUpsert(r)])
}

/** The upsert that counts one request into its day, for a batch (db/webhook-delivery.ts). */
export function webhookDayUpsert(r: { at: number; events: number; ms: number }) {
  const fast = r.ms <= WEBHOOK_ANSWER_MS ? 1 : 0
  return raw<{
    day: string
  }>(sql`INSERT INTO webhook_days (day, requests, events, requests_fast, events_fast)
      VALUES (${jstDate(r.at)}, 1, ${r.events}, ${fast}, ${fast * r.events})
      ON CONFLICT (day) DO UPDATE SET
        requests = requests + 1,
        events = events + excluded.events,
        requests_fast = requests_fast + excluded.requests_fast,
        events_fast = events_fast + excluded.events_fast
      RETURNING day`)
}

export interface WebhookDay {
  day: string
  requests: number
  events: number
  requestsFast: number
  eventsFast: number
}

/** Days from `fromDate` to `toDate` (both `YYYY-MM-DD`, inclusive) that had requests. */
export async function webhookDays(db: Db, fromDate: string, toDate: string): Promise<WebhookDay[]> {
  return db.all<WebhookDay>(sql`SELECT day, requests, events,
      requests_fast AS requestsFast, events_fast AS eventsFast
    FROM webhook_days WHERE day >= ${fromDate} AND day <= ${toDate} ORDER BY day`)
}
