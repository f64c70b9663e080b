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

/** Lapsed groups due by `at` (state, due_at index): their keys, up to `limit`. */
export function lapsedGroups(db: Db, at: number, now: number, limit: number) {
  return db.all<{ key: string }>(sql`SELECT DISTINCT claimed_by AS key FROM notices
    WHERE state = 'sending' AND due_at <= ${at} AND claimed_until < ${now}
      AND claimed_by IS NOT NULL
    LIMIT ${limit}`)
}

/**
 * Claim the due pending notices of up to `limit` patrons, oldest due first, in one statement:
 * each patron's rows under its own group key, `prefix` (the first four fields of a fresh
 * UUIDv7) followed by the patron id in hex. The unary `+` keeps SQLite on the patron index
 * for the rows themselves.
 */
export function claimPendingStatement(prefix: string, at: number, until: number, limit: number) {
  return raw<{ id: string; key: string }>(sql`UPDATE notices
    SET state = 'sending', claimed_by = ${prefix} || printf('%012x', patron_id),
      claimed_until = ${until}
    WHERE +state = 'pending' AND +due_at <= ${at} AND patron_id IN (
      SELECT patron_id FROM notices WHERE state = 'pending' AND due_at <= ${at}
      GROUP BY patron_id ORDER BY min(due_at), patron_id LIMIT ${limit})
    RETURNING id, claimed_by AS key`)
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
 * The statements that record how groups ended with the same outcome: each row by (id, group
 * key), so a row is only finished while still claimed under its own group, in pairs (the
 * holds' mirror, then the notices). `sent` wins over `failed`: a push LINE accepted (200, or
 * 409 to a repeat) was delivered, whatever another dispatcher concluded meanwhile.
 */
export function finishStatements(
  groups: readonly { key: string; ids: readonly string[] }[],
  f: Finish,
  now: number,
) {
  const from = f.state === 'sent' ? sql`state IN ('sending', 'failed')` : sql`state = 'sending'`
  const rows = groups.flatMap((g) => g.ids.map((id) => ({ id, key: g.key })))
  // `id IN (…)` keeps SQLite on the primary key; the row values alone would walk the state index.
  return chunk(rows, IN_CHUNK / 3).flatMap((part) => {
    const ids = inList(part.map((r) => r.id))
    const pairs = sql.join(
      part.map((r) => sql`(${r.id}, ${r.key})`),
      sql`, `,
    )
    const mine = sql`id IN (${ids}) AND (id, claimed_by) IN (VALUES ${pairs}) AND ${from}`
    return [
      raw<{ id: number }>(sql`UPDATE holds SET notice_state = ${f.state}
        WHERE id IN (SELECT hold_id FROM notices WHERE ${mine} AND notices.kind = 'hold_ready')
        RETURNING id`),
      raw<{ id: string; key: string }>(sql`UPDATE notices SET state = ${f.state},
          sent_at = ${f.state === 'sent' ? now : null}, last_error = ${f.reason ?? null},
          attempts = attempts + ${f.tries}, claimed_until = NULL
        WHERE ${mine}
        RETURNING id, claimed_by AS key`),
    ]
  })
}

/** Notices changed per group key, from the results of `finishStatements`. */
export function finishedByKey(results: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>()
  results.forEach((rows, i) => {
    if (i % 2 === 0) return
    for (const r of rows as { key: string }[]) counts.set(r.key, (counts.get(r.key) ?? 0) + 1)
  })
  return counts
}

/** Record how a group ended, in a batch of its own. */
export async function finishGroup(
  db: Db,
  key: string,
  ids: readonly string[],
  f: Finish,
  now: number,
): Promise<number> {
  const [first, ...rest] = finishStatements([{ key, ids }], f, now)
  if (!first) return 0
  return finishedByKey(await db.batch([first, ...rest])).get(key) ?? 0
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
