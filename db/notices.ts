/**
 * The notice outbox's primitives for the dispatcher (NOTICE-ONCE). A notice is claimed with
 * a lease in one UPDATE, so two dispatchers never take the same row; a crashed dispatcher's
 * lease runs out and the row is taken again, with the same id as LINE's X-Line-Retry-Key, so
 * LINE itself drops the duplicate. Sent, failed and undeliverable are final and shown on the
 * hold (notice_state). Overdue notices are queued here too (NOTICE-OVERDUE).
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { jstDate, overdueNoticeAt, type Policy } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { isText } from './refusals.ts'
import { notices } from './schema.ts'

export type NoticeRow = typeof notices.$inferSelect

/**
 * Claim up to `limit` notices due by `now` (pending, or sending with a lapsed lease) for
 * `claimer` until `now + leaseMs`. Each claim counts as an attempt.
 */
export async function claimDueNotices(
  db: Db,
  input: { claimer: string; limit: number; leaseMs: number },
  now: number,
): Promise<NoticeRow[]> {
  const limit = Math.max(1, Math.min(500, Math.floor(input.limit)))
  const [rows] = await db.batch([
    raw<Record<string, unknown>>(sql`UPDATE notices
      SET state = 'sending', claimed_by = ${input.claimer}, claimed_until = ${now + input.leaseMs},
        attempts = attempts + 1
      WHERE id IN (SELECT id FROM notices
        WHERE due_at <= ${now}
          AND (state = 'pending' OR (state = 'sending' AND claimed_until < ${now}))
        ORDER BY due_at, created_at LIMIT ${limit})
      RETURNING id`),
  ])
  const ids = rows.map((r) => String(r.id))
  if (ids.length === 0) return []
  return db.orm
    .select()
    .from(notices)
    .where(and(inArray(notices.id, ids), eq(notices.claimedBy, input.claimer)))
}

/** Finish a claimed notice; only its current claimer can, so a lapsed lease cannot double-mark. */
async function finish(
  db: Db,
  id: string,
  claimer: string,
  set: {
    state: NoticeRow['state']
    sentAt?: number | null
    lastError?: string | null
    dueAt?: number
  },
): Promise<boolean> {
  if (!isText(id, 64) || !isText(claimer, 128)) return false
  const [rows, _holds] = await db.batch([
    db.orm
      .update(notices)
      .set({ ...set, claimedUntil: null })
      .where(and(eq(notices.id, id), eq(notices.state, 'sending'), eq(notices.claimedBy, claimer)))
      .returning({ id: notices.id }),
    raw<{ id: number }>(sql`UPDATE holds SET notice_state = ${set.state}
      WHERE id = (SELECT hold_id FROM notices WHERE id = ${id} AND state = ${set.state})
      RETURNING id`),
  ])
  return rows.length > 0
}

/** LINE accepted the push (or answered 409: it already had this retry key). */
export function markNoticeSent(db: Db, input: { id: string; claimer: string }, now: number) {
  return finish(db, input.id, input.claimer, { state: 'sent', sentAt: now, lastError: null })
}

/** A failed attempt: back to pending for `retryAt`, or failed for good when `final`. */
export function markNoticeFailed(
  db: Db,
  input: { id: string; claimer: string; error: string; final: boolean; retryAt?: number },
  _now: number,
) {
  const lastError = input.error.slice(0, 500)
  if (input.final) return finish(db, input.id, input.claimer, { state: 'failed', lastError })
  return finish(db, input.id, input.claimer, {
    state: 'pending',
    lastError,
    ...(input.retryAt === undefined ? {} : { dueAt: input.retryAt }),
  })
}

/** The patron cannot be reached on LINE (unfollowed, or no link): never pushed. */
export function markNoticeUndeliverable(
  db: Db,
  input: { id: string; claimer: string; reason: string },
  _now: number,
) {
  return finish(db, input.id, input.claimer, {
    state: 'undeliverable',
    lastError: input.reason.slice(0, 500),
  })
}

/**
 * NOTICE-OVERDUE: queue the next overdue notice of every open loan whose due date has
 * passed: the first at the slot after the due date, then every overdueReminderDays. The key
 * `overdue:<loan>:<n>` makes queueing idempotent, so running it at every slot is safe.
 */
export async function queueOverdueNotices(db: Db, now: number, policy: Policy): Promise<number> {
  const rows = await db.all<{ id: number; patronId: number; dueDate: string; sent: number }>(
    sql`SELECT l.id, l.patron_id AS patronId, l.due_date AS dueDate,
        (SELECT count(*) FROM notices n WHERE n.loan_id = l.id AND n.kind = 'overdue') AS sent
      FROM loans l
      WHERE l.returned_at IS NULL AND l.due_date < ${jstDate(now)}`,
  )
  const due = rows
    .map((r) => ({ ...r, at: overdueNoticeAt(r.dueDate, r.sent, policy) }))
    .filter((r) => r.at <= now + 24 * 3600_000)
  let queued = 0
  for (const r of due) {
    const [ins] = await db.batch([
      raw<{ id: string }>(sql`INSERT INTO notices (id, key, patron_id, kind, loan_id, slot_kind,
          due_at, state, attempts, created_at)
        SELECT ${crypto.randomUUID()}, ${`overdue:${r.id}:${r.sent}`}, ${r.patronId}, 'overdue',
          ${r.id}, 'standard', ${r.at}, 'pending', 0, ${now}
        WHERE EXISTS (SELECT 1 FROM loans WHERE id = ${r.id} AND returned_at IS NULL)
        ON CONFLICT (key) DO NOTHING RETURNING id`),
    ])
    queued += ins.length
  }
  return queued
}

/** Notices of a patron that failed or could not be delivered, for the LIFF app to show. */
export function undeliveredNotices(db: Db, patronId: number) {
  return db.orm
    .select()
    .from(notices)
    .where(and(eq(notices.patronId, patronId), inArray(notices.state, ['failed', 'undeliverable'])))
}
