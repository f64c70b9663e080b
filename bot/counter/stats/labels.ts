/** The words the statistics page uses for the database's codes, and bucket labels. */
import type { StatsPeriod } from '../../../core/index.ts'
import type { Channel } from '../../../db/stats/channels.ts'
import type { StatsReport } from '../../../db/stats/report.ts'
import type { Table } from './csv.ts'

export const CHANNEL: Record<Channel, string> = {
  line: 'LINE',
  counter: 'カウンター',
  kiosk: '自動貸出機（SIP2）',
}
export const CHANNEL_ORDER: Channel[] = ['line', 'counter', 'kiosk']

export const ACTION: Record<string, string> = {
  'loan.renew': '貸出延長',
  'hold.place': '予約',
  'hold.cancel': '予約取消',
}

export const NOTICE_KIND: Record<string, string> = {
  hold_ready: '予約確保',
  overdue: '返却期限超過',
  due_soon: '返却期限前',
  expiry: '登録期限',
}

export const SLOT_KIND: Record<string, string> = { standard: '通常便', locker: 'ロッカー便' }

export const OUTCOMES = [
  '送信済み',
  '送信失敗',
  '届かない（ブロック等）',
  '送信待ち',
  '再試行あり',
] as const

/** A bucket as staff read it: 6/10 for a day, 2026年6月 for a month. */
export function bucketLabel(bucket: string): string {
  const [y, m, d] = bucket.split('-').map(Number)
  return d ? `${m}/${d}` : `${y}年${m}月`
}

/** The interval Plot groups a period's buckets by. */
export const interval = (p: StatsPeriod) => p.unit

/** One chart on the page: its numbers (table and CSV), a sentence for screen readers, the SVG. */
export interface ChartSpec {
  id: string
  title: string
  summary(r: StatsReport): string
  table(r: StatsReport): Table
  draw(r: StatsReport): string
}

export const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
