/**
 * Account linking messages (LINE-LINK): the button to the link page, and the outcome of the
 * accountLink event. Failures say what to do next (try again from アカウント連携, or phone).
 */
import type { messagingApi } from '@line/bot-sdk'
import { type Contact, phoneLine } from '../../core/messages.ts'
import type { Lang } from './lang.ts'
import { LABELS, linkQuickReply, menuQuickReply } from './quick-reply.ts'

/**
 * The link page URL for a LINE link token, with the bot's signed state when given, and the
 * language the bot speaks to this user: the page's early refusals (maintenance, an expired
 * link) come before the state is read, and must not fall back to the phone's language.
 */
export function linkPageUrl(
  publicUrl: string,
  linkToken: string,
  state?: string,
  lang?: Lang,
): string {
  const url = `${publicUrl.replace(/\/+$/, '')}/link?linkToken=${encodeURIComponent(linkToken)}`
  return `${url}${state ? `&state=${encodeURIComponent(state)}` : ''}${lang ? `&lang=${lang}` : ''}`
}

/** LINE's link token lives 10 minutes; the button says so. */
/** `another`: the account already links a card, and this adds one more (ACC-FAMILY). */
export function linkButtonMessage({
  publicUrl,
  linkToken,
  state,
  lang = 'ja',
  another = false,
}: {
  publicUrl: string
  linkToken: string
  state?: string
  lang?: Lang
  another?: boolean
}): messagingApi.TemplateMessage {
  const label = lang === 'ja' ? '連携の手続きへ' : 'Continue'
  const words = another
    ? {
        ja: 'もう一枚のカードを追加する手続きです。下のボタンから、追加するカードの利用者番号とWebサービスのパスワードを入力してください（ボタンは10分間有効です）。',
        en: "To add another card, tap the button and enter that card's patron number and web service password (the button works for 10 minutes).",
        alt: { ja: 'カードを追加する手続き', en: 'Add another card' },
      }
    : {
        ja: 'アカウント連携の手続きです。下のボタンから、利用者番号とWebサービスのパスワードを入力してください（ボタンは10分間有効です）。',
        en: 'To link your account, tap the button and enter your patron number and web service password (the button works for 10 minutes).',
        alt: { ja: 'アカウント連携の手続き', en: 'Link your account' },
      }
  return {
    type: 'template',
    altText: words.alt[lang],
    template: {
      type: 'buttons',
      text: words[lang],
      actions: [{ type: 'uri', label, uri: linkPageUrl(publicUrl, linkToken, state, lang) }],
    },
  }
}

export function linkSucceededMessage({
  liffId,
  lang = 'ja',
}: {
  liffId: string
  lang?: Lang
}): messagingApi.TextMessage {
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? 'アカウント連携が完了しました。メニューが切り替わり、「図書館カード」から貸出用バーコードを表示できます。予約の確保や返却期限のお知らせも、これからはLINEでお届けします。'
        : 'Your account is linked. The menu has changed: tap "Library card" to show your lending barcode. Hold-ready and overdue notices will now come to you in LINE.',
    quickReply: menuQuickReply(true, liffId, lang),
  }
}

export function linkFailedMessage({
  contact,
  lang = 'ja',
}: {
  contact: Contact
  lang?: Lang
}): messagingApi.TextMessage {
  const phone = phoneLine(contact)[lang]
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `アカウント連携を完了できませんでした。連携はされていません。お手数ですが、もう一度「${LABELS.link.ja}」からお試しください。うまくいかない場合は、${phone}までお電話ください。`
        : `Your account could not be linked, and nothing was changed. Please try again from "${LABELS.link.en}". If it still does not work, please phone ${phone}.`,
    quickReply: linkQuickReply(lang),
  }
}

/** The nonce was used already or is past its 10 minutes. */
export function linkExpiredMessage({
  minutes = 10,
  lang = 'ja',
}: {
  minutes?: number
  lang?: Lang
} = {}): messagingApi.TextMessage {
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `連携の手続きの有効期限（${minutes}分）が過ぎたか、すでに使われた手続きです。連携はされていません。お手数ですが、もう一度「${LABELS.link.ja}」からやり直してください。`
        : `This linking request has expired (after ${minutes} minutes) or was already used, so nothing was linked. Please start again from "${LABELS.link.en}".`,
    quickReply: linkQuickReply(lang),
  }
}
