/**
 * One verified webhook request's bookkeeping in one batch: one transaction on better-sqlite3
 * (shared with the requests that arrive with it), one round trip on D1 (issue 21; it was two). It counts the request into its Japan-time day
 * (issue 20) and records the ids of the events about to be handled, so a redelivery is
 * skipped (LINE-WEBHOOK). Two deliveries of one event that race are serialised by the
 * database: the insert gives the id back to one of them only.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw, type Statement } from './client.ts'
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

/** A delivery waiting for its group's write, and the caller waiting for its answer. */
interface Waiting {
  d: WebhookDelivery
  resolve(ids: Set<string>): void
  reject(err: unknown): void
}

const waiting = new WeakMap<Db, Waiting[]>()

/**
 * Counts the request and returns the event ids seen for the first time. On better-sqlite3
 * the deliveries that arrive within the same few milliseconds are written in one
 * transaction: each keeps its own statements, in arrival order, so the counts and the
 * de-duplication are exactly those of one write each, but the group commits (locks, WAL
 * frames, syscalls) once: under load that was most of the write's cost (issue 21). On D1 each
 * request is its own batch, as before.
 */
export function recordWebhookDelivery(db: Db, d: WebhookDelivery): Promise<Set<string>> {
  if (db.driver !== 'sqlite') return recordTogether(db, [d]).then(([ids]) => ids as Set<string>)
  return new Promise((resolve, reject) => {
    let group = waiting.get(db)
    if (!group) {
      group = []
      waiting.set(db, group)
      setTimeout(() => flush(db), 0)
    }
    group.push({ d, resolve, reject })
  })
}

async function flush(db: Db): Promise<void> {
  const group = waiting.get(db) ?? []
  waiting.delete(db)
  try {
    const results = await recordTogether(
      db,
      group.map((w) => w.d),
    )
    for (const [i, w] of group.entries()) w.resolve(results[i] as Set<string>)
  } catch (err) {
    if (group.length === 1) return group[0]?.reject(err)
    // One delivery's failure must not cost the others theirs: each is written alone.
    for (const w of group)
      recordTogether(db, [w.d]).then(([ids]) => w.resolve(ids as Set<string>), w.reject)
  }
}

/** Writes the deliveries in one batch; each one's first-seen ids, in order. */
async function recordTogether(db: Db, deliveries: WebhookDelivery[]): Promise<Set<string>[]> {
  const statements: Statement[] = []
  // Where each delivery's insert sits in the batch (-1: it has no ids).
  const inserts = deliveries.map((d) => {
    const ids = d.eventIds.filter((id) => isText(id, 128))
    statements.push(webhookDayUpsert(d))
    if (ids.length === 0) return -1
    // The ids go in as one JSON array: the statement's text (so its prepared statement) is
    // the same for any number of events, and D1's limit of 100 bound parameters is never
    // reached.
    statements.push(
      raw<{ eventId: string }>(sql`INSERT INTO webhook_events (event_id, received_at)
        SELECT value, ${d.at} FROM json_each(${JSON.stringify(ids)}) WHERE true
        ON CONFLICT (event_id) DO NOTHING RETURNING event_id AS eventId`),
    )
    return statements.length - 1
  })
  const rows = (await db.batch(statements as [Statement, ...Statement[]])) as unknown[][]
  return inserts.map(
    (at) => new Set(at < 0 ? [] : (rows[at] as { eventId: string }[]).map((r) => r.eventId)),
  )
}
