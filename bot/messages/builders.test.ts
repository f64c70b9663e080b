import type { messagingApi } from '@line/bot-sdk'
import { describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { usableFrom } from '../../core/maintenance.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { parsePostback } from '../richmenu/postback.ts'
import { followGreeting, WAITS_FOR_SERVICE, welcomeBack } from './greeting.ts'
import { helpMessage, needLinkMessage } from './help.ts'
import type { Lang } from './lang.ts'
import { cardButtonMessage, liffButtonMessage, portalButtonMessage } from './liff-buttons.ts'
import { messageProblems } from './limits.ts'
import {
  linkButtonMessage,
  linkExpiredMessage,
  linkFailedMessage,
  linkPageUrl,
  linkSucceededMessage,
} from './link.ts'
import { maintenanceNotice } from './maintenance.ts'
import { phoneListMessage } from './phones.ts'
import { unlinkCancelledMessage, unlinkConfirmMessage, unlinkedMessage } from './unlink.ts'

const LIFF = '1650000000-bunkoDemo'
const NAME = HIRAKATA_POLICY.libraryName
const CONTACT = HIRAKATA_POLICY.contact
const BACK_AT = jstInstant('2026-05-01', '04:00')
const LATER = (what: keyof typeof WAITS_FOR_SERVICE) =>
  usableFrom(BACK_AT, HIRAKATA_POLICY, WAITS_FOR_SERVICE[what])
const LIBRARIES = [
  { name: '中央図書館', nameEn: 'Central Library', phone: '050-7105-8141' },
  { name: '香里ヶ丘図書館', phone: '050-7102-3111' },
  { name: '駅前図書館', phone: '072-841-1103' },
  { name: '分室・自動車文庫「ひなぎく号」', phone: '050-7105-8114' },
]

/** Every builder, in both languages. */
const BUILDERS: Record<string, (lang: Lang) => messagingApi.Message> = {
  followGreeting: (lang) => followGreeting({ libraryName: NAME, lang }),
  welcomeBack: (lang) => welcomeBack({ libraryName: NAME, liffId: LIFF, lang }),
  'followGreeting (maintenance)': (lang) =>
    followGreeting({ libraryName: NAME, lang, note: LATER('link') }),
  'welcomeBack (maintenance)': (lang) =>
    welcomeBack({ libraryName: NAME, liffId: LIFF, lang, note: LATER('card') }),
  'help (unlinked)': (lang) => helpMessage({ linked: false, liffId: LIFF, lang }),
  'help (linked)': (lang) => helpMessage({ linked: true, liffId: LIFF, lang }),
  needLink: (lang) => needLinkMessage({ what: 'card', lang }),
  phoneList: (lang) => phoneListMessage({ libraries: LIBRARIES, lang }),
  linkButton: (lang) =>
    linkButtonMessage({ publicUrl: 'https://bunko.example', linkToken: 'tok+/=', lang }),
  linkSucceeded: (lang) => linkSucceededMessage({ liffId: LIFF, lang }),
  linkFailed: (lang) => linkFailedMessage({ contact: CONTACT, lang }),
  linkExpired: (lang) => linkExpiredMessage({ lang }),
  unlinkConfirm: (lang) => unlinkConfirmMessage({ lang }),
  unlinked: (lang) => unlinkedMessage({ lang }),
  unlinkCancelled: (lang) => unlinkCancelledMessage({ liffId: LIFF, lang }),
  cardButton: (lang) => cardButtonMessage({ liffId: LIFF, lang }),
  portalButton: (lang) => portalButtonMessage({ liffId: LIFF, lang }),
  loansButton: (lang) => liffButtonMessage({ page: 'loans', liffId: LIFF, lang }),
  maintenance: (lang) =>
    maintenanceNotice({ text: { ja: '04:00ごろに再開します', en: 'Back at about 04:00' }, lang }),
}

const HAS_JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

/** Every action in a message, wherever it sits. */
function actions(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const n of node) actions(n, out)
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'action' || k === 'defaultAction') && v && typeof v === 'object')
        out.push(v as Record<string, unknown>)
      else if (k === 'actions' && Array.isArray(v)) out.push(...(v as Record<string, unknown>[]))
      else actions(v, out)
    }
  }
  return out
}

describe('message builders', () => {
  for (const [name, build] of Object.entries(BUILDERS)) {
    it(`${name}: ja is Japanese, en is English, both within LINE limits`, () => {
      const ja = build('ja')
      const en = build('en')
      expect(messageProblems(ja)).toEqual([])
      expect(messageProblems(en)).toEqual([])
      expect(JSON.stringify(ja)).toMatch(HAS_JAPANESE)
      // English messages carry no Japanese except proper names passed in as data.
      const enText = JSON.stringify(en).replace(
        /分室・自動車文庫「ひなぎく号」|香里ヶ丘図書館|駅前図書館/g,
        '',
      )
      expect(enText).not.toMatch(HAS_JAPANESE)
      expect(build('ja')).toEqual(ja)
    })
  }

  it('every postback any builder sends is one the bot can parse', () => {
    for (const build of Object.values(BUILDERS))
      for (const lang of ['ja', 'en'] as const)
        for (const a of actions(build(lang)))
          if (a.type === 'postback') expect(parsePostback(String(a.data))).not.toBeNull()
  })

  it('LINE-LINK: the follow greeting says what linking gives and offers アカウント連携', () => {
    const json = JSON.stringify(followGreeting({ libraryName: NAME }))
    for (const phrase of [
      '図書館カード',
      '貸出・予約の確認',
      '延長',
      '予約の確保',
      '返却期限',
      'LINE',
    ])
      expect(json).toContain(phrase)
    const link = actions(followGreeting({ libraryName: NAME })).find((a) => a.type === 'postback')
    expect(link?.label).toBe('アカウント連携')
    expect(parsePostback(String(link?.data))?.action).toBe('link')
  })

  it('help names the menu as it is (図書館の連絡先, マイポータル, 蔵書検索) and offers no 連携解除 quick reply', () => {
    const unlinked = helpMessage({ linked: false, liffId: LIFF })
    expect(unlinked.quickReply?.items?.map((i) => i.action?.label)).toEqual([
      'アカウント連携',
      '図書館カード',
      '貸出・予約',
      '図書館の連絡先',
    ])
    const linked = helpMessage({ linked: true, liffId: LIFF })
    expect(linked.quickReply?.items?.map((i) => i.action?.label)).toEqual([
      '図書館カード',
      'マイポータル',
      '貸出・予約',
      '蔵書検索',
      '図書館の連絡先',
      'もう一枚カードを追加',
    ])
    for (const phrase of ['マイポータル', '蔵書検索', '「図書館の連絡先」']) {
      expect(linked.text).toContain(phrase)
    }
    expect(linked.text).not.toContain('電話番号」')
    expect(unlinked.text).toContain('「図書館の連絡先」')
    expect(linked.quickReply?.items?.[0]?.action).toMatchObject({
      type: 'uri',
      uri: `https://liff.line.me/${LIFF}/card`,
    })
  })

  it('the phone list has a tel: link for every library', () => {
    const uris = actions(phoneListMessage({ libraries: LIBRARIES })).map((a) => a.uri)
    expect(uris).toEqual([
      'tel:05071058141',
      'tel:05071023111',
      'tel:0728411103',
      'tel:05071058114',
    ])
    const en = JSON.stringify(phoneListMessage({ libraries: LIBRARIES, lang: 'en' }))
    expect(en).toContain('Central Library')
  })

  it('LINE-LINK: the link button opens /link with the token URL-encoded', () => {
    expect(linkPageUrl('https://bunko.example/', 'a+b/c=')).toBe(
      'https://bunko.example/link?linkToken=a%2Bb%2Fc%3D',
    )
    const [action] = actions(
      linkButtonMessage({ publicUrl: 'https://bunko.example', linkToken: 'abc' }),
    )
    expect(action).toMatchObject({
      type: 'uri',
      uri: 'https://bunko.example/link?linkToken=abc&lang=ja',
    })
  })

  it('LINE-LINK: a failed link says nothing was linked and whom to phone', () => {
    const text = linkFailedMessage({ contact: CONTACT }).text
    expect(text).toContain('中央図書館（050-7105-8141）')
    expect(text).toContain('連携はされていません')
    expect(linkExpiredMessage({ minutes: 10 }).text).toContain('10分')
  })

  it('unlinking asks first: confirm template with 解除する and やめる', () => {
    const msg = unlinkConfirmMessage()
    expect(msg.template.type).toBe('confirm')
    const data = actions(msg).map((a) => parsePostback(String(a.data))?.action)
    expect(data).toEqual(['unlink_confirm', 'unlink_cancel'])
  })

  it('LINE-CARD: the card button opens the LIFF card page', () => {
    expect(actions(cardButtonMessage({ liffId: LIFF }))[0]?.uri).toBe(
      `https://liff.line.me/${LIFF}/card`,
    )
    expect(actions(portalButtonMessage({ liffId: LIFF }))[0]?.uri).toBe(
      `https://liff.line.me/${LIFF}/portal`,
    )
  })

  it('SVC-MAINT: the maintenance notice is the text core gives, in the patron language', () => {
    const text = { ja: '再開は04:00ごろです', en: 'Back at about 04:00' }
    expect(maintenanceNotice({ text }).text).toBe(text.ja)
    expect(maintenanceNotice({ text, lang: 'en' }).text).toBe(text.en)
  })
})
