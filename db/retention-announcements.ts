/**
 * Front mode's announcements (schema/announcements.ts) after readingRecordDays. Each names a
 * patron and what bunko told them, and the poll queues a notice only when no announcement has
 * its key (db/notice-poll.ts): deleted too early, it would push the same notice again, and a
 * duplicate push is worse than a row kept a few days longer. So an announcement goes once it
 * can no longer be worked out again, by kind (bot/notices/poll.ts makes the keys):
 *
 * - hold_ready: while the ILS lists the hold ready, each slot's poll leaves an announcement of
 *   it open: its key comes round at every slot, a dated key an answer left out is reopened by
 *   the next answer that lists it (db/notice-poll.ts), and an undated hold listed again opens
 *   its next episode. So it stays however long the hold waits on the shelf. A hold's
 *   announcements (its readiness episodes, readyKeyPrefix) go together once every one of them
 *   ended before the cutoff, no poll having written the hold ready since: a later readiness is
 *   then a new one, and for SIP2 (no ready date) its number starts again at 0, while a poll
 *   that read the old numbers before they went writes none (db/notice-episodes.ts). An
 *   announcement still open STALE_READY_DAYS after it was made and last seen listed (seen_at,
 *   db/notice-poll.ts) counts as ended: it is one no poll looks at any more (a patron who
 *   turned hold-ready notices off, or whom the system no longer lists, bot/notices/poll-ask.ts),
 *   and it would otherwise keep its title for ever. No hold waits that long (a week on a shelf,
 *   two visits of a bookmobile), but a system may go on listing one by mistake: while it does,
 *   its announcement stays, so it is not told again;
 * - overdue: a reminder's key names its number, which the poll works out only until the next
 *   reminder is due (overdueReminderDays later, NOTICE-OVERDUE): created that much before the
 *   cutoff;
 * - due_soon (and each loan it lists): its key names the Japan day of its slot, long past;
 * - expiry: its key ends in the expiry date, announced only until that date (NOTICE-EXPIRY).
 *
 * A patron who is no longer linked (unlinked in LINE or in the app) is polled no more: all
 * their announcements go once created before the cutoff, open or not, as nothing else would
 * end them. Linked again, they are told of a hold still waiting once more, which is news to
 * the new link, not a duplicate.
 *
 * None goes while a notice with its key (for a listed loan, its reminder's) is in the outbox:
 * the push reads what it says here. The cutoff is a day back at least, also with
 * readingRecordDays 0, so a slot caught up after midnight, or a system that leaves a ready
 * hold out of its answers for less than a day and then lists it again, still finds its
 * announcement.
 */
import { type SQL, sql } from 'drizzle-orm'
import { addDays, DAY_MS, jstInstant, type Policy, type RecordCutoff } from '../core/index.ts'
import { raw } from './client.ts'
import { KEY_END } from './notice-episodes.ts'
import { dueSoonItemKey } from './notice-poll.ts'

const LOAN_PART = dueSoonItemKey('', '')

/** An open ready announcement this old is one no poll ends: it is kept no longer. */
export const STALE_READY_DAYS = 60

/** The notice an announcement `a` was written with: a listed loan's is its reminder's. */
const NOTICE_KEY = sql`CASE WHEN instr(a.key, ${LOAN_PART}) > 0
  THEN substr(a.key, 1, instr(a.key, ${LOAN_PART}) - 1) ELSE a.key END`

/** `poll:hold_ready:<patron>:`, then `a`'s key up to the colon after the hold id. */
const HEAD = sql`length('poll:hold_ready:' || a.patron_id || ':')`
const HOLD_PREFIX = sql`substr(a.key, 1, ${HEAD} + instr(substr(a.key, ${HEAD} + 1), ':'))`

/** The cutoff, at least a day back (see the file's comment). */
function announcedBefore(c: RecordCutoff, policy: Policy) {
  const day = addDays(c.today, -Math.max(policy.readingRecordDays, 1))
  return { before: jstInstant(day), day }
}

/**
 * Announcements that can go, oldest first, each as the key range to delete with it: a ready
 * hold's whole range (so no episode of it is left behind by the LIMIT), else its own key.
 */
function announcementsDue(c: RecordCutoff, policy: Policy, n: number): SQL {
  const { before, day } = announcedBefore(c, policy)
  const cadence = policy.overdueReminderDays * DAY_MS
  return sql`SELECT
      CASE WHEN a.kind = 'hold_ready' THEN ${HOLD_PREFIX} ELSE a.key END AS lo,
      CASE WHEN a.kind = 'hold_ready' THEN ${HOLD_PREFIX} || ${KEY_END} ELSE a.key END AS hi
    FROM notice_announcements a
    WHERE a.created_at < ${before}
      AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = ${NOTICE_KEY})
      AND (NOT EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = a.patron_id) OR CASE a.kind
        WHEN 'hold_ready' THEN NOT EXISTS (SELECT 1 FROM notice_announcements b
          WHERE b.key >= ${HOLD_PREFIX} AND b.key < ${HOLD_PREFIX} || ${KEY_END}
            AND ((b.ended_at IS NULL
              AND coalesce(b.seen_at, b.created_at) >= ${before - STALE_READY_DAYS * DAY_MS})
              OR b.ended_at >= ${before}
              OR EXISTS (SELECT 1 FROM notices n WHERE n.key = b.key)))
        WHEN 'overdue' THEN a.created_at < ${before - cadence}
        WHEN 'due_soon' THEN 1
        WHEN 'expiry' THEN substr(a.key, -10) < ${day}
        ELSE 0 END)
    ORDER BY a.created_at LIMIT ${n}`
}

/** The round's statement: delete what announcementsDue found, whole ranges. */
export function eraseAnnouncements(c: RecordCutoff, policy: Policy, n: number) {
  return raw<{ key: string }>(sql`DELETE FROM notice_announcements
    WHERE key IN (SELECT b.key FROM (${announcementsDue(c, policy, n)}) d
      JOIN notice_announcements b ON b.key BETWEEN d.lo AND d.hi)
    RETURNING key`)
}
