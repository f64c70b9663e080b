/**
 * Calendar dates and wall-clock times in Japan (Asia/Tokyo), whatever the host's zone.
 *
 * Japan has kept UTC+9 without daylight saving since 1951, so a Japan wall time is
 * the UTC fields of the instant shifted by nine hours. Doing the arithmetic ourselves
 * (rather than through `Date#getHours` or `Intl`) keeps every result independent of
 * `TZ` and of the host's ICU data.
 */

/** A calendar date in Japan, `YYYY-MM-DD`. */
export type JstDate = string
/** An instant, milliseconds since the Unix epoch (what `Date.now()` gives). */
export type Instant = number
/** A wall-clock time of day in Japan, `HH:MM` (24-hour). */
export type ClockTime = string

const JST_OFFSET_MS = 9 * 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000
export const MINUTE_MS = 60 * 1000

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Whether `s` is a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isJstDate(s: unknown): s is JstDate {
  if (typeof s !== 'string') return false
  const m = DATE_RE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}

/** Whether `s` is a wall-clock time `HH:MM`. */
export function isClockTime(s: unknown): s is ClockTime {
  return typeof s === 'string' && TIME_RE.test(s)
}

/** Minutes after midnight for `HH:MM`. */
export function clockMinutes(t: ClockTime): number {
  const m = TIME_RE.exec(t)
  if (!m) throw new RangeError(`not a clock time: ${t}`)
  return Number(m[1]) * 60 + Number(m[2])
}

/** The Japan calendar date at instant `t`. */
export function jstDate(t: Instant): JstDate {
  return new Date(t + JST_OFFSET_MS).toISOString().slice(0, 10)
}

/** Minutes after Japan midnight at instant `t` (0–1439). */
export function jstMinuteOfDay(t: Instant): number {
  const shifted = new Date(t + JST_OFFSET_MS)
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes()
}

/** The instant at Japan wall time `time` (default midnight) on `date`. */
export function jstInstant(date: JstDate, time: ClockTime = '00:00'): Instant {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`not a date: ${date}`)
  const mins = clockMinutes(time)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + mins * MINUTE_MS - JST_OFFSET_MS
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: JstDate, days: number): JstDate {
  return jstDate(jstInstant(date) + days * DAY_MS)
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: JstDate, to: JstDate): number {
  return Math.round((jstInstant(to) - jstInstant(from)) / DAY_MS)
}

/** Day of the week of `date`: 0 Sunday … 6 Saturday. */
export function weekday(date: JstDate): number {
  return new Date(jstInstant(date) + JST_OFFSET_MS).getUTCDay()
}

/** The earlier of two dates. */
export function earlierDate(a: JstDate, b: JstDate): JstDate {
  return a <= b ? a : b
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/** `2026年12月5日(土)` — how a date is written to a patron in Japanese. */
export function formatDateJa(date: JstDate): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日(${WEEKDAYS_JA[weekday(date)]})`
}

/** `Sat 5 Dec 2026` — how a date is written to a patron in English. */
export function formatDateEn(date: JstDate): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${WEEKDAYS_EN[weekday(date)]} ${d} ${MONTHS_EN[(m ?? 1) - 1]} ${y}`
}

/** `HH:MM` for a minute-of-day count. */
export function formatClock(minutes: number): ClockTime {
  const h = Math.floor(minutes / 60) % 24
  const m = minutes % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}
