// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import {
  byText,
  click,
  type Mounted,
  mount,
  text,
  unmount,
  until,
} from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

function holdItem(root: ParentNode, title: string): HTMLElement {
  return byText<HTMLElement>(root, title, 'li.item')
}

describe('予約中一覧', () => {
  it('HOLD-QUEUE: state in words and 予約順位 are shown', async () => {
    m = await mount('holds')
    const waiting = await until(() => holdItem(m!.root, '世界の料理'))
    expect(text(waiting)).toContain('予約中')
    expect(text(waiting)).toContain('予約順位 3位')
    expect(text(waiting)).toContain('受取場所: 楠葉図書館')
    const ready = holdItem(m.root, '川べりの四季')
    expect(text(ready)).toContain('確保中')
    expect(text(ready)).toContain('2026年5月18日(月)までにお受け取りください')
    expect(text(ready)).toContain('用意ができたお知らせをお送りできませんでした。')
  })

  it('HOLD-TRANSIT: a hold in transit says 回送中 and where it is going', async () => {
    const fake = new FakeLibrary()
    fake.holds = fake.holds.map((h) =>
      h.id === 201
        ? {
            ...h,
            state: 'in_transit' as const,
            queuePosition: null,
            transit: { to: { id: 2, name: '楠葉図書館' }, sentOn: '2026-05-10' },
          }
        : h,
    )
    m = await mount('holds', { fake })
    const item = await until(() => holdItem(m!.root, '世界の料理'))
    expect(text(item)).toContain('回送中')
    expect(text(item)).toContain('楠葉図書館へ回送中です。届きしだいお知らせします。')
    expect(text(item)).not.toContain('予約順位')
  })

  it('HOLD-CANCEL: a waiting hold is cancelled after confirming', async () => {
    m = await mount('holds')
    const item = await until(() => holdItem(m!.root, '世界の料理'))
    await click(item, '予約を取り消す')
    await until(() =>
      expect(text(item)).toContain('「世界の料理」の予約を取り消します。よろしいですか？'),
    )
    await click(item.querySelector('.confirm')!, '予約を取り消す')
    await until(() => expect(text(m!.root)).toContain('予約を取り消しました。'))
    expect(text(m.root)).not.toContain('世界の料理')
    expect(m.requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/holds/201')
  })

  it('HOLD-CANCEL: a ready hold and an inter-library request give the library phone instead', async () => {
    m = await mount('holds')
    for (const title of ['川べりの四季', 'ジャズ名盤集']) {
      const item = await until(() => holdItem(m!.root, title))
      expect(text(item)).not.toContain('予約を取り消す')
      const tel = byText<HTMLAnchorElement>(item, '中央図書館に電話する（050-7105-8141）', 'a')
      expect(tel.getAttribute('href')).toBe('tel:05071058141')
      expect(text(item)).toContain('ここでは取り消せません')
    }
    expect(m.requests.some((r) => r.method === 'DELETE')).toBe(false)
  })

  it('HOLD-CHANGE: a waiting hold moves to another pickup place; a ready one cannot', async () => {
    m = await mount('holds')
    const ready = await until(() => holdItem(m!.root, '川べりの四季'))
    expect(text(ready)).not.toContain('受取場所を変更する')
    const item = holdItem(m.root, '世界の料理')
    await click(item, '受取場所を変更する')
    const radio = await until(() => {
      const label = byText<HTMLLabelElement>(item, '藤阪分室', 'label')
      return label.querySelector('input')!
    })
    expect(text(item)).toContain('分室')
    radio.click()
    await click(item, '変更する', 'button[type=submit]')
    await until(() => expect(text(m!.root)).toContain('受取場所を変更しました。'))
    expect(text(holdItem(m.root, '世界の料理'))).toContain('受取場所: 藤阪分室')
    const patch = m.requests.find((r) => r.method === 'PATCH')
    expect(patch).toMatchObject({ path: '/api/holds/201', body: { pickupPlaceId: 3 } })
  })
})
