/**
 * Queueing overdue notices (NOTICE-OVERDUE): the first at the first standard slot after the
 * due date has passed, then one every `overdueReminderDays` while the item is out. Reminder
 * number k of a loan has the key `overdue:<loan>:<k>` (k = 0 for the first), so queueing twice
 * is harmless. After downtime only the latest reminder that has come due is queued, not every
 * one missed: the patron hears once, and the cadence stays on its weekly grid.
 *
 * Only patrons who can be pushed (linked, following, not opted out) are queued for: overdue
 * notices to anyone else would only pile up as undeliverable rows every week.
 */
import { sql } from 'drizzle-orm'
import { jstDate, overdueNoticeAt, type Policy, reminderDue } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { chunk, rowCount } from './notice-lists.ts'

interface OverdueLoan {
  loanId: number
  patronId: number
  dueDate: string
  /** The due time of the latest overdue notice queued for the loan, if any. */
  lastAt: number | null
}

/** Queue the overdue notices due at slot `at`, written at `now`; returns how many were queued. */
export async function queueOverdueNotices(
  db: Db,
  at: number,
  now: number,
  policy: Policy,
): Promise<number> {
  const loans = await db.all<OverdueLoan>(sql`SELECT l.id AS loanId, l.patron_id AS patronId,
      l.due_date AS dueDate,
      (SELECT max(n.due_at) FROM notices n WHERE n.loan_id = l.id AND n.kind = 'overdue') AS lastAt
    FROM loans l
    JOIN line_links k ON k.patron_id = l.patron_id AND k.followed = 1
    LEFT JOIN notice_preferences np ON np.patron_id = l.patron_id
    WHERE l.returned_at IS NULL AND l.due_date < ${jstDate(at)}
      AND (np.patron_id IS NULL OR (np.overdue = 1 AND np.channel = 'line'))`)
  const rows = loans.flatMap((l) => {
    const n = reminderDue(l.dueDate, at, policy)
    if (n === null) return []
    const dueAt = overdueNoticeAt(l.dueDate, n, policy)
    return l.lastAt !== null && l.lastAt >= dueAt ? [] : [{ ...l, n, dueAt }]
  })
  let queued = 0
  for (const part of chunk(rows, 50)) {
    // Guarded on the loan being still out: one returned since the read gets no reminder.
    const [first, ...rest] = part.map((r) =>
      raw<{ id: string }>(sql`INSERT INTO notices (id, key, patron_id, kind, loan_id, slot_kind,
          due_at, state, attempts, created_at)
        SELECT ${crypto.randomUUID()}, ${`overdue:${r.loanId}:${r.n}`}, ${r.patronId}, 'overdue',
          ${r.loanId}, 'standard', ${r.dueAt}, 'pending', 0, ${now}
        WHERE EXISTS (SELECT 1 FROM loans WHERE id = ${r.loanId} AND returned_at IS NULL)
        ON CONFLICT (key) DO NOTHING
        RETURNING id`),
    )
    if (first) queued += rowCount(await db.batch([first, ...rest]))
  }
  return queued
}
