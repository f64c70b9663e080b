/**
 * A place's weekly opening hours (the places table's `opening_hours`, e.g.
 * `{"mon":["09:30","20:00"],…}`) in words, and whether it is open at a given instant: the
 * hours say when on an open day, the calendar (LOAN-DUE-OPEN) which days are closed. Hours
 * that are missing or unreadable are never guessed: the answer is `unknown`.
 */

import { isOpenDay, type LibraryCalendar } from './calendar.ts'
import {
  type ClockTime,
  clockMinutes,
  isClockTime,
  jstDate,
  jstMinuteOfDay,
  weekday,
} from './dates.ts'
import type { Policy } from './policy.ts'
import type { PickupKind } from './types.ts'

/** Monday first, as timetables in Japan are written. */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const DAY_NAMES = {
  ja: { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
} as const

export type WeeklyHours = Partial<Record<(typeof DAYS)[number], [ClockTime, ClockTime]>>

/** The weekly hours, or null when there are none or they cannot be read. */
export function parseWeeklyHours(json: string | null): WeeklyHours | null {
  if (!json) return null
  try {
    const data: unknown = JSON.parse(json)
    if (typeof data !== 'object' || data === null) return null
    const out: WeeklyHours = {}
    for (const day of DAYS) {
      const h = (data as Record<string, unknown>)[day]
      if (Array.isArray(h) && h.length === 2 && h.every((t) => typeof t === 'string'))
        out[day] = [h[0] as string, h[1] as string]
    }
    return Object.keys(out).length ? out : null
  } catch {
    return null
  }
}

/** 「9:30」: a time as a timetable writes it. */
export const clockWords = (t: string) => t.replace(/^0(\d)/, '$1')

/**
 * Opening hours in words: runs of days with the same hours together, then the days it is
 * closed, e.g. 「火〜金 10:00〜19:00、土日 10:00〜17:00（月休）」 or 「毎日 10:00〜21:00」. Weekly hours only: dates
 * closed (整理休館日, 年末年始) are in the calendar. A bookmobile station lists its visits
 * only: the van comes on some weeks of those days, and "closed on the other six" says nothing.
 */
export function hoursText(json: string | null, lang: 'ja' | 'en', kind?: PickupKind): string {
  const hours = parseWeeklyHours(json)
  if (!hours)
    return lang === 'ja'
      ? '開館時間は、お電話でお問い合わせください。'
      : 'Please phone for opening hours.'
  const runs: { from: number; to: number; span: string }[] = []
  const closed: number[] = []
  DAYS.forEach((day, i) => {
    const h = hours[day]
    if (!h) {
      closed.push(i)
      return
    }
    const [a, b] = [clockWords(h[0]), clockWords(h[1])]
    const span = lang === 'ja' ? `${a}〜${b}` : `${a}–${b}`
    const last = runs.at(-1)
    if (last && last.to === i - 1 && last.span === span) last.to = i
    else runs.push({ from: i, to: i, span })
  })
  const names = DAY_NAMES[lang]
  const dayRange = (from: number, to: number) => {
    const a = names[DAYS[from]!]
    const b = names[DAYS[to]!]
    if (from === to) return a
    if (from === 0 && to === DAYS.length - 1) return lang === 'ja' ? '毎日' : 'Daily'
    if (to === from + 1) return lang === 'ja' ? `${a}${b}` : `${a}, ${b}`
    return lang === 'ja' ? `${a}〜${b}` : `${a}–${b}`
  }
  const open = runs.map((r) => `${dayRange(r.from, r.to)} ${r.span}`)
  const closedText = closed.map((i) => names[DAYS[i]!])
  if (kind === 'bookmobile')
    return lang === 'ja'
      ? `${open.join('、')}（巡回日のみ）`
      : `${open.join('; ')} (visit days only)`
  if (lang === 'ja')
    return open.join('、') + (closedText.length ? `（${closedText.join('・')}休）` : '')
  return open.join('; ') + (closedText.length ? ` (closed ${closedText.join(', ')})` : '')
}

/** Whether a place is open at an instant, and until or from when. */
export type OpenNow =
  | { state: 'open'; closes: ClockTime }
  | { state: 'later'; opens: ClockTime; closes: ClockTime }
  | { state: 'ended'; closed: ClockTime }
  | { state: 'closed_day' }
  /** An open day, but the place's hours are not known. */
  | { state: 'unknown' }

/**
 * The place's state at `now` (the caller's clock): a day the calendar closes, or a weekday
 * without hours, is `closed_day`; otherwise the day's hours say open, later or ended.
 */
export function openNow(
  place: { openingHours: string | null; calendar: LibraryCalendar },
  now: number,
  policy: Policy,
): OpenNow {
  const today = jstDate(now)
  if (!isOpenDay(today, place.calendar, policy)) return { state: 'closed_day' }
  const hours = parseWeeklyHours(place.openingHours)
  if (!hours) return { state: 'unknown' }
  const day = hours[DAYS[(weekday(today) + 6) % 7]!]
  if (!day) return { state: 'closed_day' }
  const [opens, closes] = day
  // Shown as written, but not computed on unless they are times of day (an import's 24:00).
  if (!isClockTime(opens) || !isClockTime(closes)) return { state: 'unknown' }
  const minute = jstMinuteOfDay(now)
  if (minute < clockMinutes(opens)) return { state: 'later', opens, closes }
  if (minute < clockMinutes(closes)) return { state: 'open', closes }
  return { state: 'ended', closed: closes }
}
