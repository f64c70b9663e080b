/**
 * The notice outbox in a period (issue 20): per slot (the Japan time it was due at, NOTICE-SLOTS)
 * and kind, how many were sent, failed, undeliverable (the patron blocked the account) or
 * still waiting, and how many needed more than one attempt; and the median time from a hold
 * becoming ready to its notice being delivered. `notices_stats_idx` covers both; notices
 * already erased (db/retention.ts) are read from their tallies, a row per day and group.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import type { NoticeKind, SlotKind } from '../schema.ts'
import { clockOfMinute, jstMinute, type Range, rangeDays } from './sql.ts'

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

type SlotCounts = Omit<NoticeSlotRow, 'slot'> & { m: number }
const COUNTS = ['sent', 'failed', 'undeliverable', 'waiting', 'retried'] as const

export async function noticeSlots(db: Db, r: Range): Promise<NoticeSlotRow[]> {
  const days = rangeDays(r)
  const [kept, tallied] = await Promise.all([
    db.all<SlotCounts>(sql`SELECT
        ${jstMinute(sql`due_at`)} AS m, slot_kind AS slotKind, kind,
        sum(state = 'sent') AS sent,
        sum(state = 'failed') AS failed,
        sum(state = 'undeliverable') AS undeliverable,
        sum(state IN ('pending', 'sending')) AS waiting,
        sum(attempts > 1) AS retried
      FROM notices
      WHERE due_at >= ${r.from} AND due_at < ${r.to}
      GROUP BY m, slot_kind, kind`),
    // Notices already erased (db/retention.ts), as counted then: none was still waiting.
    db.all<SlotCounts>(sql`SELECT minute AS m, slot_kind AS slotKind, kind,
        sum(sent) AS sent, sum(failed) AS failed, sum(undeliverable) AS undeliverable,
        0 AS waiting, sum(retried) AS retried
      FROM notice_tallies
      WHERE day >= ${days.first} AND day <= ${days.last}
      GROUP BY minute, slot_kind, kind`),
  ])
  const rows = new Map<string, SlotCounts>()
  for (const x of [...kept, ...tallied]) {
    const key = `${x.m}|${x.slotKind}|${x.kind}`
    const row = rows.get(key)
    if (row) for (const c of COUNTS) row[c] += x[c]
    else rows.set(key, { ...x })
  }
  return [...rows.values()]
    .sort((a, b) => a.m - b.m || cmp(a.slotKind, b.slotKind) || cmp(a.kind, b.kind))
    .map(({ m, ...x }) => ({ slot: clockOfMinute(m), ...x }))
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Median milliseconds, to the whole minute, from hold-ready to the ready notice's delivery,
 * over notices due in the period; null when none was delivered. A ready notice is queued in
 * the same batch that makes the hold ready (db/copy-moves.ts), so its `created_at` is the
 * hold's ready time: the outbox's covering index answers alone, as a count per minute.
 */
export async function medianReadyToDelivered(db: Db, r: Range): Promise<number | null> {
  const minutes = await readyMinutes(db, r)
  const total = minutes.reduce((a, x) => a + x.n, 0)
  if (total === 0) return null
  /** The k-th smallest value (0-based). */
  const nth = (k: number) => {
    let seen = 0
    for (const x of minutes) {
      seen += x.n
      if (seen > k) return x.m
    }
    return minutes.at(-1)!.m
  }
  const middle = total % 2 === 1 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2
  return middle * 60_000
}

/** How many hold-ready notices took each whole number of minutes, kept and tallied, in order. */
async function readyMinutes(db: Db, r: Range): Promise<{ m: number; n: number }[]> {
  const days = rangeDays(r)
  const [kept, tallied] = await Promise.all([
    db.all<{ m: number; n: number }>(sql`SELECT
        CAST((sent_at - created_at) / 60000 AS INTEGER) AS m, count(*) AS n
      FROM notices
      WHERE due_at >= ${r.from} AND due_at < ${r.to} AND kind = 'hold_ready'
        -- The unary + keeps SQLite off notices_due_idx (state, due_at), which would read the
        -- table for every row; the covering index reads nothing else.
        AND +state = 'sent' AND sent_at IS NOT NULL
      GROUP BY m`),
    db.all<{ m: number; n: number }>(sql`SELECT minutes AS m, sum(n) AS n
      FROM ready_delivery_tallies WHERE day >= ${days.first} AND day <= ${days.last}
      GROUP BY minutes`),
  ])
  const counts = new Map<number, number>()
  for (const x of [...kept, ...tallied]) counts.set(x.m, (counts.get(x.m) ?? 0) + x.n)
  return [...counts].map(([m, n]) => ({ m, n })).sort((a, b) => a.m - b.m)
}
