/**
 * The patron's own actions through LINE, written to the audit trail with no staff and
 * `channel` = 'line' (issue 20), so the staff statistics can tell LINE from the counter and
 * the kiosks. Subjects are ids (`patron:12`, `loan:34`, `hold:56`), never titles.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'

/** Audit actions the statistics count by channel; the counter and kiosks use the same names. */
export const CHANNEL_ACTIONS = {
  renew: 'loan.renew',
  holdPlace: 'hold.place',
  holdCancel: 'hold.cancel',
} as const

/** Audit actions for the LINE account itself. */
export const LINK_ACTIONS = {
  link: 'line.link',
  unlink: 'line.unlink',
  block: 'line.block',
  unblock: 'line.unblock',
} as const

/**
 * An INSERT of one 'line' entry per row of `from` (SQL after SELECT ... that yields the
 * subject as `subject`), for a batch: it runs in the same transaction as the change it records.
 */
export function lineAuditFrom(action: string, at: number, select: SQL) {
  return raw<{ id: number }>(sql`INSERT INTO audit_log (staff_id, at, action, subject, channel)
    SELECT NULL, ${at}, ${action}, s.subject, 'line' FROM (${select}) s
    RETURNING id`)
}

/** Record LINE-side actions already done (one entry per subject). */
export async function recordLineActions(
  db: Db,
  action: string,
  subjects: readonly string[],
  at: number,
): Promise<void> {
  if (subjects.length === 0) return
  // D1 binds at most 100 parameters: a renew-all or a cart is far below that.
  const values = sql.join(
    subjects.slice(0, 90).map((s) => sql`(${s})`),
    sql`, `,
  )
  await db.batch([
    lineAuditFrom(action, at, sql`SELECT column1 AS subject FROM (VALUES ${values})`),
  ])
}
