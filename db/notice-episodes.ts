/**
 * The keys of polled ready holds (front mode), and the numbering of a readiness the library
 * system gives no date for (SIP2): the same hold is then an episode, `<prefix>n<number>`
 * (bot/notices/poll-episodes.ts), and a new one is numbered one past the highest the hold has
 * kept. A poll reads that number (readyEpisode) a while before its batch writes it, and in
 * between another poll may write or end an episode and retention may erase the hold's episodes
 * (db/retention-announcements.ts), after which numbering starts again at 0. So the number is a
 * compare-and-set inside the INSERT (episodeGuard): the key is written only if, at write time,
 * its number is one past the highest kept, the episode before it is the very row the poll read
 * (same `created_at`), and no other key of the hold is open. How the interleavings end:
 *
 * - two overlapping polls find the hold ready: reading the same state they work out the same
 *   key, and the outbox writes it once (the second conflicts on the key); one that reads
 *   after the other's write finds that episode open and reuses its key;
 * - retention erases the hold's episodes between a poll's read and its write: the poll's
 *   number is no longer the next (nothing is kept), or, once fresh polls have numbered up to it
 *   again, the episode before it is a new row, with the `created_at` (a poll's start) of a poll
 *   that read after the erasing: later than the old row's, which the erasing needs ended a day
 *   before (a poll takes minutes). Refused, the readiness is told by that fresh poll or by the
 *   next one that finds it ready: a slot late at most, never twice;
 * - the hold is collected and ready again: the poll that found it collected ended its episode,
 *   and the next poll numbers past it. A stale poll still holding the ended key writes nothing
 *   (the key exists) and does not reopen it: an undated key cannot tell the same readiness
 *   from the next one;
 * - another key of the hold is open (a dated one, or an episode an older write left): refused,
 *   so a hold never has two open episodes.
 *
 * With no date, a hold a system leaves out of one answer and lists again would be a new
 * readiness to any numbering: so an episode is ended only once two slots' polls in a row leave
 * it out (db/announcement-misses.ts), and one listed again in between stays the same episode.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'

/** Where a ready hold's keys start: `poll:hold_ready:<patron>:<hold>:` (bot/notices/poll.ts). */
export const readyKeyPrefix = (patronId: number, holdId: number) =>
  `poll:hold_ready:${patronId}:${holdId}:`

/** What an episode key's last part starts with, before its number. */
const EPISODE = 'n'
/** Above every character a key's last part holds, so `[prefix, prefix + '~')` is its range. */
export const KEY_END = '~'

/** The key of a hold's readiness number `n`, when the system gives no date (SIP2). */
export const episodeKey = (prefix: string, n: number) => `${prefix}${EPISODE}${n}`

/** An episode key's readyKeyPrefix and number, or null for any other key. */
function parseEpisode(key: string): { prefix: string; n: number } | null {
  const m = /^(poll:hold_ready:\d+:\d+:)n(\d+)$/.exec(key)
  return m ? { prefix: m[1]!, n: Number(m[2]) } : null
}

/**
 * Whether a ready key ends only once the polls of two slots in a row leave it out
 * (db/announcement-misses.ts): an episode, or a keep-until date (staff may move it); not a
 * ready instant, which a later answer listing it again simply reopens (db/notice-poll.ts).
 */
export const endsByMisses = (key: string): boolean =>
  /^poll:hold_ready:\d+:\d+:(n\d+|\d{4}-\d{2}-\d{2})$/.test(key)

/** An episode key's readyKeyPrefix, or null for any other key. */
export const episodePrefix = (key: string): string | null => parseEpisode(key)?.prefix ?? null

/** The number of each of the hold's episodes, read from its key (the range is the hold's). */
function episodeNumbers(prefix: string) {
  const numbered = prefix + EPISODE
  return {
    number: sql`CAST(substr(key, ${numbered.length + 1}) AS INTEGER)`,
    range: sql`key > ${numbered} AND key < ${numbered + KEY_END}`,
  }
}

/**
 * Where a hold's announcements stand, read fresh (not from the start of the poll): its open
 * announcement's key, if any; the number a new episode takes, one past the highest kept (not
 * a count: an older write may have left a gap); and `after`, when the episode before it was
 * announced (null for 0), which the write compares (episodeGuard).
 */
export async function readyEpisode(
  db: Db,
  prefix: string,
): Promise<{ open: string | null; next: number; after: number | null }> {
  const { number, range } = episodeNumbers(prefix)
  const [row] = await db.all<{ open: string | null; last: number | null; after: number | null }>(
    sql`SELECT
      (SELECT key FROM notice_announcements
        WHERE key >= ${prefix} AND key < ${prefix + KEY_END} AND ended_at IS NULL LIMIT 1) AS open,
      top.n AS last, top.created_at AS after
    FROM (SELECT 1) LEFT JOIN (SELECT ${number} AS n, created_at FROM notice_announcements
      WHERE ${range} ORDER BY n DESC LIMIT 1) top ON 1`,
  )
  const last = row?.last ?? null
  return {
    open: row?.open ?? null,
    next: last === null ? 0 : last + 1,
    after: last === null ? null : (row?.after ?? null),
  }
}

/**
 * The conditions a polled notice's statements are written under (empty unless its key is an
 * episode's): the compare-and-set of the file's comment. `after` is readyEpisode's, read with
 * the number; an episode key without it is one the poll found open, never written anew.
 */
export function episodeGuard(key: string, after: number | null | undefined): SQL {
  const episode = parseEpisode(key)
  if (episode === null) return sql``
  const { prefix, n } = episode
  if (after === undefined || (n === 0) !== (after === null)) return sql`AND 0`
  const { number, range } = episodeNumbers(prefix)
  const before =
    n === 0
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM notice_announcements
          WHERE key = ${episodeKey(prefix, n - 1)} AND created_at = ${after})`
  return sql`AND coalesce((SELECT max(${number}) FROM notice_announcements WHERE ${range}), -1)
      = ${n - 1} ${before}
    AND NOT EXISTS (SELECT 1 FROM notice_announcements
      WHERE key >= ${prefix} AND key < ${prefix + KEY_END} AND key <> ${key} AND ended_at IS NULL)`
}
