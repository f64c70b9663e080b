/**
 * The notice outbox's own statements (NOTICE-ONCE). A patron's due notices are claimed
 * together under one group key, written onto the rows before anything is sent, with a lease
 * (`claimed_until`). Only rows that are `pending`, or `sending` with a lapsed lease, can be
 * claimed; every write is one guarded statement or one batch, so two dispatchers (or a
 * dispatcher and its own restart) never own a row at once. A lapsed group is re-claimed
 * under the same key, so its push is repeated with the same X-Line-Retry-Key and LINE answers
 * 409 if it already has it.
 *
 * The hold's `notice_state` mirrors its ready notice, for the LIFF holds list.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Db, raw } from '../../db/client.ts'
import type { NoticeState } from '../../db/schema.ts'

/** D1 binds at most 100 parameters per statement. */
const IN_CHUNK = 90

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

/** Why a due notice is not pushed at all, or NULL when it should be. */
const UNSENDABLE = sql`CASE
  WHEN notices.kind = 'hold_ready' AND NOT EXISTS (SELECT 1 FROM holds h
    WHERE h.id = notices.hold_id AND h.state = 'ready') THEN 'obsolete'
  WHEN notices.kind = 'overdue' AND NOT EXISTS (SELECT 1 FROM loans l
    WHERE l.id = notices.loan_id AND l.returned_at IS NULL) THEN 'obsolete'
  WHEN NOT EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = notices.patron_id)
    THEN 'not_linked'
  WHEN NOT EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = notices.patron_id
    AND k.followed = 1) THEN 'unfollowed'
  WHEN EXISTS (SELECT 1 FROM notice_preferences np WHERE np.patron_id = notices.patron_id
    AND (np.channel <> 'line' OR (notices.kind = 'hold_ready' AND np.hold_ready = 0)
      OR (notices.kind = 'overdue' AND np.overdue = 0))) THEN 'opted_out'
  ELSE NULL END`

/**
 * Settle the due notices that are not to be pushed: a patron who is not linked, who blocked
 * the account (unfollow) or who turned the notice off is `undeliverable` (the hold shows it);
 * a notice whose hold is no longer ready or whose loan is returned is `undeliverable` with
 * reason `obsolete` (nothing left to tell).
 */
export async function settleUnsendable(
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

/** A patron with due pending notices, or a lapsed group to finish (its key). */
export interface Candidate {
  patronId: number
  staleKey: string | null
}

/**
 * Up to `limit` candidates, oldest due first. Two index-friendly halves (state, due_at): the
 * table keeps every sent notice, so neither may scan it.
 */
export async function dueCandidates(
  db: Db,
  at: number,
  now: number,
  limit: number,
): Promise<Candidate[]> {
  return db.all<Candidate>(sql`SELECT patronId, staleKey FROM (
      SELECT patron_id AS patronId, NULL AS staleKey, min(due_at) AS dueAt FROM notices
      WHERE state = 'pending' AND due_at <= ${at} GROUP BY patron_id
      UNION ALL
      SELECT patron_id, claimed_by, min(due_at) FROM notices
      WHERE state = 'sending' AND due_at <= ${at} AND claimed_until < ${now}
      GROUP BY patron_id, claimed_by)
    ORDER BY dueAt, patronId
    LIMIT ${limit}`)
}

/**
 * Claim a patron's due pending notices under `key`, leased until `until`. The unary `+` keeps
 * SQLite on the patron index: left to itself it walks every pending row through the
 * (state, due_at) index, once per patron.
 */
export function claimPendingStatement(patronId: number, key: string, at: number, until: number) {
  return raw<{ id: string }>(sql`UPDATE notices SET state = 'sending', claimed_by = ${key},
      claimed_until = ${until}
    WHERE patron_id = ${patronId} AND +state = 'pending' AND +due_at <= ${at}
    RETURNING id`)
}

/** Take over a lapsed group, keeping its key (and so its retry key). */
export function reclaimStatement(key: string, now: number, until: number) {
  return raw<{ id: string }>(sql`UPDATE notices SET claimed_until = ${until}
    WHERE claimed_by = ${key} AND state = 'sending' AND claimed_until < ${now}
    RETURNING id`)
}

export interface Finish {
  state: Extract<NoticeState, 'sent' | 'failed' | 'undeliverable'>
  reason?: string | null
  /** Push attempts made for the group in this run. */
  tries: number
}

/**
 * The statements that record how a group ended: its rows (by id, and still claimed under
 * `key`), in pairs (the holds' mirror, then the notices). `sent` wins over `failed`: a push
 * LINE accepted (200, or 409 to a repeat) was delivered, whatever another dispatcher
 * concluded meanwhile.
 */
export function finishStatements(key: string, ids: readonly string[], f: Finish, now: number) {
  const from = f.state === 'sent' ? sql`state IN ('sending', 'failed')` : sql`state = 'sending'`
  return chunk(ids, IN_CHUNK).flatMap((part) => {
    const mine = sql`id IN (${inList(part)}) AND claimed_by = ${key} AND ${from}`
    return [
      raw<{ id: number }>(sql`UPDATE holds SET notice_state = ${f.state}
        WHERE id IN (SELECT hold_id FROM notices WHERE ${mine} AND notices.kind = 'hold_ready')
        RETURNING id`),
      raw<{ id: string }>(sql`UPDATE notices SET state = ${f.state},
          sent_at = ${f.state === 'sent' ? now : null}, last_error = ${f.reason ?? null},
          attempts = attempts + ${f.tries}, claimed_until = NULL
        WHERE ${mine}
        RETURNING id`),
    ]
  })
}

/** Notices changed, from the results of `finishStatements` (every second statement). */
export function finishedCount(results: readonly unknown[]): number {
  return results.reduce<number>(
    (n, rows, i) => n + (i % 2 === 1 ? (rows as unknown[]).length : 0),
    0,
  )
}

/** Record how a group ended, in a batch of its own. */
export async function finishGroup(
  db: Db,
  key: string,
  ids: readonly string[],
  f: Finish,
  now: number,
): Promise<number> {
  const [first, ...rest] = finishStatements(key, ids, f, now)
  if (!first) return 0
  return finishedCount(await db.batch([first, ...rest]))
}

/** Put a group LINE never accepted back to `pending` (monthly quota): it goes next slot. */
export async function releaseGroup(
  db: Db,
  key: string,
  ids: readonly string[],
  tries: number,
): Promise<number> {
  const statements = chunk(ids, IN_CHUNK).map((part) =>
    raw<{ id: string }>(sql`UPDATE notices SET state = 'pending', claimed_by = NULL,
        claimed_until = NULL, attempts = attempts + ${tries}
      WHERE id IN (${inList(part)}) AND claimed_by = ${key} AND state = 'sending'
      RETURNING id`),
  )
  const [first, ...rest] = statements
  if (!first) return 0
  const results = await db.batch([first, ...rest])
  return results.reduce((n, rows) => n + (rows as unknown[]).length, 0)
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

/** Run `query` once per chunk of `values` (an IN list) and concatenate the rows. */
export async function allIn<T>(
  db: Db,
  values: readonly (string | number)[],
  query: (list: SQL) => SQL,
): Promise<T[]> {
  const out: T[] = []
  for (const part of chunk(values, IN_CHUNK)) out.push(...(await db.all<T>(query(inList(part)))))
  return out
}
