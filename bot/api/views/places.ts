/** Places as the app shows them: pickup places with phone, hours and pickup days (HOLD-PICKUP). */
import type { LibraryPlace, LibrarySystem } from '../../../core/library-system.ts'
import type { Policy } from '../../../core/policy.ts'
import type { Contact, Lang, PickupPlace } from '../../../liff/api-types.ts'
import { reached } from '../library.ts'

/** The library-wide contact (policy `contact`), for refusals about no particular place. */
export function contactOf(policy: Policy, lang: Lang): Contact {
  return { name: policy.contact[lang], phone: policy.contact.phone }
}

export function placeName(row: Pick<LibraryPlace, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && row.nameEn ? row.nameEn : row.name
}

export function placeContact(
  row: Pick<LibraryPlace, 'name' | 'nameEn' | 'phone'>,
  lang: Lang,
): Contact {
  return { name: placeName(row, lang), phone: row.phone }
}

/**
 * The library system's places by id, in its own order: the active ones in one request, then
 * any of `ids` not among them (a place since closed) one by one. Unknown ids are left out.
 */
export async function placesById(
  library: LibrarySystem,
  ids: Iterable<number>,
  lang: Lang,
): Promise<Map<number, LibraryPlace>> {
  const byId = new Map(reached(await library.places(), lang).map((p) => [p.id, p]))
  for (const id of new Set(ids))
    if (!byId.has(id)) {
      const one = reached(await library.place(id), lang)
      if (one) byId.set(id, one)
    }
  return byId
}

export function pickupPlace(row: LibraryPlace, lang: Lang, policy: Policy): PickupPlace {
  return {
    id: row.id,
    name: placeName(row, lang),
    kind: row.kind,
    phone: row.phone,
    hours: hoursText(row.openingHours, lang, row.kind),
    pickupDays: row.kind === 'locker' ? policy.pickup.lockerDays : policy.pickup.days,
  }
}

/** Monday first, as timetables in Japan are written. */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const DAY_NAMES = {
  ja: { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
} as const

const clock = (t: string) => t.replace(/^0(\d)/, '$1')

/**
 * Opening hours (`{"mon":["09:30","20:00"],…}`) in words: runs of days with the same hours
 * together, then the days it is closed, e.g. 「火〜金 10:00〜19:00、土日 10:00〜17:00（月休）」.
 * The places table keeps weekly hours only; dates closed (整理休館日, 年末年始) are in the
 * calendar, which the app does not list. A bookmobile station lists its visits only: the van
 * comes on some weeks of those days, and "closed on the other six" would say nothing useful.
 */
export function hoursText(json: string | null, lang: Lang, kind?: LibraryPlace['kind']): string {
  const hours = parseHours(json)
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
    const span = lang === 'ja' ? `${clock(h[0])}〜${clock(h[1])}` : `${clock(h[0])}–${clock(h[1])}`
    const last = runs.at(-1)
    if (last && last.to === i - 1 && last.span === span) last.to = i
    else runs.push({ from: i, to: i, span })
  })
  const names = DAY_NAMES[lang]
  const dayRange = (from: number, to: number) => {
    const a = names[DAYS[from]!]
    const b = names[DAYS[to]!]
    if (from === to) return a
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

type Hours = Partial<Record<(typeof DAYS)[number], [string, string]>>

function parseHours(json: string | null): Hours | null {
  if (!json) return null
  try {
    const data: unknown = JSON.parse(json)
    if (typeof data !== 'object' || data === null) return null
    const out: Hours = {}
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
