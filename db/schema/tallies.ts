/**
 * What the staff statistics (issue 20) count, kept as counts once the rows they were counted
 * from are erased (db/retention.ts: reading records are private). One row per Japan day and
 * group; db/stats/ adds them to what the rows still kept say.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { places } from './catalogue.ts'
import type { NoticeKind, SlotKind } from './circulation.ts'

/** Finished notices per day and slot (the Japan time they were due at), as db/stats/notices.ts groups them. */
export const noticeTallies = sqliteTable(
  'notice_tallies',
  {
    /** `YYYY-MM-DD`, the Japan day the notice was due. */
    day: text('day').notNull(),
    /** The Japan minute of the day it was due (0–1439): its slot. */
    minute: integer('minute').notNull(),
    slotKind: text('slot_kind').$type<SlotKind>().notNull(),
    kind: text('kind').$type<NoticeKind>().notNull(),
    sent: integer('sent').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    undeliverable: integer('undeliverable').notNull().default(0),
    /** Needed more than one attempt. */
    retried: integer('retried').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.minute, t.slotKind, t.kind] })],
)

/** Hold-ready notices delivered, per day due and whole minutes from ready to delivered. */
export const readyDeliveryTallies = sqliteTable(
  'ready_delivery_tallies',
  {
    day: text('day').notNull(),
    minutes: integer('minutes').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.minutes] })],
)

/** Holds that expired uncollected, per Japan day they ended and pickup place. */
export const expiredHoldTallies = sqliteTable(
  'expired_hold_tallies',
  {
    day: text('day').notNull(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.placeId] })],
)
