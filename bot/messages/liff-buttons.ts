/**
 * Buttons that open a page of the LIFF app, for a linked patron who typed カード, 貸出 or
 * ポータル (the rich menu opens these directly).
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import type { Lang } from './lang.ts'
import type { LiffPage } from './liff.ts'
import { liffAction } from './quick-reply.ts'

const PAGES: Record<LiffPage, { text: Text; label: Text }> = {
  card: {
    text: {
      ja: '図書館カード（貸出用バーコード）を表示します。窓口でこの画面をお見せください。',
      en: 'Your library card (lending barcode). Show it at the counter.',
    },
    label: { ja: '図書館カードを開く', en: 'Open library card' },
  },
  portal: {
    text: {
      ja: 'マイポータルでは、貸出・予約の状況やお知らせをまとめて確認できます。',
      en: 'My portal shows your loans, holds and notices in one place.',
    },
    label: { ja: 'マイポータルを開く', en: 'Open My portal' },
  },
  loans: {
    text: {
      ja: '借りている資料の確認と延長、予約の確認ができます。',
      en: 'See and renew your loans, and check your holds.',
    },
    label: { ja: '貸出・予約を開く', en: 'Open loans & holds' },
  },
  holds: {
    text: {
      ja: '予約の状況と予約順位を確認できます。',
      en: 'See your holds and your place in each queue.',
    },
    label: { ja: '予約の一覧を開く', en: 'Open my holds' },
  },
  search: {
    text: {
      ja: '図書館の蔵書を検索して、予約できます。',
      en: "Search the library's catalogue and place holds.",
    },
    label: { ja: '蔵書検索を開く', en: 'Open search' },
  },
}

export function liffButtonMessage({
  page,
  liffId,
  lang = 'ja',
}: {
  page: LiffPage
  liffId: string
  lang?: Lang
}): messagingApi.TemplateMessage {
  const p = PAGES[page]
  return {
    type: 'template',
    altText: p.label[lang],
    template: {
      type: 'buttons',
      text: p.text[lang],
      actions: [liffAction(liffId, page, p.label, lang)],
    },
  }
}

export const cardButtonMessage = (o: { liffId: string; lang?: Lang }) =>
  liffButtonMessage({ ...o, page: 'card' })
export const portalButtonMessage = (o: { liffId: string; lang?: Lang }) =>
  liffButtonMessage({ ...o, page: 'portal' })
