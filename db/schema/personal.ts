/** What a patron keeps for themselves: notice preferences, favourites, My本棚, the hold cart. Private data. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { bool, titles } from './catalogue.ts'
import { loans } from './circulation.ts'
import { patrons } from './patrons.ts'

/** Which notices a patron wants, and on which channel. No row = the defaults (all on, LINE). */
export const noticePreferences = sqliteTable('notice_preferences', {
  patronId: integer('patron_id')
    .primaryKey()
    .references(() => patrons.id),
  holdReady: bool('hold_ready').notNull().default(true),
  overdue: bool('overdue').notNull().default(true),
  /** `line` or `email` (e-mail comes in a later issue). */
  channel: text('channel').$type<'line' | 'email'>().notNull().default('line'),
  updatedAt: integer('updated_at').notNull(),
  /** NOTICE-DUE-SOON: days before a due date to remind (1, 2 or 3); null = off (opt-in). */
  dueSoonDays: integer('due_soon_days'),
  /** NOTICE-EXPIRY: told before the registration lapses. */
  expiry: bool('expiry').notNull().default(true),
})

export const favourites = sqliteTable(
  'favourites',
  {
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.patronId, t.titleId] }),
    index('favourites_patron_idx').on(t.patronId, t.createdAt),
  ],
)

/** My本棚 reading history: written at check-out only while the patron has opted in. */
export const readingHistory = sqliteTable(
  'reading_history',
  {
    id: integer('id').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    /** The loan while bunko keeps it; cleared when the loan is erased (db/retention.ts). */
    loanId: integer('loan_id')
      .unique()
      .references(() => loans.id),
    borrowedOn: text('borrowed_on').notNull(),
    /** The Japan date the loan came back, carried over from the loan before it is erased. */
    returnedOn: text('returned_on'),
  },
  (t) => [index('reading_history_patron_idx').on(t.patronId, t.borrowedOn)],
)

/** My本棚 want-to-read list. */
export const wantToRead = sqliteTable(
  'want_to_read',
  {
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.patronId, t.titleId] }),
    index('want_to_read_patron_idx').on(t.patronId, t.createdAt),
  ],
)

/**
 * The hold cart (予約カート): titles chosen but not yet reserved. On the server, so it survives
 * LINE's in-app browser losing its storage and follows the patron to another phone.
 */
export const holdCart = sqliteTable(
  'hold_cart',
  {
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.patronId, t.titleId] }),
    index('hold_cart_patron_idx').on(t.patronId, t.createdAt),
  ],
)
