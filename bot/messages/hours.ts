/**
 * The chat's answer to 「開館時間」「今日開いてる？」 (NOTICE-NOREPLY): what bunko knows, and no
 * more. Each library's state now (open until, opening at, closed today) from its hours and
 * the calendar, then its weekly hours. Hours the data does not have are never made up: that
 * library's line says to phone it, and with no hours at all the answer says so plainly and
 * points to the main library's phone and the library's website.
 */
import type { messagingApi } from '@line/bot-sdk'
import { instantText } from '../../core/messages.ts'
import { clockWords, hoursText, type OpenNow, parseWeeklyHours } from '../../core/opening-hours.ts'
import type { Policy } from '../../core/policy.ts'
import type { Lang } from './lang.ts'

export interface LibraryHours {
  name: string
  nameEn?: string
  phone: string
  /** The weekly hours as stored (null: not in the data). */
  openingHours: string | null
  now: OpenNow
}

export function hoursMessage(opts: {
  libraries: LibraryHours[]
  /** The instant the answer speaks of (the caller's clock). */
  at: number
  contact: Policy['contact']
  /** The library's own website, when configured (OPAC_URL). */
  website: string | null
  lang: Lang
}): messagingApi.TextMessage {
  const { libraries, contact, website, lang } = opts
  const call =
    lang === 'ja' ? `${contact.ja}（${contact.phone}）` : `the ${contact.en} (${contact.phone})`
  if (!libraries.some((l) => parseWeeklyHours(l.openingHours)))
    return { type: 'text', text: noHours(libraries, call, website, lang) }
  const when = instantText(opts.at)[lang]
  const lines = libraries.map((l) => libraryLines(l, lang))
  const text =
    lang === 'ja'
      ? [
          `図書館の開館時間です（${when} 現在）。`,
          ...lines,
          `このほか、館内整理日や年末年始など、図書館ごとの休館日があります。ご不明な点は${call}へお問い合わせください。`,
        ]
      : [
          `Library opening hours (as of ${when}, Japan time):`,
          ...lines,
          `Each library also has its own closed days, such as stocktaking days and the New Year holidays. Questions: please call ${call}.`,
        ]
  return { type: 'text', text: text.join('\n\n') }
}

/** 「中央図書館：開館中（20:00まで）」 and, when known, the week's hours on the next line. */
function libraryLines(l: LibraryHours, lang: Lang): string {
  const name = lang === 'en' && l.nameEn ? l.nameEn : l.name
  const state = stateWords(l.now, l.phone, lang)
  const head = lang === 'ja' ? `${name}：${state}` : `${name}: ${state}`
  return parseWeeklyHours(l.openingHours) ? `${head}\n${hoursText(l.openingHours, lang)}` : head
}

function stateWords(now: OpenNow, phone: string, lang: Lang): string {
  const ja = lang === 'ja'
  switch (now.state) {
    case 'open':
      return ja
        ? `開館中（${clockWords(now.closes)}まで）`
        : `open now, until ${clockWords(now.closes)}`
    case 'later':
      return ja
        ? `本日は${clockWords(now.opens)}から開館（${clockWords(now.closes)}まで）`
        : `opens today at ${clockWords(now.opens)}, until ${clockWords(now.closes)}`
    case 'ended':
      return ja
        ? `本日の開館は${clockWords(now.closed)}で終わりました`
        : `closed for today (closed at ${clockWords(now.closed)})`
    case 'closed_day':
      return ja ? '本日は休館日です' : 'closed today'
    case 'unknown':
      return ja
        ? `開館時間は、お電話でお問い合わせください（${phone}）`
        : `please phone for opening hours (${phone})`
  }
}

/** No hours in the data: say so, whom to phone and where to look; the days known closed. */
function noHours(libraries: LibraryHours[], call: string, website: string | null, lang: Lang) {
  const closed = libraries
    .filter((l) => l.now.state === 'closed_day')
    .map((l) => (lang === 'en' && l.nameEn ? l.nameEn : l.name))
  if (lang === 'ja')
    return [
      `申し訳ありませんが、このLINEアカウントには図書館の開館時間の情報がありません。${call}へお電話いただくか、図書館のホームページ${website ? `（${website}）` : ''}でご確認ください。`,
      ...(closed.length ? [`なお、本日は次の図書館が休館日です：${closed.join('、')}`] : []),
    ].join('\n\n')
  return [
    `Sorry, this LINE account does not have the libraries' opening hours. Please call ${call} or see the library's website${website ? ` (${website})` : ''}.`,
    ...(closed.length ? [`Closed today: ${closed.join(', ')}.`] : []),
  ].join('\n\n')
}
