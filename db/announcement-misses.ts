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
 * none is, an end needs a mark from an earlier slot, and a listing clears the mark or, if an
 * overlapping run of the same slot ended it meanwhile, reopens it.
 *
 * Which keys go this way: an episode's, and a keep-until date's (staff may move that date, and
 * an answer may leave the hold out once); a ready instant is simply reopened when listed again
 * (db/notice-poll.ts). Ended as soon as it is missed, such a key would be a new readiness the
 * next time it is listed, and pushed again.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'
import { KEY_END } from './notice-episodes.ts'
import { jsonList } from './notice-lists.ts'

/** Open keys the poll of slot `at` did not list: end those missed before, mark the rest. */
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

/**
 * Keys the poll of slot `at` listed again: no longer missed. One that an overlapping run of the
 * same slot has just ended on its second miss (`ended_at` within this slot's run, the mark
 * still on it) is reopened, unless another key of its hold is open or newer: so the order in
 * which two overlapping runs write never decides whether the patron is told twice.
 */
export async function relistAnnouncements(
  db: Db,
  keys: readonly string[],
  at: number,
): Promise<void> {
  if (!keys.length) return
  const list = jsonList(keys)
  const pairs = JSON.stringify(keys.map((k) => [k, keyPrefix(k)]))
  await db.batch([
    raw(sql`UPDATE notice_announcements SET missed_at = NULL
      WHERE ended_at IS NULL AND missed_at IS NOT NULL AND key IN (${list})
      RETURNING key`),
    raw(sql`UPDATE notice_announcements SET ended_at = NULL, missed_at = NULL
      WHERE ended_at >= ${at} AND missed_at IS NOT NULL AND key IN (${list})
        AND NOT EXISTS (SELECT 1 FROM json_each(${pairs}) j, notice_announcements o
          WHERE json_extract(j.value, '$[0]') = notice_announcements.key
            AND o.key > json_extract(j.value, '$[1]')
            AND o.key < json_extract(j.value, '$[1]') || ${KEY_END}
            AND o.key <> notice_announcements.key
            AND (o.ended_at IS NULL OR o.created_at > notice_announcements.created_at))
      RETURNING key`),
  ])
}

/** `poll:hold_ready:<patron>:<hold>:`, the part every key of one hold shares. */
const keyPrefix = (key: string) => key.slice(0, key.lastIndexOf(':') + 1)
