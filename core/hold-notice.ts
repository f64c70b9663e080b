/**
 * How a patron will hear that a hold is ready (NOTICE-KINDS, NOTICE-SLOTS), said truly: a
 * review found the hold confirmation promising a LINE notice to a patron who had turned LINE
 * hold notices off. A LINE push goes only to a card whose LINE account can be pushed (not
 * blocked) and whose notice settings want it on LINE; otherwise a confirmed e-mail address
 * hears from the library's system (ACC-PASSWORD: the second way to reach a patron), and with
 * neither nothing comes, so the patron is told where to look and whom to phone.
 */
import { type Contact, phoneLine } from './messages.ts'
import { enTimes, jaTimes } from './time-words.ts'
import type { Text, TextLines } from './types.ts'

/** What decides it, as the caller read it (the link, notice_preferences, the patron). */
export interface HoldNoticeFacts {
  /** The card's LINE account follows the official account (a blocked one cannot be pushed). */
  followed: boolean
  /** notice_preferences.hold_ready: hold-ready notices wanted. */
  holdReady: boolean
  /** notice_preferences.channel. */
  channel: 'line' | 'email'
  /**
   * A confirmed e-mail address that the library system sends its notices to (bunko sends
   * none: embedded, the caller passes false).
   */
  emailConfirmed: boolean
}

export type HoldNoticeWay = 'line' | 'email' | 'none'

export function holdNoticeWay(f: HoldNoticeFacts): HoldNoticeWay {
  if (f.followed && f.holdReady && f.channel === 'line') return 'line'
  return f.emailConfirmed ? 'email' : 'none'
}

/**
 * How the patron will hear it, a line for each idea: on LINE at the slots; by e-mail, saying
 * why not LINE and how to have it on LINE; or that nothing will come: why, then what to do
 * (the holds list, or the phone of `contact`: the pickup place, or a locker's library).
 */
export function holdNoticeText(
  f: HoldNoticeFacts,
  slots: readonly string[],
  contact: Contact,
  opts: { plural?: boolean; holder?: string } = {},
): TextLines {
  const { plural = false, holder } = opts
  const be = plural ? 'they are' : 'it is'
  switch (holdNoticeWay(f)) {
    case 'line':
      return {
        ja: [`ご用意ができたら、LINEで${jaTimes(slots, '・')}のいずれかにお知らせします。`],
        en: [
          `We will tell you on LINE when ${be} ready (notices go out at ${enTimes(slots)}, Japan time).`,
        ],
      }
    case 'email':
      return lines(
        notOnLine(f, holder),
        {
          ja: `ご用意ができたら、${holder ? `${holder}さんの` : ''}ご登録のメールアドレスにお知らせします。`,
          en: `We will tell ${holder ?? 'you'} by e-mail, at the address registered with the library, when ${be} ready.`,
        },
        toLine(f),
      )
    case 'none': {
      const p = phoneLine(contact)
      return lines(
        notOnLine(f, holder),
        {
          ja: 'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
          en: `With no other way to reach ${holder ? holder : 'you'}, no notice will come when ${be} ready.`,
        },
        {
          ja: `予約中一覧でご確認いただくか、${p.ja}へお電話でお問い合わせください。`,
          en: `Please check ${holder ? 'the' : 'your'} list of holds, or phone ${p.en}.`,
        },
        toLine(f),
      )
    }
  }
}

/**
 * Whom `holdNoticeText` asks the patron to phone: `contact` when no notice will come (its
 * what-to-do line names that number), else null. A page puts its call button by that line,
 * from this rather than from the words, so the button and the sentence cannot disagree.
 */
export function holdNoticeCall(f: HoldNoticeFacts, contact: Contact): Contact | null {
  return holdNoticeWay(f) === 'none' ? contact : null
}

/** Texts as lines, leaving out the empty ones. */
function lines(...texts: (Text | null)[]): TextLines {
  const given = texts.filter((t): t is Text => t !== null)
  return { ja: given.map((t) => t.ja), en: given.map((t) => t.en) }
}

/** Why no LINE notice will come; `holder` names another card's holder (ACC-FAMILY). */
function notOnLine(f: HoldNoticeFacts, holder?: string): Text {
  if (!f.followed)
    return {
      ja: 'この公式アカウントをブロックしているため、LINEではお知らせできません。',
      en: "The library's official account is blocked in LINE, so we cannot tell you on LINE.",
    }
  if (f.channel !== 'line')
    return {
      ja: 'お知らせの連絡方法がメールになっているため、LINEではお知らせしません。',
      en: `${holder ? `${holder}'s` : 'Your'} notices are set to come by e-mail, so they will not come on LINE.`,
    }
  return {
    ja: '設定で「予約資料の用意ができたとき」のLINEのお知らせがオフになっているため、LINEではお知らせしません。',
    en: 'LINE notices for ready holds are turned off, so they will not come on LINE.',
  }
}

/** How to have it on LINE again, where the patron can do that themselves; else null. */
function toLine(f: HoldNoticeFacts): Text | null {
  if (!f.followed)
    return {
      ja: 'ブロックを解除すると、LINEでお知らせします。',
      en: 'Unblock the account to be told on LINE.',
    }
  if (f.channel === 'line' && !f.holdReady)
    return {
      ja: 'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
      en: 'To be told on LINE, turn on "When a hold is ready" in Settings (LINE notices).',
    }
  if (f.channel !== 'line')
    return {
      ja: 'LINEで受け取りたいときは、図書館のカウンターでお申し出ください。',
      en: 'To be told on LINE instead, please ask at a library counter.',
    }
  return null
}
