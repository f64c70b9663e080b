import { sql } from 'drizzle-orm'
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import type { MaterialType, PickupKind } from '../../core/types.ts'

export const bool = (name: string) => integer(name, { mode: 'boolean' })

/** Libraries and every other place a hold can be collected (HOLD-PICKUP). */
export const places = sqliteTable(
  'places',
  {
    id: integer('id').primaryKey(),
    /** Short stable code for config and URLs, e.g. `central`. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').$type<PickupKind>().notNull(),
    /** The library that runs a branch room, bookmobile station or locker; null for a library. */
    parentId: integer('parent_id').references((): AnySQLiteColumn => places.id),
    phone: text('phone').notNull(),
    address: text('address'),
    /** Opening hours as JSON, e.g. `{"mon":["09:30","19:00"],…}`; shown, never computed on. */
    openingHours: text('opening_hours'),
    /** LOAN-DUE-OPEN: weekdays closed, JSON array of 0 (Sun) … 6 (Sat). */
    closedWeekdays: text('closed_weekdays').notNull().default('[]'),
    /** Whether patrons can choose it as a pickup place now. */
    active: bool('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('places_parent_idx').on(t.parentId)],
)

/** Dates a place is closed besides its weekdays (整理休館日, 臨時休館). */
export const closedDates = sqliteTable(
  'closed_dates',
  {
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    date: text('date').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.date] })],
)

/** Bibliographic records. The `audiobook` material type is 録音図書 (HOLD-AUDIOBOOK). */
export const titles = sqliteTable(
  'titles',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    /** Reading of the title in katakana (ヨミ). */
    yomi: text('yomi').notNull().default(''),
    author: text('author').notNull().default(''),
    authorYomi: text('author_yomi').notNull().default(''),
    publisher: text('publisher').notNull().default(''),
    year: integer('year'),
    /** ISBN-13 digits only, or null for items without one (AV, kamishibai, old books). */
    isbn: text('isbn'),
    materialType: text('material_type').$type<MaterialType>().notNull(),
    /** HOLD-SET: titles sharing a set id are volumes of one set (S mark); null otherwise. */
    setId: integer('set_id'),
    volume: integer('volume'),
    /** HOLD-NONCIRC: 禁帯出. */
    notForLoan: bool('not_for_loan').notNull().default(false),
    createdAt: integer('created_at').notNull(),
    /** The record's id in the library's own system (MARC 001); imports upsert by it. */
    sourceId: text('source_id'),
    series: text('series').notNull().default(''),
    /** What the volumes of one set share (title + author), from which `setId` is derived on import. */
    setKey: text('set_key'),
    /** Gone from the library's full export (or deleted in a delta): hidden from search, kept for loans. */
    withdrawnAt: integer('withdrawn_at'),
    /** The import run that last saw the record; a full run withdraws the ones it did not see. */
    seenRun: integer('seen_run'),
  },
  (t) => [
    index('titles_set_idx').on(t.setId, t.volume),
    index('titles_isbn_idx').on(t.isbn),
    uniqueIndex('titles_source_idx').on(t.sourceId),
    index('titles_set_key_idx').on(t.setKey),
  ],
)

export type CopyStatus = 'on_shelf' | 'on_loan' | 'on_hold_shelf' | 'in_transit' | 'missing'

export const copies = sqliteTable(
  'copies',
  {
    id: integer('id').primaryKey(),
    barcode: text('barcode').notNull().unique(),
    titleId: integer('title_id')
      .notNull()
      .references(() => titles.id),
    homeLibraryId: integer('home_library_id')
      .notNull()
      .references(() => places.id),
    /** 請求記号, shown to find it on the shelf. */
    callNumber: text('call_number').notNull().default(''),
    status: text('status').$type<CopyStatus>().notNull().default('on_shelf'),
    /** Where the copy is now: its hold shelf's pickup place, or home (while in transit: where
     * it is going); null while on loan. */
    currentPlaceId: integer('current_place_id').references(() => places.id),
    /** 禁帯出 for this copy alone (the library's export says so per copy; kept for export). */
    notForLoan: bool('not_for_loan').notNull().default(false),
    /** Gone from the library's full export: kept (loans may still hold it), marked withdrawn. */
    withdrawnAt: integer('withdrawn_at'),
    seenRun: integer('seen_run'),
    /** HOLD-TRANSIT: the place the copy travels to (回送先) until received there; null otherwise. */
    transitToId: integer('transit_to_id').references(() => places.id),
    /** HOLD-TRANSIT: where it was sent from, and when (the 回送 overdue list counts from then). */
    transitFromId: integer('transit_from_id').references(() => places.id),
    transitSince: integer('transit_since'),
  },
  (t) => [
    index('copies_title_idx').on(t.titleId, t.status),
    index('copies_home_idx').on(t.homeLibraryId),
    index('copies_transit_idx')
      .on(t.transitToId, t.transitSince)
      .where(sql`transit_to_id IS NOT NULL`),
    index('copies_transit_from_idx')
      .on(t.transitFromId, t.transitToId)
      .where(sql`transit_to_id IS NOT NULL`),
  ],
)
