/**
 * SIP2 dates: 18 characters `YYYYMMDDZZZZHHMMSS`, where ZZZZ is a time zone — four spaces for
 * the library's local time, which for a Japanese library is Japan time. bunko writes local
 * (JST) dates, and reads local or `   Z` (UTC) ones. Due dates in `AH` use the same form.
 */
const JST_MS = 9 * 60 * 60 * 1000

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** `now` (epoch ms) as a SIP2 local (Japan time) date. */
export function sipDate(now: number): string {
  const d = new Date(now + JST_MS)
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}    ${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
}

/** A Japan-time calendar day `YYYY-MM-DD` as a SIP2 date at the end of that day (a due date). */
export function sipDueDate(day: string): string {
  return `${day.replaceAll('-', '')}    235959`
}

/** A SIP2 date back to epoch ms, or null when blank or not a date. */
export function parseSipDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})( {4}| {3}Z)(\d{2})(\d{2})(\d{2})$/.exec(value)
  if (!m) return null
  const [, y, mo, d, zone, h, mi, s] = m
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  return zone === '   Z' ? utc : utc - JST_MS
}
