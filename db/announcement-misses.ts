/**
 * A ready hold the library system leaves out of one answer (front mode). A dated key listed
 * again is simply reopened (db/notice-poll.ts), but an undated one (an episode key, SIP2) once
 * ended would be a new readiness when listed again, and told twice. So a poll that does not
 * list an open episode only marks it missed, at its slot; the poll of a later slot that does
 * not list it either ends it, and one that lists it clears the mark.
 *
 * What this chooses, where the spec is silent: a hold collected and made ready again for the
 * same patron within one slot of being missed continues the open episode and is not told
 * again (returning, reserving again and having a copy set aside between two slots is far
 * rarer than a system leaving an item out of one list).
 *
 * Each change is one conditional statement, written in one batch, so overlapping polls (or a
 * slot run again) never end what another has just found listed: a mark is set only where
 * none is, an end needs a mark from an earlier slot, and a clear needs the row still open.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'
import { jsonList } from './notice-lists.ts'

/** Open episodes the poll of slot `at` did not list: end those missed before, mark the rest. */
export async function missAnnouncements(
  db: Db,
  keys: readonly string[],
  at: number,
  now: number,
): Promise<void> {
  if (!keys.length) return
  const list = jsonList(keys)
  await db.batch([
    raw(sql`UPDATE notice_announcements SET ended_at = ${now}
      WHERE ended_at IS NULL AND missed_at < ${at} AND key IN (${list}) RETURNING key`),
    raw(sql`UPDATE notice_announcements SET missed_at = ${at}
      WHERE ended_at IS NULL AND missed_at IS NULL AND key IN (${list}) RETURNING key`),
  ])
}

/** Open episodes the poll listed again: no longer missed. */
export async function relistAnnouncements(db: Db, keys: readonly string[]): Promise<void> {
  if (!keys.length) return
  await db.batch([
    raw(sql`UPDATE notice_announcements SET missed_at = NULL
      WHERE ended_at IS NULL AND missed_at IS NOT NULL AND key IN (${jsonList(keys)})
      RETURNING key`),
  ])
}
