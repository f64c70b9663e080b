/**
 * Recording how a claimed group of notices ended (NOTICE-ONCE). Every write is guarded by the
 * row's own group key, so only the group that holds a notice can finish it, and the hold's
 * `notice_state` mirrors its ready notice in the same batch, for the LIFF holds list.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'
import type { NoticeGroup } from './notice-claims.ts'
import { chunk, IN_CHUNK, inList, rowCount } from './notice-lists.ts'
import type { NoticeState } from './schema.ts'

export interface Finish {
  state: Extract<NoticeState, 'sent' | 'failed' | 'undeliverable'>
  /** Why it failed or could not be delivered; shown to staff, never patron data. */
  reason?: string | null
  /** Push attempts made for the group in this run. */
  tries: number
}

/** Groups that ended the same way, recorded at `now`. */
export interface Outcome {
  groups: readonly Readonly<NoticeGroup>[]
  f: Finish
  now: number
}

/**
 * The two statements recording one outcome: each row by (id, group key), so a row is only
 * finished while it is still held by its own group — the holds' mirror, then the notices.
 * The pairs travel as one JSON object bound once (`json_each`), so an outcome of any size is
 * one statement pair of one SQL text, prepared once, within D1's 100 bound parameters (issue
 * 21: the IN lists of 30 rows were a statement pair per 30 rows, each of its own length).
 * `sent` wins over `failed`: a push LINE accepted (200, or 409 to a repeat) was delivered,
 * whatever another dispatcher concluded meanwhile, and a group put back for a later slot
 * under the same key is delivered too.
 */
function finishStatements(o: Outcome) {
  const { f, now } = o
  // The unary `+` keeps the state index out: it would walk every unsent notice of the slot.
  const from =
    f.state === 'sent'
      ? sql`+n.state IN ('sending', 'failed', 'pending')`
      : sql`+n.state = 'sending'`
  const pairs = o.groups.flatMap((g) => g.ids.map((id) => [id, g.key]))
  // SQLite walks the [id, key] pairs and finds each notice by its primary key.
  const mine = sql`SELECT n.id FROM json_each(${JSON.stringify(pairs)}) j
    JOIN notices n ON n.id = json_extract(j.value, '$[0]')
    WHERE n.claimed_by = json_extract(j.value, '$[1]') AND ${from}`
  return [
    raw<{ id: number }>(sql`UPDATE holds SET notice_state = ${f.state}
      WHERE id IN (SELECT n.hold_id FROM notices n WHERE n.id IN (${mine})
        AND n.kind = 'hold_ready')
      RETURNING id`),
    raw<{ id: string; key: string }>(sql`UPDATE notices SET state = ${f.state},
        sent_at = ${f.state === 'sent' ? now : null}, last_error = ${f.reason ?? null},
        attempts = attempts + ${f.tries}, claimed_until = NULL
      WHERE id IN (${mine})
      RETURNING id, claimed_by AS key`),
  ]
}

/**
 * Record several outcomes in one batch (one statement pair per outcome), so a
 * dispatcher at LINE's full rate does not commit once per push. Returns the notices changed
 * per group key.
 */
export async function finishNoticeGroups(
  db: Db,
  outcomes: readonly Outcome[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  const [first, ...rest] = outcomes.flatMap(finishStatements)
  if (!first) return counts
  const results = await db.batch([first, ...rest])
  results.forEach((rows, i) => {
    if (i % 2 === 0) return
    for (const r of rows as { key: string }[]) counts.set(r.key, (counts.get(r.key) ?? 0) + 1)
  })
  return counts
}

/** Record how one group ended; returns the notices changed. */
export async function finishNoticeGroup(
  db: Db,
  group: Readonly<NoticeGroup>,
  f: Finish,
  now: number,
): Promise<number> {
  const counts = await finishNoticeGroups(db, [{ groups: [group], f, now }])
  return counts.get(group.key) ?? 0
}

/** Update the rows of `group` still being sent under its key, in chunks, in one batch. */
async function updateSending(db: Db, group: Readonly<NoticeGroup>, set: SQL) {
  const [first, ...rest] = chunk(group.ids, IN_CHUNK).map((part) =>
    raw<{ id: string }>(sql`UPDATE notices SET ${set}
      WHERE id IN (${inList(part)}) AND claimed_by = ${group.key} AND +state = 'sending'
      RETURNING id`),
  )
  if (!first) return 0
  return rowCount(await db.batch([first, ...rest]))
}

/**
 * Put a group LINE never accepted back to `pending` without its key (the monthly quota was
 * reached): it goes out at a later slot as a fresh push.
 */
export function releaseNoticeGroup(
  db: Db,
  group: Readonly<NoticeGroup>,
  tries: number,
): Promise<number> {
  return updateSending(
    db,
    group,
    sql`state = 'pending', claimed_by = NULL, claimed_until = NULL,
      attempts = attempts + ${tries}`,
  )
}

/**
 * Put a group whose push failed for a passing reason (5xx, 429, a lost connection) back to
 * `pending` until `dueAt`, keeping its key: LINE may have accepted one of the attempts, so the
 * retry must repeat the same X-Line-Retry-Key. The reason stays on the rows meanwhile.
 */
export function retryNoticeGroupAt(
  db: Db,
  group: Readonly<NoticeGroup>,
  retry: { dueAt: number; reason: string; tries: number },
): Promise<number> {
  return updateSending(
    db,
    group,
    sql`state = 'pending', due_at = ${retry.dueAt}, last_error = ${retry.reason},
      claimed_until = NULL, attempts = attempts + ${retry.tries}`,
  )
}
