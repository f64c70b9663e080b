/**
 * What bunko announced for a library system it polls (front mode, issue 14): one row per
 * notice key, written in the same batch as the notice, with what the push says. The ILS's
 * holds and loans are not in bunko's tables, so a polled notice has no hold or loan row to
 * read its title and place from; it reads them here. The key is the memory: a hold or a
 * reminder announced once is not queued again while its announcement is kept, even after the
 * outbox row is gone.
 *
 * A system that gives no ready date (SIP2) makes the same hold's key the same every time, so a
 * title made ready again later (the patron reserved it once more) would never be announced:
 * `ended_at` marks an announced ready hold the poll later found no longer ready, and the next
 * time it is ready it is a new episode with a new key (bot/notices/poll-episodes.ts). A dated
 * key that a later answer lists again is the same readiness: it is reopened (db/notice-poll.ts).
 * An undated one is ended only when two slots' polls in a row leave it out (`missed_at`), so a
 * system that leaves a ready hold out of one answer does not make it a new readiness.
 *
 * Retention deletes an announcement once it can no longer stop a notice being queued twice
 * and readingRecordDays have passed (db/retention-announcements.ts), reading old ones through
 * `created_at`'s index.
 */
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { NoticeKind } from './circulation.ts'
import { patrons } from './patrons.ts'

export const noticeAnnouncements = sqliteTable(
  'notice_announcements',
  {
    /** The notice's key (notices.key). */
    key: text('key').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    kind: text('kind').$type<NoticeKind>().notNull(),
    title: text('title').notNull(),
    author: text('author'),
    /** hold_ready: where to collect, until when; whether a locker copy is already lent to them. */
    placeName: text('place_name'),
    placeNameEn: text('place_name_en'),
    placePhone: text('place_phone'),
    placeKind: text('place_kind'),
    collectBy: text('collect_by'),
    lockerLent: integer('locker_lent'),
    /** overdue: the due date, and the library to phone when the system names it. */
    dueDate: text('due_date'),
    libName: text('lib_name'),
    libNameEn: text('lib_name_en'),
    libPhone: text('lib_phone'),
    createdAt: integer('created_at').notNull(),
    /** hold_ready: when a poll found the hold no longer ready (null while it is ready). */
    endedAt: integer('ended_at'),
    /**
     * An undated readiness (an episode key) that a poll did not list: the slot it was first
     * missed at. It is ended only if the poll of a later slot does not list it either, and
     * this is cleared when one does (db/announcement-misses.ts).
     */
    missedAt: integer('missed_at'),
    /**
     * hold_ready: when a poll last found it still listed ready, written at most once a day.
     * Retention counts an open announcement as ended once neither this nor created_at is
     * recent (db/retention-announcements.ts), so a hold a system lists for months is never
     * erased while it is listed, and so never told again.
     */
    seenAt: integer('seen_at'),
  },
  // The open ready-hold announcements, read at the start of each poll: few, however long the
  // table grows.
  (t) => [
    index('notice_announcements_open_idx')
      .on(t.patronId)
      .where(sql`ended_at IS NULL AND kind = 'hold_ready'`),
    index('notice_announcements_created_idx').on(t.createdAt),
  ],
)
