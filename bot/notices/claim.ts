/**
 * Claiming a chunk of due groups in one batch (NOTICE-ONCE): lapsed groups under their own
 * keys (so their pushes repeat the retry key LINE may already have), then patrons' pending
 * notices under new group keys. A lapsed group older than LINE's memory of keys is failed
 * instead (`outcome_unknown`): pushing it again could reach the patron twice.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import type { Log } from '../log.ts'
import { groupKey, groupKeyTime, RETRY_KEY_SAFE_MS } from './keys.ts'
import { claimPendingStatement, finishGroup, lapsedGroups, reclaimStatement } from './outbox.ts'

export interface Claimed {
  key: string
  /** Re-claimed after a lapsed lease: it may already be with LINE. */
  resumed: boolean
  ids: string[]
}

export interface ClaimResult {
  claimed: Claimed[]
  /** Notices failed as `outcome_unknown`. */
  failed: number
}

export async function claimGroups(
  db: Db,
  log: Log,
  at: number,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<ClaimResult> {
  const until = now + leaseMs
  let failed = 0
  const resumable: string[] = []
  for (const { key } of await lapsedGroups(db, at, now, limit)) {
    const made = groupKeyTime(key)
    if (made === null || now - made <= RETRY_KEY_SAFE_MS) {
      resumable.push(key)
      continue
    }
    const ids = await db.all<{ id: string }>(sql`SELECT id FROM notices
      WHERE state = 'sending' AND claimed_by = ${key}`)
    const outcome = { state: 'failed', reason: 'outcome_unknown', tries: 0 } as const
    const n = await finishGroup(
      db,
      key,
      ids.map((r) => r.id),
      outcome,
      now,
    )
    failed += n
    log.warn('notices.outcome_unknown', { key, notices: n })
  }
  // A group key is a UUIDv7: keep its time and random fields, end it with the patron id.
  const prefix = groupKey(now).slice(0, 24)
  const results = await db.batch([
    claimPendingStatement(prefix, at, until, Math.max(0, limit - resumable.length)),
    ...resumable.map((key) => reclaimStatement(key, now, until)),
  ])
  const [pending, ...reclaimed] = results as unknown as [
    { id: string; key: string }[],
    ...{ id: string }[][],
  ]
  const claimed: Claimed[] = resumable
    .map((key, i) => ({ key, resumed: true, ids: reclaimed[i]!.map((r) => r.id) }))
    .filter((c) => c.ids.length > 0)
  const fresh = new Map<string, string[]>()
  for (const r of pending) fresh.set(r.key, [...(fresh.get(r.key) ?? []), r.id])
  for (const [key, ids] of fresh) claimed.push({ key, resumed: false, ids })
  return { claimed, failed }
}
