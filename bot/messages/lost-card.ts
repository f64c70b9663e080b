/**
 * The chat's answer to 「カードをなくした」 (NOTICE-NOREPLY). The guide is silent on lost cards;
 * what a patron needs first is to stop someone else borrowing on it, which only the library
 * can do: so the answer says to phone now, names the library's main number (Policy contact),
 * and that any library's counter can also stop it and issue a new card.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Policy } from '../../core/policy.ts'
import type { Lang } from './lang.ts'

export function lostCardMessage(opts: {
  lang: Lang
  contact: Policy['contact']
}): messagingApi.TextMessage {
  const { lang, contact } = opts
  const text =
    lang === 'ja'
      ? `図書館カードをなくされたときは、ほかの人に使われないよう、すぐに${contact.ja}（${contact.phone}）へお電話ください。カードの利用を止めます。新しいカードは、市内の図書館のカウンターで、ご本人と確認できるもの（運転免許証など）をお持ちいただければお作りします。\nLINEの中のカードを開きたいだけのときは、メニューの「図書館カード」をタップしてください。`
      : `If you have lost your library card, please call the ${contact.en} (${contact.phone}) straight away so that nobody else can use it: we will stop the card. Any library in the city can give you a new one at the counter; please bring proof of identity (a driving licence, for example).\nIf you only want the card in LINE, tap "Library card" in the menu.`
  return { type: 'text', text }
}
