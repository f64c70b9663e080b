/** Which days a place is open, expanded from its Calendar for the database and the rules. */
import { addDays, type JstDate, weekday } from '../../core/dates.ts'
import type { Calendar } from './rows.ts'

/** Which occurrence of its weekday in the month `date` is (1 for days 1–7, …). */
function weekOfMonth(date: JstDate): number {
  return Math.ceil(Number(date.slice(8, 10)) / 7)
}

function inYearEnd(cal: Calendar, date: JstDate): boolean {
  if (!cal.yearEnd) return false
  const md = date.slice(5)
  const { from, to } = cal.yearEnd
  return from <= to ? md >= from && md <= to : md >= from || md <= to
}

/** Whether the place opens on `date` at all. */
export function isOpen(cal: Calendar, date: JstDate): boolean {
  const wd = weekday(date)
  if (!cal.weekly[wd]) return false
  if (cal.weeksOfMonth && !cal.weeksOfMonth.includes(weekOfMonth(date))) return false
  if (cal.monthlyClosed?.weekday === wd && cal.monthlyClosed.nth === weekOfMonth(date)) return false
  return !inYearEnd(cal, date)
}

/** Why a place is closed on `date` although its weekday is an open one. */
export function closureNote(cal: Calendar, date: JstDate): string {
  if (inYearEnd(cal, date)) return '年末年始'
  if (cal.weeksOfMonth && !cal.weeksOfMonth.includes(weekOfMonth(date))) return '運行なし'
  return '館内整理日'
}

/**
 * The days from `from` to `to` (inclusive) on which the place would open by weekday but is
 * closed (館内整理日, 年末年始, a week the bookmobile does not come). With the weekly hours,
 * that is the whole calendar.
 */
export function specialClosures(cal: Calendar, from: JstDate, to: JstDate): JstDate[] {
  const out: JstDate[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (cal.weekly[weekday(d)] && !isOpen(cal, d)) out.push(d)
  }
  return out
}

/** Every day from `from` to `to` on which the place is closed, weekly closings included. */
export function closedDates(cal: Calendar, from: JstDate, to: JstDate): JstDate[] {
  const out: JstDate[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isOpen(cal, d)) out.push(d)
  return out
}
