/**
 * The notice outbox as the dispatcher uses it (NOTICE-ONCE, NOTICE-OVERDUE): claiming groups
 * with a lease (notice-claims.ts), finishing them (notice-finish.ts), queueing overdue
 * reminders (notice-overdue.ts), and here the reads a claimed group is built from and the
 * dispatcher's slot bookkeeping. The policy of sending — when, how fast, how often to retry,
 * what the push says — is the bot's (bot/notices/).
 */
import { eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { jsonList } from './notice-lists.ts'
import { kv, type NoticeKind, type SlotKind } from './schema.ts'

export {
  type ClaimedGroup,
  claimNoticeGroups,
  hasDuePending,
  hasLapsedClaims,
  lapseDeadLeases,
  lapsedNoticeGroups,
  type NoticeGroup,
  sendingNoticeIds,
  settleUnsendableNotices,
} from './notice-claims.ts'
export {
  type Finish,
  finishNoticeGroup,
  finishNoticeGroups,
  type Outcome,
  releaseNoticeGroup,
  retryNoticeGroupAt,
} from './notice-finish.ts'
export { queueOverdueNotices } from './notice-overdue.ts'
export {
  type DueSoonLoan,
  dueSoonLoans,
  queueDueSoonNotices,
  queueExpiryNotices,
} from './notice-reminders.ts'

/** One claimed notice with what its message says. */
export interface ClaimedItem {
  /** The group key it is claimed under. */
  key: string
  id: string
  kind: NoticeKind
  slotKind: SlotKind
  patronId: number
  title: string | null
  author: string | null
  collectBy: string | null
  /** HOLD-BOOKMOBILE: the station visit the copy is loaded for. */
  visitStartsAt: number | null
  visitEndsAt: number | null
  placeName: string | null
  placeNameEn: string | null
  placePhone: string | null
  placeKind: string | null
  /** A ready hold's loan: at a locker, null means it was kept back (ACC-BLOCK-OVERDUE). */
  holdLoanId: number | null
  dueDate: string | null
  libName: string | null
  libNameEn: string | null
  libPhone: string | null
  /** NOTICE-DUE-SOON: the due date reminded of; NOTICE-EXPIRY: the registration's last day. */
  aboutDate: string | null
}

/**
 * The notices `ids` that are still being sent, with their title and where to collect or whom
 * to phone, by group key and in reading order (a set's volumes in order). A notice polled
 * from the library system (front mode) says what its announcement recorded.
 */
export function claimedNoticeItems(db: Db, ids: readonly string[]): Promise<ClaimedItem[]> {
  if (!ids.length) return Promise.resolve([])
  return db.all<ClaimedItem>(
    sql`SELECT n.claimed_by AS key, n.id, n.kind, n.slot_kind AS slotKind,
        n.patron_id AS patronId, coalesce(t.title, a.title) AS title,
        coalesce(t.author, a.author) AS author, coalesce(h.pickup_by, a.collect_by) AS collectBy,
        h.visit_starts_at AS visitStartsAt, h.visit_ends_at AS visitEndsAt,
        coalesce(p.name, a.place_name) AS placeName,
        coalesce(p.name_en, a.place_name_en) AS placeNameEn,
        coalesce(p.phone, a.place_phone) AS placePhone, coalesce(p.kind, a.place_kind) AS placeKind,
        coalesce(h.loan_id, a.locker_lent) AS holdLoanId,
        coalesce(l.due_date, a.due_date) AS dueDate, coalesce(lp.name, a.lib_name) AS libName,
        coalesce(lp.name_en, a.lib_name_en) AS libNameEn,
        coalesce(lp.phone, a.lib_phone) AS libPhone,
        n.about_date AS aboutDate
      FROM notices n
      LEFT JOIN notice_announcements a ON a.key = n.key
      LEFT JOIN holds h ON n.kind = 'hold_ready' AND h.id = n.hold_id
      LEFT JOIN places p ON p.id = h.pickup_place_id
      LEFT JOIN loans l ON n.kind = 'overdue' AND l.id = n.loan_id
      LEFT JOIN copies c ON c.id = l.copy_id
      LEFT JOIN titles t ON t.id = coalesce(h.title_id, c.title_id)
      LEFT JOIN places lp ON lp.id = l.library_id
      WHERE n.id IN (${jsonList(ids)}) AND +n.state = 'sending'
      ORDER BY n.claimed_by, h.set_group, h.volume, n.due_at, n.id`,
  )
}

export interface NoticeRecipient {
  patronId: number
  lineUserId: string
  language: string
  /** The patron's name, said when the LINE account links several cards (ACC-FAMILY). */
  name: string
  /** How many cards the LINE user links (ACC-FAMILY). */
  cards: number
}

/** The LINE users of `patronIds` (those who have linked). */
export function noticeRecipients(db: Db, patronIds: readonly number[]): Promise<NoticeRecipient[]> {
  if (!patronIds.length) return Promise.resolve([])
  return db.all<NoticeRecipient>(
    sql`SELECT k.patron_id AS patronId, k.line_user_id AS lineUserId, k.language,
        p.name, (SELECT count(*) FROM line_links f WHERE f.line_user_id = k.line_user_id) AS cards
      FROM line_links k JOIN patrons p ON p.id = k.patron_id
      WHERE k.patron_id IN (${jsonList(patronIds)})`,
  )
}

/** A slot instant the dispatcher recorded under `key` (kv), or null. */
export async function noticeSlotMark(db: Db, key: string): Promise<number | null> {
  const [row] = await db.orm.select({ value: kv.value }).from(kv).where(eq(kv.key, key))
  const n = Number(row?.value)
  return row && Number.isSafeInteger(n) ? n : null
}

/** Record slot `value` under `key`, only ever moving it forward (a late writer cannot undo). */
export async function advanceNoticeSlotMark(
  db: Db,
  key: string,
  value: number,
  now: number,
): Promise<void> {
  await db.batch([
    db.orm
      .insert(kv)
      .values({ key, value: String(value), updatedAt: now })
      .onConflictDoUpdate({
        target: kv.key,
        set: { value: String(value), updatedAt: now },
        setWhere: sql`CAST(${kv.value} AS INTEGER) < ${value}`,
      })
      .returning({ key: kv.key }),
  ])
}
