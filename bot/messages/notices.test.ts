import type { messagingApi } from '@line/bot-sdk'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { holdReadyAltText, holdReadyNotice, type ReadyHold } from './hold-ready.ts'
import { ITEMS_SHOWN } from './item-list.ts'
import { messageProblems } from './limits.ts'
import { type OverdueItem, overdueAltText, overdueNotice } from './overdue.ts'

const LIFF = '1650000000-bunkoDemo'
const CENTRAL = { name: '中央図書館', nameEn: 'Central Library', phone: '050-7105-8141' }
const LOCKER = { name: '枚方市駅前受取ロッカー', phone: '072-841-1103' }

function hold(title: string, over: Partial<ReadyHold> = {}): ReadyHold {
  return {
    title,
    author: '著者',
    place: CENTRAL,
    locker: false,
    collectBy: '2026-05-08',
    ...over,
  }
}

function bubbles(msg: messagingApi.FlexMessage): messagingApi.FlexBubble[] {
  return msg.contents.type === 'carousel'
    ? (msg.contents as messagingApi.FlexCarousel).contents
    : [msg.contents as messagingApi.FlexBubble]
}

describe('hold-ready notice', () => {
  it('HOLD-EXPIRE: says where, the collect-by date, what happens after, the phone and the holds page', () => {
    for (const lang of ['ja', 'en'] as const) {
      const msg = holdReadyNotice({ holds: [hold('銀河鉄道の夜')], liffId: LIFF, lang })
      expect(messageProblems(msg)).toEqual([])
      const json = JSON.stringify(msg)
      expect(json).toContain('銀河鉄道の夜')
      expect(json).toContain('050-7105-8141')
      expect(json).toContain('tel:05071058141')
      expect(json).toContain(`https://liff.line.me/${LIFF}/holds`)
      if (lang === 'ja') {
        expect(json).toContain('中央図書館')
        expect(json).toContain('2026年5月8日(金)までにお受け取りください')
        expect(json).toContain('取り消し')
      } else {
        expect(json).toContain('Central Library')
        expect(json).toContain('Please collect by Fri 8 May 2026')
      }
    }
  })

  it('front mode: where the system names no pickup place, it says the place asked for and whom to ask', () => {
    const asked = holdReadyNotice({
      holds: [hold('銀河鉄道の夜', { placeAsked: true }), hold('風の又三郎')],
      liffId: LIFF,
    })
    expect(messageProblems(asked)).toEqual([])
    const [unknown, known] = bubbles(asked).map((b) => JSON.stringify(b))
    // Never grouped with a hold whose place is known, even at the same library and date.
    expect(bubbles(asked)).toHaveLength(2)
    expect(unknown).toContain('ご予約の際にご指定の場所')
    expect(unknown).not.toContain('"text":"中央図書館"')
    expect(unknown).toContain('お問い合わせ：中央図書館（050-7105-8141）')
    expect(known).toContain('"text":"中央図書館"')
    const en = JSON.stringify(
      holdReadyNotice({ holds: [hold('Kaze', { placeAsked: true })], liffId: LIFF, lang: 'en' }),
    )
    expect(en).toContain('the place you chose when reserving')
    expect(en).toContain('Questions: Central Library (050-7105-8141)')
  })

  it('HOLD-BOOKMOBILE: names the station visit’s date and time, and the visit after it as the last chance', () => {
    const STATION = { name: 'ひなぎく号 田口山公園', phone: '050-7105-8114' }
    for (const lang of ['ja', 'en'] as const) {
      const msg = holdReadyNotice({
        holds: [
          hold('こころ', {
            place: STATION,
            collectBy: '2026-07-07',
            visit: { date: '2026-06-23', start: '10:30', end: '11:00' },
          }),
        ],
        liffId: LIFF,
        lang,
      })
      expect(messageProblems(msg)).toEqual([])
      const json = JSON.stringify(msg)
      if (lang === 'ja') {
        expect(json).toContain('お渡し日時')
        expect(json).toContain('2026年6月23日(火) 10:30〜11:00')
        expect(json).toContain('次の運行日（2026年7月7日(火)）')
      } else {
        expect(json).toContain('Tue 23 Jun 2026, 10:30–11:00')
        expect(json).toContain('next visit (Tue 7 Jul 2026)')
      }
      expect(msg.altText).not.toContain('こころ')
    }
  })

  it('HOLD-LOCKER: says the item is checked out and in the locker, 4 days, and points to the loan list', () => {
    const msg = holdReadyNotice({
      holds: [hold('こころ', { place: LOCKER, locker: true, collectBy: '2026-05-05' })],
      liffId: LIFF,
      lockerDays: HIRAKATA_POLICY.pickup.lockerDays,
    })
    const json = JSON.stringify(msg)
    expect(json).toContain('貸出の手続き')
    expect(json).toContain('予約図書受取ロッカー')
    expect(json).toContain('4日以内')
    expect(json).toContain('貸出中の一覧')
    expect(json).toContain(`https://liff.line.me/${LIFF}/loans`)
    expect(json).not.toContain(`https://liff.line.me/${LIFF}/holds`)
    const en = JSON.stringify(
      holdReadyNotice({
        holds: [hold('x', { place: LOCKER, locker: true })],
        liffId: LIFF,
        lang: 'en',
      }),
    )
    expect(en).toContain('checked out to you and placed in the pickup locker')
  })

  it('one push for many holds: grouped by place and date, each group one bubble, earliest first', () => {
    const msg = holdReadyNotice({
      holds: [
        hold('A', { collectBy: '2026-05-09' }),
        hold('B', { place: LOCKER, locker: true, collectBy: '2026-05-05' }),
        hold('C', { collectBy: '2026-05-09' }),
      ],
      liffId: LIFF,
    })
    const bs = bubbles(msg)
    expect(bs).toHaveLength(2)
    expect(JSON.stringify(bs[0])).toContain('"B"')
    expect(JSON.stringify(bs[1])).toContain('"A"')
    expect(JSON.stringify(bs[1])).toContain('"C"')
    expect(msg.altText).toBe(holdReadyAltText(3))
  })

  it('long lists end with 「ほか N 点」 and long titles are cut, within LINE limits', () => {
    const holds = Array.from({ length: 15 }, (_, i) => hold(`${'長'.repeat(300)}${i}`))
    const msg = holdReadyNotice({ holds, liffId: LIFF })
    expect(messageProblems(msg)).toEqual([])
    expect(JSON.stringify(msg)).toContain(`ほか ${15 - ITEMS_SHOWN} 点`)
    expect(JSON.stringify(msg)).not.toContain('長'.repeat(100))
  })

  it('more groups than a carousel holds: 12 bubbles, the last says how many more', () => {
    const holds = Array.from({ length: 15 }, (_, i) =>
      hold(`T${i}`, { place: { name: `館${i}`, phone: `050-0000-00${10 + i}` } }),
    )
    const msg = holdReadyNotice({ holds, liffId: LIFF })
    expect(bubbles(msg)).toHaveLength(12)
    expect(messageProblems(msg)).toEqual([])
    expect(JSON.stringify(bubbles(msg)[11])).toContain('ほか 4 点')
  })

  it('refuses an empty notice', () => {
    expect(() => holdReadyNotice({ holds: [], liffId: LIFF })).toThrow(RangeError)
  })
})

describe('overdue notice', () => {
  const items: OverdueItem[] = [
    { title: '吾輩は猫である', author: '夏目漱石', dueDate: '2026-04-20' },
    { title: '羅生門', author: '芥川龍之介', dueDate: '2026-04-10' },
  ]

  it('NOTICE-OVERDUE: lists every item together, oldest due first, asks to return, gives the phone', () => {
    for (const lang of ['ja', 'en'] as const) {
      const msg = overdueNotice({ items, contact: HIRAKATA_POLICY.contact, liffId: LIFF, lang })
      expect(messageProblems(msg)).toEqual([])
      const json = JSON.stringify(msg)
      expect(json.indexOf('羅生門')).toBeLessThan(json.indexOf('吾輩は猫である'))
      expect(json).toContain('050-7105-8141')
      expect(json).toContain(`https://liff.line.me/${LIFF}/loans`)
      expect(json).toContain(lang === 'ja' ? 'ご返却ください' : 'Please return')
      expect(json).toContain(lang === 'ja' ? '2026年4月10日(金)' : 'Fri 10 Apr 2026')
    }
  })

  it('NOTICE-OVERDUE: one overdue item is spoken of in the singular in English, as in the preview', () => {
    const one = [items[0]!]
    const en = overdueNotice({
      items: one,
      contact: HIRAKATA_POLICY.contact,
      liffId: LIFF,
      lang: 'en',
    })
    const json = JSON.stringify(en)
    expect(en.altText).toBe('You have 1 overdue item. Please return it.')
    expect(json).toContain('An item is past its due date. Please return it soon.')
    expect(json).toContain('until it is returned')
    expect(json).not.toMatch(/Some items|return them|they are/)
    const two = JSON.stringify(
      overdueNotice({ items, contact: HIRAKATA_POLICY.contact, liffId: LIFF, lang: 'en' }),
    )
    expect(two).toContain('Some items are past their due date. Please return them soon.')
    const ja = JSON.stringify(
      overdueNotice({ items: one, contact: HIRAKATA_POLICY.contact, liffId: LIFF, lang: 'ja' }),
    )
    expect(ja).toContain('返却期限を過ぎている資料があります。お早めにご返却ください。')
  })

  it('truncates a long list with 「ほか N 点」', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ title: `本${i}`, dueDate: '2026-04-01' }))
    const msg = overdueNotice({ items: many, contact: HIRAKATA_POLICY.contact, liffId: LIFF })
    expect(messageProblems(msg)).toEqual([])
    expect(JSON.stringify(msg)).toContain(`ほか ${30 - ITEMS_SHOWN} 点`)
  })
})

describe('NOTICE-PRIVACY', () => {
  const title = fc.string({ minLength: 1, maxLength: 120, unit: 'grapheme' })
  const item = fc.record({ title, author: fc.option(title, { nil: undefined }) })
  const lang = fc.constantFrom('ja' as const, 'en' as const)

  it('NOTICE-PRIVACY: the hold-ready alt text depends only on the count, never on titles or authors', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), lang, (items, l) => {
        const holds = items.map((it) => hold(it.title, { author: it.author }))
        const msg = holdReadyNotice({ holds, liffId: LIFF, lang: l })
        const blank = holdReadyNotice({
          holds: holds.map((h) => ({ ...h, title: 'x', author: 'y' })),
          liffId: LIFF,
          lang: l,
        })
        expect(msg.altText).toBe(blank.altText)
        expect(msg.altText).toBe(holdReadyAltText(holds.length, l))
        expect(messageProblems(msg)).toEqual([])
      }),
    )
  })

  it('NOTICE-PRIVACY: the overdue alt text depends only on the count, never on titles or authors', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), lang, (items, l) => {
        const overdue = items.map((it) => ({ ...it, dueDate: '2026-04-01' }))
        const msg = overdueNotice({
          items: overdue,
          contact: HIRAKATA_POLICY.contact,
          liffId: LIFF,
          lang: l,
        })
        expect(msg.altText).toBe(overdueAltText(overdue.length, l))
        expect(messageProblems(msg)).toEqual([])
      }),
    )
  })

  it('NOTICE-PRIVACY: a distinctive title or author never appears in the alt text', () => {
    const distinctive = fc.stringMatching(/^[A-Za-z\u4e00-\u9fff]{4,40}$/)
    fc.assert(
      fc.property(distinctive, distinctive, lang, (t, a, l) => {
        const ready = holdReadyNotice({ holds: [hold(t, { author: a })], liffId: LIFF, lang: l })
        const overdue = overdueNotice({
          items: [{ title: t, author: a, dueDate: '2026-04-01' }],
          contact: HIRAKATA_POLICY.contact,
          liffId: LIFF,
          lang: l,
        })
        for (const alt of [ready.altText, overdue.altText]) {
          // Only words of our own fixed sentence may coincide with a random string.
          if (!holdReadyAltText(1, l).includes(t) && !overdueAltText(1, l).includes(t))
            expect(alt).not.toContain(t)
          if (!holdReadyAltText(1, l).includes(a) && !overdueAltText(1, l).includes(a))
            expect(alt).not.toContain(a)
        }
        expect(JSON.stringify(ready.contents)).toContain(t.slice(0, 10))
      }),
    )
  })
})
