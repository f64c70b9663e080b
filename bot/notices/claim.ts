/**
 * Claiming a chunk of due groups in one batch (NOTICE-ONCE): a patron's pending notices under
 * a new group key, a lapsed group under its own key (so its push repeats the retry key LINE
 * may already have). A lapsed group older than LINE's memory of keys is failed instead
 * (`outcome_unknown`): pushing it again could reach the patron twice.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import type { Log } from '../log.ts'
import { groupKey, groupKeyTime, RETRY_KEY_SAFE_MS } from './keys.ts'
import { type Candidate, claimPendingStatement, finishGroup, reclaimStatement } from './outbox.ts'

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
  candidates: readonly Candidate[],
  at: number,
  now: number,
  leaseMs: number,
): Promise<ClaimResult> {
  const until = now + leaseMs
  const plans: { key: string; resumed: boolean; statement: ReturnType<typeof reclaimStatement> }[] =
    []
  let failed = 0
  for (const c of candidates) {
    if (c.staleKey === null) {
      const key = groupKey(now)
      const statement = claimPendingStatement(c.patronId, key, at, until)
      plans.push({ key, resumed: false, statement })
      continue
    }
    const made = groupKeyTime(c.staleKey)
    if (made === null || now - made <= RETRY_KEY_SAFE_MS) {
      const statement = reclaimStatement(c.staleKey, now, until)
      plans.push({ key: c.staleKey, resumed: true, statement })
      continue
    }
    const ids = await db.all<{ id: string }>(sql`SELECT id FROM notices
      WHERE state = 'sending' AND claimed_by = ${c.staleKey}`)
    const outcome = { state: 'failed', reason: 'outcome_unknown', tries: 0 } as const
    const n = await finishGroup(
      db,
      c.staleKey,
      ids.map((r) => r.id),
      outcome,
      now,
    )
    failed += n
    log.warn('notices.outcome_unknown', { key: c.staleKey, notices: n })
  }
  const [first, ...rest] = plans.map((p) => p.statement)
  if (!first) return { claimed: [], failed }
  const results = await db.batch([first, ...rest])
  const claimed = plans
    .map(({ key, resumed }, i) => ({
      key,
      resumed,
      ids: (results[i] as { id: string }[]).map((r) => r.id),
    }))
    .filter((c) => c.ids.length > 0)
  return { claimed, failed }
}
