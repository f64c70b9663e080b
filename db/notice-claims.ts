/**
 * Claiming the notice outbox (NOTICE-ONCE). A patron's due notices are claimed together under
 * one group key, written onto the rows before anything is sent, with a lease
 * (`claimed_until`). Only rows that are `pending`, or `sending` with a lapsed lease, can be
 * claimed, and every claim is one guarded statement in one batch, so two dispatchers (or a
 * dispatcher and its own restart) never own a row at once. A lapsed group is claimed again
 * under the same key, and so is a group put back for a later slot after a failed push: its
 * push repeats the X-Line-Retry-Key LINE may already have, and LINE answers 409 if it does.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'

export interface NoticeGroup {
  /** The group key: the push's X-Line-Retry-Key. */
  key: string
  ids: string[]
}

export interface ClaimedGroup extends NoticeGroup {
  /** Claimed before under this key (a lapsed lease, or a retry): it may already be with LINE. */
  resumed: boolean
}

/**
 * A due-soon or expiry notice polled from the library system (front mode) carries its
 * content in its announcement: it was current when polled, as bunko has no loans or
 * registration dates of the system's to check it against.
 */
const NOT_POLLED = sql`NOT EXISTS (SELECT 1 FROM notice_announcements a
    WHERE a.key = notices.key)`

/**
 * Why a due notice is not pushed at all, or NULL when it should be. A notice polled from the
 * library system (front mode: no hold or loan row in bunko) was current when it was polled.
 */
const UNSENDABLE = sql`CASE
  WHEN notices.kind = 'hold_ready' AND notices.hold_id IS NOT NULL AND NOT EXISTS (SELECT 1
    FROM holds h WHERE h.id = notices.hold_id AND h.state = 'ready') THEN 'obsolete'
  WHEN notices.kind = 'overdue' AND notices.loan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM loans l
    WHERE l.id = notices.loan_id AND l.returned_at IS NULL) THEN 'obsolete'
  WHEN notices.kind = 'due_soon' AND NOT EXISTS (SELECT 1 FROM loans l
    WHERE l.patron_id = notices.patron_id AND l.returned_at IS NULL
      AND l.due_date = notices.about_date) AND ${NOT_POLLED} THEN 'obsolete'
  WHEN notices.kind = 'expiry' AND NOT EXISTS (SELECT 1 FROM patrons p
    WHERE p.id = notices.patron_id AND p.expires_on = notices.about_date)
    AND ${NOT_POLLED} THEN 'obsolete'
  WHEN NOT EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = notices.patron_id)
    THEN 'not_linked'
  WHEN NOT EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = notices.patron_id
    AND k.followed = 1) THEN 'unfollowed'
  WHEN EXISTS (SELECT 1 FROM notice_preferences np WHERE np.patron_id = notices.patron_id
    AND (np.channel <> 'line' OR (notices.kind = 'hold_ready' AND np.hold_ready = 0)
      OR (notices.kind = 'overdue' AND np.overdue = 0)
      OR (notices.kind = 'due_soon' AND np.due_soon_days IS NULL)
      OR (notices.kind = 'expiry' AND np.expiry = 0))) THEN 'opted_out'
  ELSE NULL END`

/**
 * Settle the notices due by `at` that are not to be pushed: a patron who is not linked, who
 * blocked the account (unfollow) or who turned the notice off is `undeliverable` (the hold
 * shows it); a notice whose hold is no longer ready or whose loan is returned is
 * `undeliverable` with reason `obsolete` (nothing left to tell, and the hold has moved on), and
 * so is a due-soon reminder whose every item was returned or renewed (NOTICE-DUE-SOON) and an
 * expiry notice whose registration was extended (NOTICE-EXPIRY).
 */
export async function settleUnsendableNotices(
  db: Db,
  at: number,
): Promise<{ id: string; reason: string }[]> {
  const due = sql`state = 'pending' AND due_at <= ${at}`
  const [, settled] = await db.batch([
    raw<{ id: number }>(sql`UPDATE holds SET notice_state = 'undeliverable'
      WHERE id IN (SELECT hold_id FROM notices WHERE ${due} AND kind = 'hold_ready'
        AND ${UNSENDABLE} IS NOT NULL AND ${UNSENDABLE} <> 'obsolete')
      RETURNING id`),
    raw<{ id: string; reason: string }>(sql`UPDATE notices SET state = 'undeliverable',
        last_error = ${UNSENDABLE}, claimed_by = NULL, claimed_until = NULL
      WHERE ${due} AND ${UNSENDABLE} IS NOT NULL
      RETURNING id, last_error AS reason`),
  ])
  return settled
}

/** Keys of groups due by `at` whose lease had lapsed at `now` (state, due_at index). */
export async function lapsedNoticeGroups(
  db: Db,
  input: { at: number; now: number; limit: number },
): Promise<string[]> {
  const rows = await db.all<{ key: string }>(sql`SELECT DISTINCT claimed_by AS key FROM notices
    WHERE state = 'sending' AND due_at <= ${input.at} AND claimed_until < ${input.now}
      AND claimed_by IS NOT NULL
    LIMIT ${Math.max(0, Math.floor(input.limit))}`)
  return rows.map((r) => r.key)
}

/** The notices still being sent under group `key`. */
export async function sendingNoticeIds(db: Db, key: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`SELECT id FROM notices
    WHERE state = 'sending' AND claimed_by = ${key}`)
  return rows.map((r) => r.id)
}

/**
 * Claim, in one batch, until `now + leaseMs`: the lapsed groups `resume` under their own keys,
 * then the pending notices due by `at` of up to `limit` more patrons, oldest due first. A
 * patron's fresh notices get the key `prefix` (the first four fields of a new UUIDv7, with their dashes) followed
 * by the patron id in hex; a pending group put back for a later slot keeps the key it had.
 */
export async function claimNoticeGroups(
  db: Db,
  input: {
    at: number
    now: number
    leaseMs: number
    limit: number
    prefix: string
    resume: readonly string[]
    /** The claiming dispatcher, `<name>/<incarnation>` (lapseDeadLeases); null if anonymous. */
    owner?: string | null
  },
): Promise<ClaimedGroup[]> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-$/.test(input.prefix))
    throw new Error(
      'claimNoticeGroups: the prefix must be the first four fields of a UUID and a dash',
    )
  const until = input.now + input.leaseMs
  const limit = Math.max(0, Math.floor(input.limit))
  const owner = input.owner ?? null
  const [pending, ...reclaimed] = await db.batch([
    claimPendingStatement(input.prefix, input.at, until, limit, owner),
    ...input.resume.map((key) => reclaimStatement(key, input.now, until, owner)),
  ])
  const claimed: ClaimedGroup[] = input.resume
    .map((key, i) => ({ key, resumed: true, ids: reclaimed[i]!.map((r) => r.id) }))
    .filter((c) => c.ids.length > 0)
  const byKey = new Map<string, string[]>()
  for (const r of pending) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.id])
  for (const [key, ids] of byKey) claimed.push({ key, resumed: !key.startsWith(input.prefix), ids })
  return claimed
}

/**
 * The unary `+` keeps SQLite on the patron index for the rows themselves. The patrons are the
 * first `limit` due rows in (due_at, patron_id) order, read from notices_claim_idx: a patron's
 * first row there is its oldest due notice, so this is oldest due first, and a chunk costs
 * its own rows rather than a grouping of every due notice. A patron with several due notices
 * takes several of the `limit` rows, so a chunk may hold fewer patrons than `limit`.
 */
function claimPendingStatement(
  prefix: string,
  at: number,
  until: number,
  limit: number,
  owner: string | null,
) {
  return raw<{ id: string; key: string }>(sql`UPDATE notices
    SET state = 'sending',
      claimed_by = coalesce(claimed_by, ${prefix} || printf('%012x', patron_id)),
      claimed_until = ${until}, claimed_owner = ${owner}
    WHERE +state = 'pending' AND +due_at <= ${at} AND patron_id IN (
      SELECT patron_id FROM notices WHERE state = 'pending' AND due_at <= ${at}
      ORDER BY due_at, patron_id LIMIT ${limit})
    RETURNING id, claimed_by AS key`)
}

/** Take over a lapsed group, keeping its key (and so its retry key). */
function reclaimStatement(key: string, now: number, until: number, owner: string | null) {
  return raw<{ id: string }>(sql`UPDATE notices SET claimed_until = ${until},
      claimed_owner = ${owner}
    WHERE claimed_by = ${key} AND state = 'sending' AND claimed_until < ${now}
    RETURNING id`)
}

/**
 * A dispatcher that starts again (a process restart) knows its earlier incarnations are dead:
 * their leases lapse now instead of when they expire, so the first run re-claims them under
 * their own keys. The push repeats the group's X-Line-Retry-Key, so a group LINE already
 * accepted is answered 409 and marked sent, never delivered twice. Leases of other dispatchers
 * (another name) are left to expire. Returns the notices whose lease lapsed.
 */
export async function lapseDeadLeases(
  db: Db,
  input: { name: string; incarnation: string; now: number },
): Promise<number> {
  const mine = `${input.name}/`
  const [rows] = await db.batch([
    raw<{ id: string }>(sql`UPDATE notices SET claimed_until = ${input.now - 1}
      WHERE state = 'sending' AND claimed_until >= ${input.now}
        AND substr(claimed_owner, 1, ${mine.length}) = ${mine}
        AND claimed_owner <> ${mine + input.incarnation}
      RETURNING id`),
  ])
  return rows.length
}

/** Whether any lapsed claim waits to be finished among notices due by `at`. */
export async function hasLapsedClaims(db: Db, at: number, now: number): Promise<boolean> {
  const rows = await db.all<{ one: number }>(sql`SELECT 1 AS one FROM notices
    WHERE state = 'sending' AND claimed_until < ${now} AND due_at <= ${at} LIMIT 1`)
  return rows.length > 0
}

/** Whether pending notices due by `at` are still waiting (a run stopped at its limit). */
export async function hasDuePending(db: Db, at: number): Promise<boolean> {
  const rows = await db.all<{ one: number }>(sql`SELECT 1 AS one FROM notices
    WHERE state = 'pending' AND due_at <= ${at} LIMIT 1`)
  return rows.length > 0
}
