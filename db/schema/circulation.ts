/** Loans, holds and the notice outbox. */
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { HoldState } from '../../core/types.ts'
import { bool, copies, places, titles } from './catalogue.ts'
import { patrons } from './patrons.ts'

export const loans = sqliteTable(
  'loans',
  {
    id: integer('id').primaryKey(),
    copyId: integer('copy_id')
      .notNull()
      .references(() => copies.id),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    /** Where it was lent: its calendar moves due dates off closed days (LOAN-DUE-OPEN). */
    libraryId: integer('library_id').references(() => places.id),
    loanDate: text('loan_date').notNull(),
    dueDate: text('due_date').notNull(),
    renewals: integer('renewals').notNull().default(0),
    /** RENEW-ILL. */
    interLibrary: bool('inter_library').notNull().default(false),
    /** HOLD-LOCKER: lent by placing it in a pickup locker for this hold. */
    locker: bool('locker').notNull().default(false),
    holdId: integer('hold_id'),
    loanedAt: integer('loaned_at').notNull(),
    returnedAt: integer('returned_at'),
  },
  (t) => [
    uniqueIndex('loans_open_copy_uq').on(t.copyId).where(sql`returned_at IS NULL`),
    index('loans_open_patron_idx').on(t.patronId, t.dueDate).where(sql`returned_at IS NULL`),
    index('loans_open_due_idx').on(t.dueDate).where(sql`returned_at IS NULL`),
    index('loans_patron_idx').on(t.patronId, t.loanedAt),
    // Reading records are private: the returned loans still kept, oldest first (db/retention.ts).
    index('loans_returned_idx').on(t.returnedAt).where(sql`returned_at IS NOT NULL`),
  ],
)

export type NoticeState = 'pending' | 'sending' | 'sent' | 'failed' | 'undeliverable'

export const holds = sqliteTable(
  'holds',
  {
    id: integer('id').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    /** The copy set aside once the hold is in transit or ready. */
    copyId: integer('copy_id').references(() => copies.id),
    pickupPlaceId: integer('pickup_place_id')
      .notNull()
      .references(() => places.id),
    placedAt: integer('placed_at').notNull(),
    state: text('state').$type<HoldState>().notNull().default('waiting'),
    readyAt: integer('ready_at'),
    /** HOLD-EXPIRE / HOLD-LOCKER: the last day to collect. */
    pickupBy: text('pickup_by'),
    /** HOLD-BOOKMOBILE: the station visit the copy is loaded for (named in the notice). */
    visitStartsAt: integer('visit_starts_at'),
    visitEndsAt: integer('visit_ends_at'),
    /** HOLD-SET: holds placed together on volumes of one set share a group, filled in volume order. */
    setGroup: integer('set_group'),
    volume: integer('volume'),
    /** HOLD-CANCEL (b): requested from another library system. */
    interLibrary: bool('inter_library').notNull().default(false),
    /** The ready notice's delivery state, copied for display (NOTICE-ONCE failures show here). */
    noticeState: text('notice_state').$type<NoticeState>(),
    /** The loan made from this hold (collection, or the locker loan). */
    loanId: integer('loan_id'),
    endedAt: integer('ended_at'),
    /**
     * HOLD-SUSPEND: suspended through this Japan day (inclusive), `YYYY-MM-DD`; a day already
     * past means active again (nothing clears it). Only a waiting hold is ever suspended.
     */
    suspendedUntil: text('suspended_until'),
  },
  (t) => [
    uniqueIndex('holds_active_patron_title_uq')
      .on(t.patronId, t.titleId)
      .where(sql`state IN ('waiting','in_transit','ready')`),
    uniqueIndex('holds_assigned_copy_uq').on(t.copyId).where(sql`state IN ('in_transit','ready')`),
    index('holds_queue_idx').on(t.titleId, t.state, t.placedAt),
    index('holds_patron_idx').on(t.patronId, t.state),
    index('holds_ready_idx').on(t.state, t.pickupBy),
    index('holds_pickup_idx').on(t.pickupPlaceId, t.state),
    index('holds_set_idx').on(t.setGroup),
    // Statistics: holds that ended (expired uncollected) per week and pickup place.
    index('holds_ended_idx').on(t.state, t.endedAt, t.pickupPlaceId),
  ],
)

export type NoticeKind = 'hold_ready' | 'overdue' | 'due_soon' | 'expiry'
export type SlotKind = 'standard' | 'locker'

/**
 * The notice outbox (NOTICE-ONCE). `id` is a UUID sent as LINE's X-Line-Retry-Key on every
 * attempt; `key` makes queueing idempotent (`hold_ready:<hold id>`, `overdue:<loan id>:<reminder number>`,
 * `due_soon:<patron id>:<day sent>`, `expiry:<patron id>:<expires on>`).
 */
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull().unique(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    kind: text('kind').$type<NoticeKind>().notNull(),
    holdId: integer('hold_id').references(() => holds.id),
    loanId: integer('loan_id').references(() => loans.id),
    slotKind: text('slot_kind').$type<SlotKind>().notNull().default('standard'),
    /** The slot instant it goes out at (NOTICE-SLOTS). */
    dueAt: integer('due_at').notNull(),
    state: text('state').$type<NoticeState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Lease: a dispatcher owns a `sending` row until this instant. */
    claimedUntil: integer('claimed_until'),
    claimedBy: text('claimed_by'),
    /** Which dispatcher holds the lease, `<name>/<incarnation>`: a restart reclaims its own. */
    claimedOwner: text('claimed_owner'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull(),
    /** NOTICE-DUE-SOON: the due date it reminds of; NOTICE-EXPIRY: the registration's last day. */
    aboutDate: text('about_date'),
  },
  (t) => [
    index('notices_due_idx').on(t.state, t.dueAt),
    index('notices_patron_idx').on(t.patronId, t.createdAt),
    index('notices_hold_idx').on(t.holdId),
    index('notices_loan_idx').on(t.loanId),
    // Statistics: notices per slot, kind and outcome in a period, read from the index alone.
    index('notices_stats_idx').on(
      t.dueAt,
      t.kind,
      t.slotKind,
      t.state,
      t.attempts,
      t.sentAt,
      t.createdAt,
    ),
    // The dispatcher's claim walks due patrons in (due_at, patron_id) order and stops at its
    // chunk, instead of grouping every due notice for each chunk (issue 21).
    index('notices_claim_idx').on(t.state, t.dueAt, t.patronId),
  ],
)
