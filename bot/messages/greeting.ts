/**
 * The follow event's answer. A new friend hears what linking gives (the guide's own list:
 * the card, loans and renewals, notices in LINE) and gets the アカウント連携 button; a patron
 * whose account is still linked (they blocked and unblocked) is simply welcomed back.
 * During the maintenance window both are given all the same, with a `note` (core's
 * `usableFrom`) saying from when what they offer works: bot/events/follow.ts says why.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import { button, COLORS, text, vbox } from './flex.ts'
import type { Lang } from './lang.ts'
import { LABELS, menuQuickReply, postbackAction } from './quick-reply.ts'

const BENEFITS: Text[] = [
  {
    ja: '図書館カード（貸出用バーコード）をLINEで表示',
    en: 'Show your library card (the lending barcode) in LINE',
  },
  { ja: '貸出・予約の確認と貸出期間の延長', en: 'Check your loans and holds, and renew loans' },
  {
    ja: '予約の確保や返却期限のお知らせをLINEで受け取り',
    en: 'Get hold-ready and overdue notices in LINE',
  },
]

/** What waits for the end of the maintenance window, as the welcome names it in its note. */
export const WAITS_FOR_SERVICE: { link: Text; card: Text } = {
  link: { ja: 'アカウント連携', en: 'Linking your account' },
  card: {
    ja: '図書館カードの表示や貸出・予約の確認',
    en: 'Your library card, loans and holds',
  },
}

export interface GreetingInput {
  libraryName: Text
  lang?: Lang
  /** A sentence the welcome must carry (during maintenance: from when it can be used). */
  note?: Text
}

export function followGreeting({
  libraryName,
  lang = 'ja',
  note,
}: GreetingInput): messagingApi.FlexMessage {
  const name = libraryName[lang]
  const intro =
    lang === 'ja'
      ? `${name}の公式アカウントです。友だち追加ありがとうございます。アカウント連携をすると、次のことができます。`
      : `This is ${name}'s official account — thank you for adding us. Link your library account to:`
  const needs =
    lang === 'ja'
      ? '連携には、利用者番号とWebサービスのパスワードが必要です。'
      : 'You will need your patron number and web service password.'
  return {
    type: 'flex',
    altText:
      lang === 'ja'
        ? `${name}です。友だち追加ありがとうございます。`
        : `${name}: thank you for adding us.`,
    contents: {
      type: 'bubble',
      body: vbox(
        [
          text(intro),
          vbox(
            BENEFITS.map((b) =>
              text(`${lang === 'ja' ? '・' : '• '}${b[lang]}`, { size: 'sm', weight: 'bold' }),
            ),
            { spacing: 'sm', margin: 'lg' },
          ),
          text(needs, { size: 'sm', color: COLORS.sub, margin: 'lg' }),
          ...(note ? [text(note[lang], { size: 'sm', color: COLORS.warn, margin: 'lg' })] : []),
        ],
        { spacing: 'md' },
      ),
      footer: vbox([button(postbackAction('link', LABELS.link, lang))]),
    },
  }
}

/** With a `note` (maintenance) it says that instead of offering the card right away. */
export function welcomeBack({
  libraryName,
  liffId,
  lang = 'ja',
  note,
}: GreetingInput & { liffId: string }): messagingApi.TextMessage {
  const name = libraryName[lang]
  const card: Text = {
    ja: 'メニューの「図書館カード」から、すぐに貸出用バーコードを表示できます。',
    en: 'Tap "Library card" in the menu to show your lending barcode.',
  }
  const then = (note ?? card)[lang]
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `おかえりなさい。${name}です。アカウントは連携されたままです。${then}`
        : `Welcome back to ${name}. Your account is still linked. ${then}`,
    quickReply: menuQuickReply(true, liffId, lang),
  }
}
