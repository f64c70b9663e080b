/**
 * The month's push quota. Pushes count against a paid monthly target; LINE refuses pushes
 * past it. Before a slot the dispatcher reads what is used and what is allowed, warns in the
 * log well before the limit, and sends only what fits: the rest stays pending for a later slot.
 */

import type { messagingApi } from '@line/bot-sdk'
import type { Log } from '../log.ts'
import { errorName } from '../log.ts'

export interface QuotaReading {
  /** The month's target, or null when LINE sets none. */
  limit: number | null
  used: number
  /** Messages that may still be pushed this month (Infinity without a target). */
  remaining: number
}

/** Share of the quota at which the log warns, lowest first. */
export const QUOTA_WARNINGS = [0.8, 0.95] as const

/** Read the quota and this month's consumption; null (and a log line) when LINE cannot say. */
export async function readQuota(
  client: messagingApi.MessagingApiClient,
  log: Log,
): Promise<QuotaReading | null> {
  try {
    const [quota, consumption] = await Promise.all([
      client.getMessageQuota(),
      client.getMessageQuotaConsumption(),
    ])
    const used = consumption.totalUsage
    const limit = quota.type === 'limited' && typeof quota.value === 'number' ? quota.value : null
    return { limit, used, remaining: limit === null ? Number.POSITIVE_INFINITY : limit - used }
  } catch (err) {
    log.warn('notices.quota_unreadable', { error: errorName(err) })
    return null
  }
}

/** Warn at 80% and again (as an error) at 95% of the month's quota. */
export function warnQuota(log: Log, q: QuotaReading, due = 0): void {
  if (q.limit === null || q.limit <= 0) return
  const share = q.used / q.limit
  const fields = {
    used: q.used,
    quota: q.limit,
    percent: Math.round(share * 1000) / 10,
    dueMessages: due,
  }
  if (share >= QUOTA_WARNINGS[1]) log.error('notices.quota_95', fields)
  else if (share >= QUOTA_WARNINGS[0]) log.warn('notices.quota_80', fields)
}
