import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { PatronCategory } from '../../core/types.ts'
import { bool, places } from './catalogue.ts'

export type PatronStatus = 'active' | 'expired' | 'suspended'

export const patrons = sqliteTable('patrons', {
  id: integer('id').primaryKey(),
  /** Patron number (利用者番号), printed on the card and encoded in its barcode. */
  number: text('number').notNull().unique(),
  name: text('name').notNull(),
  nameYomi: text('name_yomi').notNull().default(''),
  /** Phone on record; ACC-RESET compares digits only. */
  phone: text('phone').notNull().default(''),
  category: text('category').$type<PatronCategory>().notNull().default('general'),
  status: text('status').$type<PatronStatus>().notNull().default('active'),
  /** ACC-EXPIRED: the registration lapses after this date; null = does not lapse. */
  expiresOn: text('expires_on'),
  /** `pbkdf2-sha256$100000$<salt b64>$<hash b64>`; null = no web password (ACC-PASSWORD). */
  passwordHash: text('password_hash'),
  email: text('email'),
  emailConfirmed: bool('email_confirmed').notNull().default(false),
  /** My本棚: reading history is kept only while this is on (reading records are private). */
  historyOptIn: bool('history_opt_in').notNull().default(false),
  homeLibraryId: integer('home_library_id').references(() => places.id),
  createdAt: integer('created_at').notNull(),
})

/**
 * LINE-LINK with ACC-FAMILY: a patron has at most one LINE user (unique), a LINE user up to
 * `FAMILY_LIMIT` patrons (db/links.ts enforces it when linking).
 */
export const lineLinks = sqliteTable(
  'line_links',
  {
    id: integer('id').primaryKey(),
    lineUserId: text('line_user_id').notNull(),
    patronId: integer('patron_id')
      .notNull()
      .unique()
      .references(() => patrons.id),
    linkedAt: integer('linked_at').notNull(),
    /** Cleared by an unfollow event: the patron blocked the account and cannot be pushed. */
    followed: bool('followed').notNull().default(true),
    unfollowedAt: integer('unfollowed_at'),
    /** `ja` or `en`, from the LIFF app or the LINE profile. */
    language: text('language').notNull().default('ja'),
  },
  // Statistics: the blocked (unfollowed) links, counted without reading the table.
  (t) => [
    index('line_links_followed_idx').on(t.followed, t.unfollowedAt),
    index('line_links_line_user_idx').on(t.lineUserId, t.linkedAt),
  ],
)
