import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMMAND_MAX_LENGTH, type Intent, intentOf } from './intent.ts'

const TABLE: Array<[string, Intent]> = [
  ['カード', 'card'],
  ['図書館カード', 'card'],
  ['ｶｰﾄﾞ', 'card'],
  ['バーコード', 'card'],
  ['貸出', 'loans'],
  ['貸出・予約', 'loans'],
  ['予約', 'loans'],
  ['延長したい', 'loans'],
  ['連携', 'link'],
  ['アカウント連携', 'link'],
  ['解除', 'unlink'],
  ['連携解除', 'unlink'],
  ['ヘルプ', 'help'],
  ['使い方', 'help'],
  ['電話', 'phones'],
  ['電話番号', 'phones'],
  ['連絡先', 'phones'],
  ['図書館の連絡先', 'phones'],
  ['マイポータル', 'portal'],
  ['蔵書検索', 'search'],
  ['card', 'card'],
  ['Library Card', 'card'],
  ['ＣＡＲＤ', 'card'],
  ['loans', 'loans'],
  ['my holds', 'loans'],
  ['renew', 'loans'],
  ['link', 'link'],
  ['unlink', 'unlink'],
  ['Unlink my account', 'unlink'],
  ['phone', 'phones'],
  ['contact', 'phones'],
  ['help', 'help'],
  ['HELP', 'help'],
  ['こんにちは', 'help'],
  ['hello', 'help'],
  ['', 'help'],
  ['   ', 'help'],
  ['cardigan', 'help'],
  ['linking', 'help'],
  // ACC-FAMILY: one more card, in either language (the quick reply's words first).
  ['もう一枚カードを追加', 'add_card'],
  ['家族のカードを追加したい', 'add_card'],
  ['Add another card', 'add_card'],
  ['add a card', 'add_card'],
  ['Add another library card', 'add_card'],
  ['add a library card', 'add_card'],
  ['Link a second card', 'add_card'],
  ['add family member', 'add_card'],
  // A lost card: stopped at once by phone, before anything else that says カード or card.
  ['図書館カードをなくしました', 'lost_card'],
  ['カードを落としたかもしれません', 'lost_card'],
  ['カード紛失', 'lost_card'],
  ['I lost my library card', 'lost_card'],
  ['My card was stolen', 'lost_card'],
  ["I can't find my card", 'lost_card'],
  ['カードなくした', 'lost_card'],
  ['図書館カードなくしちゃった', 'lost_card'],
  ['カード落とした', 'lost_card'],
  ['カードの紛失', 'lost_card'],
  ['カードが無くなった', 'lost_card'],
  ['カードを盗られた', 'lost_card'],
  ['カード見つからない', 'lost_card'],
  ['I can’t find my card', 'lost_card'],
  ['I cannot find my library card', 'lost_card'],
  ['lost library card', 'lost_card'],
  ['library card lost', 'lost_card'],
  ['my card got stolen', 'lost_card'],
  ['someone stole my card', 'lost_card'],
  ['I misplaced my card', 'lost_card'],
  // About the card's number or password, not the card itself.
  ['I lost my card number', 'card'],
  ["lost my card's password", 'card'],
  ['カードの番号をなくした', 'card'],
  // Not a card: a lost book gets help, which says whom to phone.
  ['本をなくしました', 'help'],
  // Opening hours, however they are asked (before 電話 and help, which these may contain).
  ['開館時間', 'hours'],
  ['何時まで', 'hours'],
  ['今日開いてる？', 'hours'],
  ['今日は開館していますか', 'hours'],
  ['図書館は何時に閉まりますか', 'hours'],
  ['明日は休館日ですか', 'hours'],
  ['何時まで電話できますか', 'hours'],
  ['opening hours', 'hours'],
  ['Are you open today?', 'hours'],
  ['Is the library open on Sunday', 'hours'],
  ['How late are you open?', 'hours'],
  ['What time do you close?', 'hours'],
  // Not the hours: the card, the portal and a phone call keep their own answers.
  ['open my card', 'card'],
  ['マイポータルが開かない', 'portal'],
  ['電話番号', 'phones'],
]

describe('intentOf (NOTICE-NOREPLY: every text gets an answer)', () => {
  it.each(TABLE)('NOTICE-NOREPLY: %j → %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent)
  })

  it('NOTICE-NOREPLY: a long message is a question, answered with help', () => {
    expect(intentOf(`カード${'あ'.repeat(COMMAND_MAX_LENGTH)}`)).toBe('help')
  })

  it('NOTICE-NOREPLY: any string maps to some intent, never throws', () => {
    const intents = new Set<Intent>([
      'add_card',
      'unlink',
      'link',
      'card',
      'portal',
      'loans',
      'search',
      'phones',
      'hours',
      'help',
    ])
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(intents.has(intentOf(s))).toBe(true)
      }),
    )
  })
})
