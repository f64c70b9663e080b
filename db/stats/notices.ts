/**
 * The notice outbox in a period (issue 20): per slot (the Japan time it was due at, NOTICE-SLOTS)
 * and kind, how many were sent, failed, undeliverable (the patron blocked the account) or
 * still waiting, and how many needed more than one attempt; and the median time from a hold
 * becoming ready to its notice being delivered. `notices_stats_idx` covers the first.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import type { NoticeKind, SlotKind } from '../schema.ts'
import { jstClock, type Range } from './sql.ts'

export interface NoticeSlotRow {
  /** `HH:MM` Japan time. */
  slot: string
  slotKind: SlotKind
  kind: NoticeKind
  sent: number
  failed: number
  undeliverable: number
  /** Pending or being sent. */
  waiting: number
  /** Needed more than one attempt, whatever the outcome. */
  retried: number
}

export async function noticeSlots(db: Db, r: Range): Promise<NoticeSlotRow[]> {
  return db.all<NoticeSlotRow>(sql`SELECT ${jstClock(sql`due_at`)} AS slot, slot_kind AS slotKind,
      kind,
      sum(state = 'sent') AS sent,
      sum(state = 'failed') AS failed,
      sum(state = 'undeliverable') AS undeliverable,
      sum(state IN ('pending', 'sending')) AS waiting,
      sum(attempts > 1) AS retried
    FROM notices
    WHERE due_at >= ${r.from} AND due_at < ${r.to}
    GROUP BY slot, slot_kind, kind
    ORDER BY slot, slot_kind, kind`)
}

/**
 * Median milliseconds from hold-ready to the ready notice's delivery, over notices due in the
 * period; null when none was delivered. Two reads (a count, then the middle one or two rows in
 * order), so no more than two values ever leave the database.
 */
export async function medianReadyToDelivered(db: Db, r: Range): Promise<number | null> {
  const delivered = sql`FROM notices n JOIN holds h ON h.id = n.hold_id
    WHERE n.due_at >= ${r.from} AND n.due_at < ${r.to} AND n.kind = 'hold_ready'
      AND n.state = 'sent' AND n.sent_at IS NOT NULL AND h.ready_at IS NOT NULL`
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n ${delivered}`)
  const n = count?.n ?? 0
  if (n === 0) return null
  const middle = await db.all<{ ms: number }>(sql`SELECT n.sent_at - h.ready_at AS ms ${delivered}
    ORDER BY ms LIMIT ${n % 2 === 0 ? 2 : 1} OFFSET ${Math.floor((n - 1) / 2)}`)
  const values = middle.map((m) => m.ms)
  return values.reduce((a, b) => a + b, 0) / values.length
}
