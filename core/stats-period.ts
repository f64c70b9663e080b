/**
 * The periods of the staff statistics (issue 20): the last 7 or 30 days by day, the last 12
 * months by month, and a fiscal year (April–March, as Japanese cities report) by month, all
 * in Japan time. Pure: `now` is a parameter.
 */
import { addDays, type Instant, type JstDate, jstDate, jstInstant, weekday } from './dates.ts'

export type PeriodKind = '7d' | '30d' | '12m' | 'fy'
export const PERIOD_KINDS: readonly PeriodKind[] = ['7d', '30d', '12m', 'fy']

export interface StatsPeriod {
  kind: PeriodKind
  /** The fiscal year's first calendar year (FY2026 = April 2026 to March 2027); for `fy`. */
  fiscalYear: number | null
  /** First and last Japan dates, inclusive. */
  fromDate: JstDate
  toDate: JstDate
  /** Instants: `from` inclusive, `to` exclusive (the midnight after `toDate`). */
  from: Instant
  to: Instant
  unit: 'day' | 'month'
  /** Every bucket key in order: `YYYY-MM-DD` by day, `YYYY-MM` by month. */
  buckets: string[]
  /** What the page calls it, e.g. 「2026年度（2026年4月〜2027年3月）」. */
  label: string
}

/** The fiscal year a date falls in: January–March belong to the year before. */
export function fiscalYearOf(date: JstDate): number {
  const y = Number(date.slice(0, 4))
  return Number(date.slice(5, 7)) >= 4 ? y : y - 1
}

/** The first day of the month `months` after `date`'s month. */
function monthStart(date: JstDate, months: number): JstDate {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7)) - 1 + months
  const yy = y + Math.floor(m / 12)
  const mm = ((m % 12) + 12) % 12
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`
}

function span(kind: PeriodKind, fromDate: JstDate, toDate: JstDate, unit: 'day' | 'month') {
  const buckets: string[] = []
  if (unit === 'day') for (let d = fromDate; d <= toDate; d = addDays(d, 1)) buckets.push(d)
  else for (let d = fromDate; d <= toDate; d = monthStart(d, 1)) buckets.push(d.slice(0, 7))
  return {
    kind,
    fromDate,
    toDate,
    from: jstInstant(fromDate),
    to: jstInstant(addDays(toDate, 1)),
    unit,
    buckets,
  }
}

/**
 * The period `kind` ending today (for `fy`, fiscal year `fiscalYear`, default the current
 * one). The current fiscal year runs to March 31 even though its last months are still empty:
 * the city's report compares whole years.
 */
export function statsPeriod(kind: PeriodKind, now: Instant, fiscalYear?: number): StatsPeriod {
  const today = jstDate(now)
  if (kind === '7d' || kind === '30d') {
    const days = kind === '7d' ? 7 : 30
    const p = span(kind, addDays(today, 1 - days), today, 'day')
    return { ...p, fiscalYear: null, label: `直近${days}日` }
  }
  if (kind === '12m') {
    const first = monthStart(today, -11)
    const p = span(kind, first, addDays(monthStart(today, 1), -1), 'month')
    return { ...p, fiscalYear: null, label: '直近12か月' }
  }
  const fy = fiscalYear ?? fiscalYearOf(today)
  const p = span(kind, `${fy}-04-01`, `${fy + 1}-03-31`, 'month')
  return { ...p, fiscalYear: fy, label: `${fy}年度（${fy}年4月〜${fy + 1}年3月）` }
}

/** The bucket a Japan date falls in. */
export function bucketOf(date: JstDate, unit: 'day' | 'month'): string {
  return unit === 'day' ? date : date.slice(0, 7)
}

/** The Monday that starts `date`'s week (weeks run Monday to Sunday). */
export function weekOf(date: JstDate): JstDate {
  return addDays(date, -((weekday(date) + 6) % 7))
}

/** Every week start from `fromDate`'s week to `toDate`'s. */
export function weeksOf(fromDate: JstDate, toDate: JstDate): JstDate[] {
  const out: JstDate[] = []
  for (let w = weekOf(fromDate); w <= toDate; w = addDays(w, 7)) out.push(w)
  return out
}
