/** Purchase suggestions (購入リクエスト) patrons send after scanning a book the library lacks. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { patrons } from './patrons.ts'

/**
 * One suggestion per patron and ISBN (a second send is answered "already received"). Title
 * and author are what the patron typed (prefilled from the scan where known); the counter
 * lists them newest first.
 */
export const purchaseRequests = sqliteTable(
  'purchase_requests',
  {
    id: integer('id').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    /** 13 digits, 978/979, check digit verified by core's parseIsbn13. */
    isbn: text('isbn').notNull(),
    title: text('title').notNull(),
    author: text('author').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('purchase_requests_patron_isbn_uq').on(t.patronId, t.isbn),
    index('purchase_requests_created_idx').on(t.createdAt),
  ],
)
