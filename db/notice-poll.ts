/**
 * The outbox side of polling a library system for notices (front mode, issue 14): who to ask
 * about, and queueing what the poll found. A polled notice is written in one batch with its
 * announcement (schema/announcements.ts): the announcement is bunko's memory of what it told
 * the patron, so a notice is queued only when no announcement has its key, and announcements
 * are erased only once no poll can work their key out again (db/retention-announcements.ts).
 * A slot that crashes halfway and runs again, or two slots that overlap, queue each notice
 * once; a ready hold with no date is numbered by db/notice-episodes.ts.
 */
import { sql } from 'drizzle-orm'
import { DAY_MS, type DueSoonLeadDays, isDueSoonLeadDays } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { episodeGuard, episodePrefix } from './notice-episodes.ts'
import { chunk, jsonList, rowCount } from './notice-lists.ts'
import type { NoticeKind, SlotKind } from './schema.ts'

/** A linked patron to ask the library system about, and which notices they want. */
export interface PollTarget {
  patronId: number
  holdReady: boolean
  overdue: boolean
  /** NOTICE-DUE-SOON: days before a due date (opt-in), or null. */
  dueSoonDays: DueSoonLeadDays | null
  /** NOTICE-EXPIRY: told before the registration lapses (on unless turned off). */
  expiry: boolean
}

/**
 * Linked patrons who can be pushed (following, LINE as the channel) and want at least one
 * kind of notice. As in embedded mode, overdue reminders are never queued for anyone else;
 * a polled ready hold is not either, since asking the library system costs it a request.
 */
export function pollTargets(db: Db): Promise<PollTarget[]> {
  return db
    .all<{
      patronId: number
      holdReady: number
      overdue: number
      dueSoonDays: number | null
      expiry: number
    }>(sql`SELECT
        k.patron_id AS patronId, coalesce(np.hold_ready, 1) AS holdReady,
        coalesce(np.overdue, 1) AS overdue, np.due_soon_days AS dueSoonDays,
        coalesce(np.expiry, 1) AS expiry
      FROM line_links k
      LEFT JOIN notice_preferences np ON np.patron_id = k.patron_id
      WHERE k.followed = 1 AND coalesce(np.channel, 'line') = 'line'
        AND (coalesce(np.hold_ready, 1) = 1 OR coalesce(np.overdue, 1) = 1
          OR np.due_soon_days IS NOT NULL OR coalesce(np.expiry, 1) = 1)
      ORDER BY k.patron_id`)
    .then((rows) =>
      rows.map((r) => ({
        patronId: r.patronId,
        holdReady: Boolean(r.holdReady),
        overdue: Boolean(r.overdue),
        dueSoonDays: isDueSoonLeadDays(r.dueSoonDays) ? r.dueSoonDays : null,
        expiry: Boolean(r.expiry),
      })),
    )
}

/** One notice a poll found, with what its push says. */
export interface PolledNotice {
  /** Unique per thing announced: the same ready hold or reminder always has the same key. */
  key: string
  patronId: number
  kind: NoticeKind
  slotKind: SlotKind
  /** The slot it goes out at (NOTICE-SLOTS). */
  dueAt: number
  title: string
  author: string | null
  placeName?: string | null
  placeNameEn?: string | null
  placePhone?: string | null
  placeKind?: string | null
  collectBy?: string | null
  lockerLent?: boolean | null
  dueDate?: string | null
  libName?: string | null
  libNameEn?: string | null
  libPhone?: string | null
  /** NOTICE-DUE-SOON: the due date reminded of; NOTICE-EXPIRY: the registration's last day. */
  aboutDate?: string | null
  /** NOTICE-DUE-SOON: the loans the reminder lists, each announced under dueSoonItemKey. */
  items?: readonly PolledLoan[]
  /**
   * A new readiness of a hold with no ready date (an episode key): when the episode its
   * number follows was announced, as readyEpisode read it (null for episode 0). Written only
   * while that still holds (db/notice-episodes.ts); an episode key without it never is.
   */
  episodeAfter?: number | null
}

/** A loan a polled due-soon reminder lists (the ILS's loans are not in bunko's tables). */
export interface PolledLoan {
  loanId: number
  title: string
  author: string | null
  dueDate: string
}

/**
 * The announcement key of one loan a polled due-soon reminder lists: the notice's key, `|loan:`
 * and the loan id, so a reminder's loans are the key range `[prefix, prefix + '~')`.
 */
export const dueSoonItemKey = (noticeKey: string, loanId: number | string) =>
  `${noticeKey}|loan:${loanId}`

/** Notices per batch: a few statements each (and one per listed loan), each under 100 parameters. */
const PER_BATCH = 25

/**
 * Queue the notices whose key no announcement has, written at `now`, and reopen the dated
 * ready holds a poll had found ended and now lists again; returns how many were queued.
 */
export async function queuePolledNotices(
  db: Db,
  found: readonly PolledNotice[],
  now: number,
): Promise<number> {
  let queued = 0
  for (const part of chunk(found, PER_BATCH)) {
    const groups = part.map((n) => polledStatements(n, now))
    const [first, ...rest] = groups.flat()
    if (!first) continue
    const results = await db.batch([first, ...rest])
    // Each notice leads its group of statements.
    let at = 0
    for (const group of groups) {
      queued += rowCount([results[at]!])
      at += group.length
    }
  }
  return queued
}

/** One found notice's statements, the notice first: its announcement, its loans', a reopening. */
function polledStatements(n: PolledNotice, now: number) {
  return [
    insertNotice(n, now),
    insertAnnouncement(n, now),
    ...(n.items ?? []).map((l) => insertAnnouncement(itemAnnouncement(n, l), now)),
    ...(n.kind === 'hold_ready' && episodePrefix(n.key) === null ? [reopen(n.key)] : []),
  ]
}

/** A listed loan's own announcement row (kind due_soon), under dueSoonItemKey. */
function itemAnnouncement(n: PolledNotice, l: PolledLoan): PolledNotice {
  return {
    key: dueSoonItemKey(n.key, l.loanId),
    patronId: n.patronId,
    kind: n.kind,
    slotKind: n.slotKind,
    dueAt: n.dueAt,
    title: l.title,
    author: l.author,
    dueDate: l.dueDate,
  }
}

/**
 * The notice, only if no announcement has its key and, for a new episode, its number is still
 * the next (episodeGuard). Its announcement follows in the batch under the same guard.
 */
function insertNotice(n: PolledNotice, now: number) {
  return raw<{ id: string }>(sql`INSERT INTO notices (id, key, patron_id, kind, slot_kind,
      due_at, state, attempts, created_at, about_date)
    SELECT ${crypto.randomUUID()}, ${n.key}, ${n.patronId}, ${n.kind}, ${n.slotKind},
      ${n.dueAt}, 'pending', 0, ${now}, ${n.aboutDate ?? null}
    WHERE NOT EXISTS (SELECT 1 FROM notice_announcements WHERE key = ${n.key})
      ${episodeGuard(n.key, n.episodeAfter)}
    ON CONFLICT (key) DO NOTHING
    RETURNING id`)
}

/** The announcement, with what the push says; an existing key is left as it is. */
function insertAnnouncement(n: PolledNotice, now: number) {
  const lent = n.lockerLent === undefined || n.lockerLent === null ? null : Number(n.lockerLent)
  return raw<{ key: string }>(sql`INSERT INTO notice_announcements (key, patron_id, kind, title,
      author, place_name, place_name_en, place_phone, place_kind, collect_by, locker_lent,
      due_date, lib_name, lib_name_en, lib_phone, created_at)
    SELECT ${n.key}, ${n.patronId}, ${n.kind}, ${n.title}, ${n.author}, ${n.placeName ?? null},
      ${n.placeNameEn ?? null}, ${n.placePhone ?? null}, ${n.placeKind ?? null},
      ${n.collectBy ?? null}, ${lent}, ${n.dueDate ?? null}, ${n.libName ?? null},
      ${n.libNameEn ?? null}, ${n.libPhone ?? null}, ${now}
    WHERE 1 ${episodeGuard(n.key, n.episodeAfter)}
    ON CONFLICT (key) DO NOTHING
    RETURNING key`)
}

/**
 * A dated ready hold the poll lists again is open again, though an earlier answer left it out
 * (a system that drops a hold from one answer, or refuses to list the patron once): its key
 * names the readiness, so the same key listed is the same readiness, still on the shelf. Left
 * ended, retention would erase it while the hold waits and the next poll would push it again.
 * A stale poll that lists a hold collected meanwhile only keeps it open until the next slot
 * ends it again. An episode key (no date) is never reopened: it cannot tell the same readiness
 * from the next one, which must be told (readyEpisode).
 */
function reopen(key: string) {
  return raw<{ key: string }>(sql`UPDATE notice_announcements SET ended_at = NULL
    WHERE key = ${key} AND ended_at IS NOT NULL RETURNING key`)
}

/**
 * Each linked patron's ready-hold announcements that no poll has yet found ended: what to
 * compare the next answer with. Read through the partial index of open ones, so the cost is
 * the holds ready now, not every hold ever announced.
 */
export async function openReadyAnnouncements(db: Db): Promise<Map<number, string[]>> {
  const rows = await db.all<{ key: string; patronId: number }>(sql`SELECT key,
      patron_id AS patronId FROM notice_announcements
    WHERE ended_at IS NULL AND kind = 'hold_ready'`)
  const open = new Map<number, string[]>()
  for (const r of rows) open.set(r.patronId, [...(open.get(r.patronId) ?? []), r.key])
  return open
}

/**
 * Open ready-hold announcements the poll found still listed: seen now, at most once a day, so
 * retention never takes a hold the system still lists for one no poll looks at any more
 * (db/retention-announcements.ts) and the next poll tells it again.
 */
export async function seeAnnouncements(db: Db, keys: readonly string[], now: number) {
  if (!keys.length) return
  await db.batch([
    raw(sql`UPDATE notice_announcements SET seen_at = ${now}
      WHERE ended_at IS NULL AND key IN (${jsonList(keys)})
        AND coalesce(seen_at, created_at) < ${now - DAY_MS} RETURNING key`),
  ])
}

/**
 * Mark ready-hold announcements the poll found no longer ready (already-ended ones keep their
 * time). A dated one listed again later is reopened (reopen).
 */
export async function endAnnouncements(db: Db, keys: readonly string[], now: number) {
  if (!keys.length) return
  await db.batch([
    raw(sql`UPDATE notice_announcements SET ended_at = ${now}
      WHERE ended_at IS NULL AND key IN (${jsonList(keys)}) RETURNING key`),
  ])
}
