/** Purchase suggestions (購入リクエスト) patrons send after scanning a book the library lacks. */
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { patrons } from './patrons.ts'

/** What staff decided (the counter's 購入リクエスト page): bought, lent from another library, not. */
export type PurchaseDecision = 'bought' | 'borrowed' | 'declined'

/**
 * One suggestion per patron and ISBN (a second send is answered "already received"). Title
 * and author are what the patron typed (prefilled from the scan where known); the counter
 * lists them, the open ones first. Once decided and readingRecordDays have passed, the row
 * lets go of its patron and their note (db/purchase-requests.ts, run by db/retention.ts): the
 * library keeps what was asked for and what it decided, not who asked; NULLs are distinct in
 * the unique index, so the same patron may ask again.
 */
export const purchaseRequests = sqliteTable(
  'purchase_requests',
  {
    id: integer('id').primaryKey(),
    /** Null once the request was decided readingRecordDays ago. */
    patronId: integer('patron_id').references(() => patrons.id),
    /** 13 digits, 978/979, check digit verified by core's parseIsbn13. */
    isbn: text('isbn').notNull(),
    title: text('title').notNull(),
    author: text('author').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    /** Null while open. */
    decision: text('decision').$type<PurchaseDecision>(),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('purchase_requests_patron_isbn_uq').on(t.patronId, t.isbn),
    index('purchase_requests_created_idx').on(t.createdAt),
    // Decided requests that still name their patron, read by retention at every slot.
    index('purchase_requests_decided_idx')
      .on(t.decidedAt)
      .where(sql`patron_id IS NOT NULL AND decided_at IS NOT NULL`),
  ],
)
