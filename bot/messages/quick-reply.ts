/**
 * The quick replies offered under help and after linking: what a patron most often wants
 * next. A linked patron gets buttons that open the LIFF app directly; an unlinked one gets
 * postbacks, so the bot can explain that linking comes first.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import { type PostbackAction, postbackData } from '../richmenu/postback.ts'
import type { Lang } from './lang.ts'
import { type LiffPage, liffUrl } from './liff.ts'

export const LABELS = {
  card: { ja: '図書館カード', en: 'Library card' },
  loans: { ja: '貸出・予約', en: 'Loans & holds' },
  portal: { ja: 'マイポータル', en: 'My portal' },
  holds: { ja: '予約の一覧', en: 'My holds' },
  search: { ja: '蔵書検索', en: 'Search' },
  /** As the rich menu names it (richmenu/definitions.ts), so the texts' directions match. */
  link: { ja: 'アカウント連携', en: 'Link your account' },
  unlink: { ja: '連携解除', en: 'Unlink' },
  /** As the rich menu names it (richmenu/definitions.ts). */
  phones: { ja: '図書館の連絡先', en: 'Phone numbers' },
  help: { ja: '使い方', en: 'How to use' },
  /** ACC-FAMILY: link one more patron to this LINE account. */
  addCard: { ja: 'もう一枚カードを追加', en: 'Add another card' },
} satisfies Record<string, Text>

export function postbackAction(
  action: PostbackAction,
  label: Text,
  lang: Lang,
): messagingApi.PostbackAction {
  return {
    type: 'postback',
    label: label[lang],
    data: postbackData(action),
    displayText: label[lang],
  }
}

export function liffAction(
  liffId: string,
  page: LiffPage,
  label: Text,
  lang: Lang,
): messagingApi.URIAction {
  return { type: 'uri', label: label[lang], uri: liffUrl(liffId, page) }
}

function item(action: messagingApi.Action): messagingApi.QuickReplyItem {
  return { type: 'action', action }
}

/**
 * The usual next steps. 連携解除 is not among them: it is in the rich menu and answers when
 * asked for by name, never one tap away under every help message.
 */
export function menuQuickReply(
  linked: boolean,
  liffId: string,
  lang: Lang,
): messagingApi.QuickReply {
  const items = linked
    ? [
        liffAction(liffId, 'card', LABELS.card, lang),
        liffAction(liffId, 'portal', LABELS.portal, lang),
        liffAction(liffId, 'loans', LABELS.loans, lang),
        liffAction(liffId, 'search', LABELS.search, lang),
        postbackAction('phones', LABELS.phones, lang),
        postbackAction('add_card', LABELS.addCard, lang),
      ]
    : [
        postbackAction('link', LABELS.link, lang),
        postbackAction('card', LABELS.card, lang),
        postbackAction('loans', LABELS.loans, lang),
        postbackAction('phones', LABELS.phones, lang),
      ]
  return { items: items.map(item) }
}

/** Just アカウント連携: after a failed or expired link. */
export function linkQuickReply(lang: Lang): messagingApi.QuickReply {
  return {
    items: [
      item(postbackAction('link', LABELS.link, lang)),
      item(postbackAction('phones', LABELS.phones, lang)),
    ],
  }
}
