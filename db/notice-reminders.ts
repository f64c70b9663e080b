/**
 * Queueing the reminders a patron may ask for (NOTICE-DUE-SOON, NOTICE-EXPIRY) into the
 * notice outbox, like the overdue reminders (notice-overdue.ts): read who is due, then insert
 * guarded rows whose unique key makes queueing twice harmless.
 *
 * - Due-soon: one row per patron per day, key `due_soon:<patron>:<day>`, about the due date
 *   `lead days` ahead. The items themselves are read when the push is built, so an item
 *   returned or renewed meanwhile is left out, and a row with nothing left is settled unsent
 *   (notice-claims.ts).
 * - Expiry: one row per patron per expiry date, key `expiry:<patron>:<expires on>`: a
 *   registration extended to a new date is announced again when that one comes near.
 *
 * Only patrons who can be pushed (linked, following, on LINE) are queued for.
 */
import { sql } from 'drizzle-orm'
import {
  DUE_SOON_LEAD_DAYS,
  dueSoonTarget,
  expiryWindow,
  type Instant,
  jstDate,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { allIn, chunk, rowCount } from './notice-lists.ts'
import { dueSoonItemKey } from './notice-poll.ts'

/** What follows a polled due-soon notice's key in each of its loans' announcement keys. */
const LOAN_PART = dueSoonItemKey('', '')

interface Due {
  patronId: number
  aboutDate: string
}

/** Insert one guarded row per patron; `kind` and `key` from each. Returns how many were new. */
async function insertReminders(
  db: Db,
  rows: { patronId: number; aboutDate: string; key: string; kind: 'due_soon' | 'expiry' }[],
  at: Instant,
  now: Instant,
): Promise<number> {
  let queued = 0
  for (const part of chunk(rows, 50)) {
    const [first, ...rest] = part.map((r) =>
      raw<{ id: string }>(sql`INSERT INTO notices (id, key, patron_id, kind, slot_kind, due_at,
          state, attempts, created_at, about_date)
        VALUES (${crypto.randomUUID()}, ${r.key}, ${r.patronId}, ${r.kind}, 'standard', ${at},
          'pending', 0, ${now}, ${r.aboutDate})
        ON CONFLICT (key) DO NOTHING
        RETURNING id`),
    )
    if (first) queued += rowCount(await db.batch([first, ...rest]))
  }
  return queued
}

/**
 * NOTICE-DUE-SOON: queue, for slot `at`, one reminder per opted-in patron with a loan due
 * their chosen number of days after `at`'s day. Returns how many were queued.
 */
export async function queueDueSoonNotices(db: Db, at: Instant, now: Instant): Promise<number> {
  const due: Due[] = []
  for (const lead of DUE_SOON_LEAD_DAYS) {
    const target = dueSoonTarget(at, lead)
    due.push(
      ...(await db.all<Due>(sql`SELECT DISTINCT l.patron_id AS patronId, l.due_date AS aboutDate
        FROM loans l
        JOIN notice_preferences np ON np.patron_id = l.patron_id
        JOIN line_links k ON k.patron_id = l.patron_id AND k.followed = 1
        WHERE l.returned_at IS NULL AND l.due_date = ${target}
          AND np.due_soon_days = ${lead} AND np.channel = 'line'`)),
    )
  }
  const day = jstDate(at)
  return insertReminders(
    db,
    due.map((d) => ({ ...d, kind: 'due_soon', key: `due_soon:${d.patronId}:${day}` })),
    at,
    now,
  )
}

/**
 * NOTICE-EXPIRY: queue, for slot `at`, a notice to each patron whose registration lapses
 * within 30 days and who has not been told about that date. Returns how many were queued.
 */
export async function queueExpiryNotices(db: Db, at: Instant, now: Instant): Promise<number> {
  const { from, to } = expiryWindow(at)
  const due = await db.all<Due>(sql`SELECT p.id AS patronId, p.expires_on AS aboutDate
    FROM line_links k
    JOIN patrons p ON p.id = k.patron_id
    LEFT JOIN notice_preferences np ON np.patron_id = p.id
    WHERE k.followed = 1 AND p.status = 'active' AND p.expires_on >= ${from} AND p.expires_on <= ${to}
      AND (np.patron_id IS NULL OR (np.expiry = 1 AND np.channel = 'line'))
      AND NOT EXISTS (SELECT 1 FROM notices n
        WHERE n.key = 'expiry:' || p.id || ':' || p.expires_on)`)
  return insertReminders(
    db,
    due.map((d) => ({ ...d, kind: 'expiry', key: `expiry:${d.patronId}:${d.aboutDate}` })),
    at,
    now,
  )
}

/** One loan a due-soon reminder lists: still out and still due on the date it is about. */
export interface DueSoonLoan {
  noticeId: string
  loanId: number
  title: string
  author: string | null
  dueDate: string
}

/**
 * The loans the due-soon notices `ids` are about, as they stand now (returned or renewed:
 * gone). A reminder polled from the library system (front mode) lists the loans announced
 * with it (db/notice-poll.ts dueSoonItemKey), as they stood when it was polled.
 */
export async function dueSoonLoans(db: Db, ids: readonly string[]): Promise<DueSoonLoan[]> {
  const [local, polled] = await Promise.all([
    allIn<DueSoonLoan>(
      db,
      ids,
      (list) => sql`SELECT n.id AS noticeId, l.id AS loanId, t.title, t.author,
        l.due_date AS dueDate
      FROM notices n
      JOIN loans l ON l.patron_id = n.patron_id AND l.returned_at IS NULL
        AND l.due_date = n.about_date
      JOIN copies c ON c.id = l.copy_id
      JOIN titles t ON t.id = c.title_id
      WHERE n.kind = 'due_soon' AND n.id IN (${list})
        AND NOT EXISTS (SELECT 1 FROM notice_announcements a WHERE a.key = n.key)
      ORDER BY l.id`,
    ),
    allIn<DueSoonLoan>(
      db,
      ids,
      (list) => sql`SELECT n.id AS noticeId,
        CAST(substr(a.key, length(n.key) + ${LOAN_PART.length + 1}) AS INTEGER) AS loanId,
        a.title, a.author, a.due_date AS dueDate
      FROM notices n
      JOIN notice_announcements a ON a.key >= n.key || ${LOAN_PART}
        AND a.key < n.key || ${`${LOAN_PART}~`}
      WHERE n.kind = 'due_soon' AND n.id IN (${list})
      ORDER BY loanId`,
    ),
  ])
  // A notice is either bunko's own or polled: each keeps its loans in id order.
  return [...local, ...polled]
}
