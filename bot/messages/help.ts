/**
 * Help (NOTICE-NOREPLY): the answer to any text the bot does not recognise, and to 使い方.
 * Short, says what the menu does and that questions go to a library by phone (the account
 * cannot answer them), with quick replies for the usual next steps.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import type { Lang } from './lang.ts'
import { LABELS, menuQuickReply, postbackAction } from './quick-reply.ts'

export interface HelpInput {
  linked: boolean
  liffId: string
  lang?: Lang
}

const HELP_LINKED: Text = {
  ja: [
    '使い方のご案内です。メニューから次のことができます。',
    '・「図書館カード」：貸出用バーコードを表示します。窓口でお見せください。',
    '・「マイポータル」：貸出・予約の一覧、お気に入り、My本棚、設定をまとめて開きます。',
    '・「貸出・予約」：借りている資料の確認と延長、予約の確認と取消ができます。',
    '・「蔵書検索」：資料を探して、予約カートから予約できます。',
    '・「図書館の連絡先」：各図書館の電話番号です。',
    'このアカウントでは個別のご質問にはお答えできません。お問い合わせは図書館へお電話ください。',
  ].join('\n'),
  en: [
    'How to use this account (from the menu):',
    '- "Library card" shows your lending barcode; show it at the counter.',
    '- "My portal" opens your loans, holds, favourites, bookshelf and settings.',
    '- "Loans & holds" lists what you have borrowed and reserved, and lets you renew.',
    '- "Search" finds books; reserve them from the hold cart.',
    '- "Phone numbers" lists every library.',
    'This account cannot answer questions; please phone a library.',
  ].join('\n'),
}

const HELP_UNLINKED: Text = {
  ja: [
    '使い方のご案内です。',
    '「アカウント連携」で利用者番号とWebサービスのパスワードを入力すると、図書館カードの表示、マイポータル（貸出・予約の確認と延長、蔵書検索と予約）、予約の確保や返却期限のお知らせをLINEでご利用いただけます。',
    'このアカウントでは個別のご質問にはお答えできません。お問い合わせは図書館へお電話ください（「図書館の連絡先」から一覧を表示できます）。',
  ].join('\n'),
  en: [
    'How to use this account:',
    'Tap "Link your account" and enter your patron number and web service password to show your library card, use My portal (check and renew loans, search and reserve), and get notices in LINE.',
    'This account cannot answer questions; please phone a library ("Phone numbers" lists them).',
  ].join('\n'),
}

export function helpMessage({ linked, liffId, lang = 'ja' }: HelpInput): messagingApi.TextMessage {
  return {
    type: 'text',
    text: (linked ? HELP_LINKED : HELP_UNLINKED)[lang],
    quickReply: menuQuickReply(linked, liffId, lang),
  }
}

/** What needs linking first, for an unlinked patron who asked for it. */
export type LinkedOnly = 'card' | 'loans' | 'portal' | 'search' | 'unlink'

const NEEDS: Record<LinkedOnly, Text> = {
  card: {
    ja: '図書館カードを表示するには、先にアカウント連携が必要です。',
    en: 'To show your library card, please link your account first.',
  },
  loans: {
    ja: '貸出・予約を確認するには、先にアカウント連携が必要です。',
    en: 'To see your loans and holds, please link your account first.',
  },
  portal: {
    ja: 'マイポータルを開くには、先にアカウント連携が必要です。',
    en: 'To open My portal, please link your account first.',
  },
  search: {
    ja: 'LINEで蔵書検索を使うには、先にアカウント連携が必要です。',
    en: 'To search the catalogue in LINE, please link your account first.',
  },
  unlink: {
    ja: 'このLINEアカウントは、まだ図書館のアカウントと連携されていません。',
    en: 'This LINE account is not linked to a library account.',
  },
}

/** "Link first", with the アカウント連携 button. */
export function needLinkMessage({
  what,
  lang = 'ja',
}: {
  what: LinkedOnly
  lang?: Lang
}): messagingApi.TemplateMessage {
  const more: Text = {
    ja: '利用者番号とWebサービスのパスワードをご用意ください。',
    en: 'You will need your patron number and web service password.',
  }
  return {
    type: 'template',
    altText: NEEDS[what][lang],
    template: {
      type: 'buttons',
      text: `${NEEDS[what][lang]}${lang === 'ja' ? '' : ' '}${more[lang]}`,
      actions: [postbackAction('link', LABELS.link, lang)],
    },
  }
}
