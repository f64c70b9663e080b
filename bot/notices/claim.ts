/**
 * Claiming a chunk of due groups (NOTICE-ONCE): lapsed groups under their own keys (so their
 * pushes repeat the retry key LINE may already have), then patrons' pending notices under new
 * group keys, or under the key they kept when a failed push was put back for this slot. A
 * group whose key is older than LINE's memory of keys is failed instead (`outcome_unknown`):
 * pushing it again could reach the patron twice.
 */

import type { Db } from '../../db/client.ts'
import {
  type ClaimedGroup,
  claimNoticeGroups,
  finishNoticeGroup,
  lapsedNoticeGroups,
  type NoticeGroup,
  sendingNoticeIds,
} from '../../db/notices.ts'
import type { Log } from '../log.ts'
import { groupKey, groupKeyTime, RETRY_KEY_SAFE_MS } from './keys.ts'

export type Claimed = ClaimedGroup

export interface ClaimResult {
  claimed: Claimed[]
  /** Notices failed as `outcome_unknown`. */
  failed: number
}

/** Whether a key LINE may already have can still be pushed again at `now`. */
const keyIsSafe = (key: string, now: number) => {
  const made = groupKeyTime(key)
  return made === null || now - made <= RETRY_KEY_SAFE_MS
}

export async function claimGroups(
  db: Db,
  log: Log,
  at: number,
  now: number,
  leaseMs: number,
  limit: number,
  owner: string | null = null,
): Promise<ClaimResult> {
  let failed = 0
  const failUnknown = async (group: NoticeGroup) => {
    const n = await finishNoticeGroup(
      db,
      group,
      { state: 'failed', reason: 'outcome_unknown', tries: 0 },
      now,
    )
    failed += n
    log.warn('notices.outcome_unknown', { key: group.key, notices: n })
  }
  const resume: string[] = []
  for (const key of await lapsedNoticeGroups(db, { at, now, limit })) {
    if (keyIsSafe(key, now)) resume.push(key)
    else await failUnknown({ key, ids: await sendingNoticeIds(db, key) })
  }
  const claimed: Claimed[] = []
  for (const group of await claimNoticeGroups(db, {
    at,
    now,
    leaseMs,
    limit: Math.max(0, limit - resume.length),
    // A group key is a UUIDv7: keep its time and random fields, end it with the patron id.
    prefix: groupKey(now).slice(0, 24),
    resume,
    owner,
  })) {
    if (keyIsSafe(group.key, now)) claimed.push(group)
    else await failUnknown(group)
  }
  return { claimed, failed }
}
