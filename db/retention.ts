/**
 * Reading records are private (図書館の自由に関する宣言: 「返却後は貸出記録を消去します」). Once
 * the Policy's `readingRecordDays` have passed (core's readingRecordCutoff), bunko forgets
 * whom a returned loan, an ended hold and a finished notice were for. Each round is one batch,
 * so a failure leaves nothing half done:
 *
 * 1. an opted-in My本棚 entry keeps its loan's return date (`returned_on`) and lets go of it;
 * 2. finished notices are counted into the statistics' tallies (stats/tallies.ts) and deleted;
 * 3. ended holds (expired ones counted) and returned loans no notice or entry names any more
 *    are deleted;
 * 4. audit entries about an item lose the keys that name a patron (AUDIT_NAMES_PATRON);
 * 5. front mode's announcements that can no longer stop a notice being queued twice are
 *    deleted (db/retention-announcements.ts says when that is, by kind);
 * 6. purchase requests (購入リクエスト) decided before the cutoff let go of their patron and
 *    note (db/purchase-requests.ts). A request has no end of its own: it is decided when staff
 *    mark it bought, lent from another library or declined at the counter, and an open one
 *    keeps its patron however old, since staff still have to tell them.
 *
 * Nothing still going on is touched: an open loan, an active hold, a notice still to be sent,
 * a hold whose set (HOLD-SET) is still being filled, an expiry notice about a date to come,
 * an open purchase request.
 * Each statement checks that in its own WHERE, so a return or a lend racing the batch is
 * either before it or after it, and a second run finds nothing more to do. In front mode bunko
 * has no loans or holds (the ILS keeps them): the same batch erases the polled notices, then
 * their announcements once no poll can work the same key out again, and strips the audit
 * entries, which are bunko's.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Instant, type Policy, type RecordCutoff, readingRecordCutoff } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { forgetDecidedRequests } from './purchase-requests.ts'
import { eraseAnnouncements } from './retention-announcements.ts'
import { AUDIT_NAMES_PATRON, AUDIT_PATRON_KEYS } from './schema.ts'
import { jstDay } from './stats/sql.ts'
import { expiredHoldTallyStatement, noticeTallyStatements } from './stats/tallies.ts'

export interface Erased {
  /** My本棚 entries that took their loan's return date and let go of the loan. */
  history: number
  notices: number
  holds: number
  loans: number
  /** Audit entries whose patron keys were removed. */
  audit: number
  /** Front mode: announcements deleted (a ready hold's episodes count one each). */
  announcements: number
  /** Decided purchase requests that let go of their patron. */
  requests: number
}

/** Rows of each kind one round takes, oldest first: a backlog goes in bounded batches. */
export const ERASE_CHUNK = 1000
/** Rounds one run makes at most; what is left goes at the next run. */
const MAX_ROUNDS = 25

const FINISHED = sql.raw(`('sent', 'failed', 'undeliverable')`)
const UNSENT = sql.raw(`('pending', 'sending')`)

/**
 * Returned loans before the cutoff that no notice still has to tell about. Never the newest
 * loan: SQLite gives a new row the largest id plus one, so erasing it would hand its id (in
 * audit subjects, in notice keys) to the next loan; it goes once another loan is made.
 */
function loansDue(c: RecordCutoff, n: number): SQL {
  return sql`SELECT id FROM loans
    WHERE returned_at < ${c.before} AND id < (SELECT max(id) FROM loans)
      AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.loan_id = loans.id AND n.state IN ${UNSENT})
    ORDER BY returned_at, id LIMIT ${n}`
}

/**
 * Ended holds before the cutoff, as loansDue. A set hold (HOLD-SET) stays while another volume
 * of its set is active: the holds list counts ended volumes in 「3巻中2巻目」.
 */
function holdsDue(c: RecordCutoff, n: number): SQL {
  return sql`SELECT id FROM holds h
    WHERE h.state IN ('collected', 'cancelled', 'expired') AND h.ended_at < ${c.before}
      AND h.id < (SELECT max(id) FROM holds)
      AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.hold_id = h.id AND n.state IN ${UNSENT})
      AND (h.set_group IS NULL OR NOT EXISTS (SELECT 1 FROM holds s
        WHERE s.set_group = h.set_group AND s.state IN ('waiting', 'in_transit', 'ready')))
    ORDER BY h.ended_at, h.id LIMIT ${n}`
}

/**
 * Finished notices due before the cutoff whose loan or hold goes this round (or that have
 * none). An overdue notice of a loan still out stays: the next reminder counts from it
 * (NOTICE-OVERDUE). An expiry notice stays until its date has passed: it is queued by its key
 * until then (NOTICE-EXPIRY), unless it was polled (its announcement keeps the key).
 */
function noticesDue(c: RecordCutoff, n: number): SQL {
  return sql`SELECT id FROM notices
    WHERE state IN ${FINISHED} AND due_at < ${c.before}
      AND (loan_id IS NULL OR loan_id IN (${loansDue(c, n)}))
      AND (hold_id IS NULL OR hold_id IN (${holdsDue(c, n)}))
      AND (kind <> 'expiry' OR about_date < ${c.today}
        OR EXISTS (SELECT 1 FROM notice_announcements a WHERE a.key = notices.key))
    ORDER BY due_at, id LIMIT ${n}`
}

/** Of `due` (a subquery of ids), those no notice (or, for loans, no My本棚 entry) names. */
function unnamed(due: SQL, column: 'loan_id' | 'hold_id'): SQL {
  const history =
    column === 'loan_id'
      ? sql`AND NOT EXISTS (SELECT 1 FROM reading_history r WHERE r.loan_id = d.id)`
      : sql``
  return sql`SELECT d.id FROM (${due}) d
    WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.${sql.raw(column)} = d.id) ${history}`
}

/** The statements of one round, in order; see the file's comment. */
function roundStatements(c: RecordCutoff, policy: Policy, n: number) {
  const notices = noticesDue(c, n)
  const holds = unnamed(holdsDue(c, n), 'hold_id')
  const loans = unnamed(loansDue(c, n), 'loan_id')
  const keys = AUDIT_PATRON_KEYS.map((k) => `'$.${k}'`).join(', ')
  return [
    raw<{ id: number }>(sql`UPDATE reading_history SET loan_id = NULL,
        returned_on = (SELECT ${jstDay(sql`l.returned_at`)} FROM loans l
          WHERE l.id = reading_history.loan_id)
      WHERE loan_id IN (${loansDue(c, n)})
      RETURNING id`),
    ...noticeTallyStatements(notices),
    raw<{ id: string }>(sql`DELETE FROM notices WHERE id IN (${notices}) RETURNING id`),
    expiredHoldTallyStatement(holds),
    raw<{ id: number }>(sql`DELETE FROM holds WHERE id IN (${holds}) RETURNING id`),
    raw<{ id: number }>(sql`DELETE FROM loans WHERE id IN (${loans}) RETURNING id`),
    raw<{ id: number }>(sql`UPDATE audit_log
      SET before = json_remove(before, ${sql.raw(keys)}), after = json_remove(after, ${sql.raw(keys)})
      WHERE id IN (SELECT id FROM audit_log WHERE at < ${c.before} AND ${sql.raw(AUDIT_NAMES_PATRON)}
        ORDER BY at, id LIMIT ${n})
      RETURNING id`),
    eraseAnnouncements(c, policy, n),
    forgetDecidedRequests(c, n),
  ] as const
}

/** One round: one batch. Returns what it erased and whether a kind filled its chunk. */
async function eraseRound(db: Db, c: RecordCutoff, policy: Policy, n: number) {
  const [history, , , notices, , holds, loans, audit, announcements, requests] = await db.batch(
    roundStatements(c, policy, n),
  )
  const erased: Erased = {
    history: history.length,
    notices: notices.length,
    holds: holds.length,
    loans: loans.length,
    audit: audit.length,
    announcements: announcements.length,
    requests: requests.length,
  }
  return { erased, more: Object.values(erased).some((k) => k >= n) }
}

/**
 * Erase what is past the cutoff at `now` (the app's clock), in rounds of `chunk` rows of each
 * kind. Safe to run at any time and again; returns counts only (never a patron).
 */
export async function eraseReadingRecords(
  db: Db,
  now: Instant,
  policy: Policy,
  chunk = ERASE_CHUNK,
): Promise<Erased> {
  const cutoff = readingRecordCutoff(now, policy)
  const total: Erased = {
    history: 0,
    notices: 0,
    holds: 0,
    loans: 0,
    audit: 0,
    announcements: 0,
    requests: 0,
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { erased, more } = await eraseRound(db, cutoff, policy, chunk)
    for (const k of Object.keys(total) as (keyof Erased)[]) total[k] += erased[k]
    if (!more) break
  }
  return total
}
