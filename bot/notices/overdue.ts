/**
 * Queueing overdue notices (NOTICE-OVERDUE): the first at the first standard slot after the
 * due date has passed, then one every `overdueReminderDays` while the item is out. Reminder
 * number k of a loan has the key `overdue:<loan>:<k>`, so queueing twice is harmless. After
 * downtime only the latest reminder that has come due is queued, not every one missed: the
 * patron hears once, and the cadence stays on its weekly grid.
 *
 * Only patrons who can be pushed (linked, following, not opted out) are queued for: overdue
 * notices to anyone else would only pile up as undeliverable rows every week.
 */
import { sql } from 'drizzle-orm'
import { DAY_MS, jstDate, overdueNoticeAt, type Policy } from '../../core/index.ts'
import { raw } from '../../db/client.ts'
import type { AppDeps } from '../deps.ts'
import { chunk } from './outbox.ts'

interface OverdueLoan {
  loanId: number
  patronId: number
  dueDate: string
  /** The due time of the latest overdue notice queued for the loan, if any. */
  lastAt: number | null
}

/** Queue the overdue notices due at slot `at`; returns how many were queued. */
export async function queueOverdue(deps: AppDeps, at: number): Promise<number> {
  const { db, config } = deps
  const loans = await db.all<OverdueLoan>(sql`SELECT l.id AS loanId, l.patron_id AS patronId,
      l.due_date AS dueDate,
      (SELECT max(n.due_at) FROM notices n WHERE n.loan_id = l.id AND n.kind = 'overdue') AS lastAt
    FROM loans l
    JOIN line_links k ON k.patron_id = l.patron_id AND k.followed = 1
    LEFT JOIN notice_preferences np ON np.patron_id = l.patron_id
    WHERE l.returned_at IS NULL AND l.due_date < ${jstDate(at)}
      AND (np.patron_id IS NULL OR (np.overdue = 1 AND np.channel = 'line'))`)
  const now = deps.clock.now()
  const rows = loans.flatMap((l) => {
    const n = reminderDue(l.dueDate, at, config.policy)
    if (n === null) return []
    const dueAt = overdueNoticeAt(l.dueDate, n, config.policy)
    return l.lastAt !== null && l.lastAt >= dueAt ? [] : [{ ...l, n, dueAt }]
  })
  let queued = 0
  for (const part of chunk(rows, 50)) {
    const statements = part.map((r) =>
      raw<{ id: string }>(sql`INSERT INTO notices (id, key, patron_id, kind, loan_id, slot_kind,
          due_at, state, attempts, created_at)
        VALUES (${crypto.randomUUID()}, ${`overdue:${r.loanId}:${r.n}`}, ${r.patronId}, 'overdue',
          ${r.loanId}, 'standard', ${r.dueAt}, 'pending', 0, ${now})
        ON CONFLICT (key) DO NOTHING
        RETURNING id`),
    )
    const [first, ...rest] = statements
    if (!first) continue
    const results = await db.batch([first, ...rest])
    queued += results.reduce((sum, r) => sum + (r as unknown[]).length, 0)
  }
  if (queued) deps.log.info('notices.overdue_queued', { notices: queued })
  return queued
}

/** The number of the latest overdue notice due by `at`, or null when none is due yet. */
export function reminderDue(dueDate: string, at: number, policy: Policy): number | null {
  const first = overdueNoticeAt(dueDate, 0, policy)
  if (first > at) return null
  return Math.floor((at - first) / (policy.overdueReminderDays * DAY_MS))
}
