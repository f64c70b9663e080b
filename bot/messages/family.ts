/**
 * Family cards in the chat (ACC-FAMILY): which card to unlink when the account has several,
 * and what was added or removed, naming the card holder (never a title).
 */
import type { messagingApi } from '@line/bot-sdk'
import { holderOf } from '../../core/family.ts'
import { postbackData } from '../richmenu/postback.ts'
import { clip, type Lang } from './lang.ts'
import { LABELS, menuQuickReply } from './quick-reply.ts'

export interface FamilyCard {
  patronId: number
  name: string
}

/** "Which card?": one quick reply per card (LINE allows 13), then やめる. */
export function unlinkWhichMessage({
  cards,
  lang = 'ja',
}: {
  cards: FamilyCard[]
  lang?: Lang
}): messagingApi.TextMessage {
  const items: messagingApi.QuickReplyItem[] = cards.map((card) => {
    const label = clip(lang === 'ja' ? `${card.name}を解除` : `Unlink ${card.name}`, 20)
    return {
      type: 'action',
      action: {
        type: 'postback',
        label,
        data: postbackData('unlink_confirm', { patron: String(card.patronId) }),
        displayText: label,
      },
    }
  })
  const cancel = { ja: 'やめる', en: 'Cancel' }[lang]
  items.push({
    type: 'action',
    action: {
      type: 'postback',
      label: cancel,
      data: postbackData('unlink_cancel'),
      displayText: cancel,
    },
  })
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `このLINEアカウントには${cards.length}枚の図書館カードが連携されています。連携を解除するカードを下のボタンから選んでください。解除したカードの貸出・予約はLINEで見られなくなり、お知らせもLINEには届かなくなります。ほかのカードはそのまま使えます。`
        : `This LINE account has ${cards.length} library cards linked. Choose the card to unlink below. Its loans and holds will no longer show in LINE and its notices will no longer come here; the other cards stay linked.`,
    quickReply: { items },
  }
}

/** One card of several unlinked; the others stay. */
export function unlinkedOneMessage({
  name,
  remaining,
  liffId,
  lang = 'ja',
}: {
  name: string
  remaining: number
  liffId: string
  lang?: Lang
}): messagingApi.TextMessage {
  const who = holderOf(name)[lang]
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `${who}のカードの連携を解除しました。ほかの${remaining}枚のカードはそのまま使えます。`
        : `${who}'s card has been unlinked. Your other ${remaining === 1 ? 'card stays' : `${remaining} cards stay`} linked.`,
    quickReply: menuQuickReply(true, liffId, lang),
  }
}

/** A second (or later) card linked: whose, how many, and where to switch between them. */
export function cardAddedMessage({
  name,
  count,
  liffId,
  lang = 'ja',
}: {
  name: string
  count: number
  liffId: string
  lang?: Lang
}): messagingApi.TextMessage {
  const who = holderOf(name)[lang]
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `${who}のカードを追加しました（連携中のカード：${count}枚）。「${LABELS.card.ja}」では左右にスワイプしてカードを切り替えられます。予約の確保や返却期限のお知らせは、どなたのカードかを添えてこのLINEにお届けします。`
        : `${who}'s card has been added (${count} cards linked). In "${LABELS.card.en}", swipe left or right to switch cards. Notices for each card come to this LINE account, saying whose card they are for.`,
    quickReply: menuQuickReply(true, liffId, lang),
  }
}
