// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * ACC-FAMILY: in a family member's section (加藤 亮, the LINE account's second card) the
 * sentences about the card name him, not "you" (a review); the account's own card keeps its
 * words. The English twin is FamilyWords.en.test.tsx (one LIFF session, one language per file).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeFamily } from '../../../test/liff/fake-family.ts'
import * as F from '../../../test/liff/fixtures.ts'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

const RYO = { patronId: 7, patronNumber: '1000000010', name: '加藤 亮' }
const section = (name: string) =>
  [...m!.root.querySelectorAll<HTMLElement>('section.person')].find((s) =>
    $(s, 'h2').textContent?.startsWith(name),
  )!

describe('family cards: whose words (ACC-FAMILY)', () => {
  it('ACC-FAMILY: an empty list of the other card says whose card; the own card’s list keeps its words', async () => {
    m = await mount('loans', { fake: new FakeFamily([{ ...RYO, loans: [], holds: [] }]) })
    await until(() =>
      expect(text(section('加藤 亮'))).toContain(
        '加藤 亮さんのカードで借りている資料は、現在ありません。',
      ),
    )
    await until(() => expect(text(section('枚方 花子'))).toContain('はじめての天体観測'))
    expect(text(m.root)).not.toContain('現在お借りになっている資料はありません')
  })

  it('ACC-FAMILY, LINE-LINK: with two cards, each card’s unlink help says only that card goes (not that LINE stops)', async () => {
    m = await mount('settings', { fake: new FakeFamily([{ ...RYO, loans: [], holds: [] }]) })
    const only = 'このカードの連携だけを解除します。ほかのカードは、これまでどおりLINEで使えます。'
    await until(() => expect(text(section('加藤 亮'))).toContain(only))
    expect(text(section('枚方 花子'))).toContain(only)
    expect(text(m.root)).not.toContain('LINEで図書館カードやマイポータルが使えなくなり')
  })

  it('ACC-FAMILY, HOLD-CANCEL, HOLD-SUSPEND: cancelling and suspending the other card’s hold name him, and go for his card', async () => {
    const waiting = F.holds().filter((h) => h.state === 'waiting')
    m = await mount('holds', { fake: new FakeFamily([{ ...RYO, loans: [], holds: waiting }]) })
    const his = () => section('加藤 亮')
    await until(() => expect(text(his())).toContain('世界の料理'))
    await click(his(), '予約を取り消す', 'button')
    await until(() =>
      expect(text(his())).toContain(
        '加藤 亮さんの「世界の料理」の予約を取り消します。よろしいですか？',
      ),
    )
    await click(his(), '予約を取り消す', 'button')
    await until(() => expect(text(his())).toContain('加藤 亮さんの予約を取り消しました。'))
    const cancel = m.requests.find((r) => r.method === 'DELETE')
    expect(cancel?.headers.get('X-Bunko-Patron')).toBe('7')
  })

  it('ACC-FAMILY, HOLD-SUSPEND: suspending the other card’s hold goes for his card and names him', async () => {
    const waiting = F.holds().filter((h) => h.state === 'waiting')
    m = await mount('holds', { fake: new FakeFamily([{ ...RYO, loans: [], holds: waiting }]) })
    const his = () => section('加藤 亮')
    await until(() => expect(text(his())).toContain('世界の料理'))
    await click(his(), '休止する')
    const input = await until(() => his().querySelector<HTMLInputElement>('input[type=date]')!)
    input.value = '2026-06-30'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await click(his(), '休止する', 'button[type=submit]')
    await until(() => expect(text(his())).toContain('加藤 亮さんの予約を6月30日まで休止しました。'))
    // It named no card, so the account's first card was asked (a hold not hers: refused).
    const suspend = m.requests.find((r) => r.method === 'POST' && r.path.endsWith('/suspend'))
    expect(suspend?.headers.get('X-Bunko-Patron')).toBe('7')
  })
})
