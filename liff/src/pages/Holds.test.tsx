// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { atStation, count, inTheLocker, inTransit } from '../../../test/liff/holds.ts'
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
    // Apart in the text too, so a screen reader does not run them together.
    expect(waiting.querySelector('p.state')?.textContent).toBe('予約中 予約順位 3位')
    expect(text(waiting)).toContain('受取場所：楠葉図書館')
    const ready = holdItem(m.root, '川べりの四季')
    expect(text(ready)).toContain('確保中')
    expect(text(ready)).toContain('2026年5月18日(月)までにお受け取りください')
    expect(text(ready)).toContain('用意ができたお知らせをお送りできませんでした。')
  })

  it('HOLD-BOOKMOBILE: a ready station hold names its visit, and the next one as the last chance, not a bare date', async () => {
    m = await mount('holds', { fake: atStation() })
    const ready = await until(() => holdItem(m!.root, '川べりの四季'))
    expect(text(ready)).toContain('お渡し日時：2026年5月13日(水) 13:30〜14:10')
    expect(text(ready)).toContain(
      'この日にお越しになれない場合は、次の運行日（2026年5月27日(水)）にお受け取りください。',
    )
    expect(text(ready)).not.toContain('までにお受け取りください')
    expect(text(ready)).toContain('受取場所：自動車文庫 長尾台ステーション')
    // Not 「受け取れます」 now: it is handed over at the visit (a walk: 11 days away).
    expect(ready.querySelector('.state')?.textContent).toBe('確保中（運行日にお渡しします）')
    // The date and the time each stay on one line.
    expect([...ready.querySelectorAll('p.warn .date')].map((s) => s.textContent)).toEqual([
      '2026年5月13日(水)',
      '13:30〜14:10',
    ])
  })

  it('HOLD-LOCKER: a ready locker hold already lent says it is in the locker and among the loans, not only 確保中', async () => {
    m = await mount('holds', { fake: inTheLocker() })
    const ready = await until(() => holdItem(m!.root, '川べりの四季'))
    expect(text(ready)).toContain('ロッカーに入っています（受け取れます）')
    expect(text(ready)).toContain('貸出の手続きは済んでいるため、貸出中一覧にも表示されます。')
    expect(ready.querySelector('.state')?.textContent).toBe(
      'ロッカーに入っています（受け取れます）',
    )
    // Not "cannot be cancelled, phone us": what to do if it is no longer wanted.
    expect(text(ready)).toContain(
      '受け取りをやめる場合は、何もしなくて構いません。2026年5月18日(月)を過ぎると、自動で返却の扱いになります。',
    )
    expect(text(ready)).not.toContain('取り消せません')
    expect(text(holdItem(m.root, '世界の料理'))).not.toContain('ロッカー')
  })

  it('HOLD-TRANSIT: a hold in transit says once where it is going, and promises no LINE notice (settings may have none)', async () => {
    m = await mount('holds', { fake: inTransit('この資料は回送中のため、取り消せません。') })
    const item = await until(() => holdItem(m!.root, '世界の料理'))
    expect(text(item)).toContain('回送中')
    expect(text(item)).toContain('楠葉図書館へ運んでいます。届くと、受け取れるようになります。')
    expect(count(text(item), '運んで')).toBe(1)
    expect(text(item)).not.toContain('LINEでお知らせします')
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
      // The number keeps its brackets; it may break only after a hyphen.
      const number = tel.querySelector('.tel-number')!
      expect(number.textContent).toBe('（050-7105-8141）')
      expect(number.querySelectorAll('wbr')).toHaveLength(2)
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
    await until(() =>
      expect(text(item)).toContain('受取場所を「藤阪分室」に変更します。よろしいですか？'),
    )
    expect(m.requests.some((r) => r.method === 'PATCH')).toBe(false)
    await click(item.querySelector('.confirm')!, '変更する')
    await until(() => expect(text(m!.root)).toContain('受取場所を変更しました。'))
    expect(text(holdItem(m.root, '世界の料理'))).toContain('受取場所：藤阪分室')
    const patch = m.requests.find((r) => r.method === 'PATCH')
    expect(patch).toMatchObject({ path: '/api/holds/201', body: { pickupPlaceId: 3 } })
  })

  it('front mode: a hold whose place the system does not say names none, and a change starts with none chosen', async () => {
    const fake = new FakeLibrary()
    fake.holds = fake.holds.map((h) => (h.id === 201 ? { ...h, pickupPlace: null } : h))
    m = await mount('holds', { fake })
    const item = await until(() => holdItem(m!.root, '世界の料理'))
    expect(text(item)).toContain('受取場所：ご予約の際にご指定の場所')
    await click(item, '受取場所を変更する')
    await until(() => byText<HTMLLabelElement>(item, '藤阪分室', 'label'))
    const save = () => byText<HTMLButtonElement>(item, '変更する', 'button[type=submit]')
    expect(
      [...item.querySelectorAll<HTMLInputElement>('input[type=radio]')].some((r) => r.checked),
    ).toBe(false)
    expect(save().disabled).toBe(true)
    byText<HTMLLabelElement>(item, '藤阪分室', 'label').querySelector('input')!.click()
    await until(() => expect(save().disabled).toBe(false))
  })

  it('HOLD-CHANGE: moved, but the system stopped answering before listing it: said done, the hold stays listed and the list is read again', async () => {
    m = await mount('holds')
    m.fake.unlisted = true
    const item = await until(() => holdItem(m!.root, '世界の料理'))
    await click(item, '受取場所を変更する')
    const radio = await until(() => byText<HTMLLabelElement>(item, '藤阪分室', 'label'))
    radio.querySelector('input')!.click()
    await click(item, '変更する', 'button[type=submit]')
    await click(await until(() => item.querySelector('.confirm')!), '変更する')
    await until(() => expect(text(m!.root)).toContain('受取場所を変更しました。'))
    // Not taken off the list as a cancelled hold would be; the reload shows the new place.
    await until(() => expect(text(holdItem(m!.root, '世界の料理'))).toContain('受取場所：藤阪分室'))
    const lists = m.requests.filter((r) => r.method === 'GET' && r.path === '/api/holds')
    expect(lists.length).toBeGreaterThan(1)
  })

  it('HOLD-QUEUE: ready first with its deadline, then in transit, then waiting by 予約順位', async () => {
    m = await mount('holds', { fake: withSet() })
    await until(() => holdItem(m!.root, '世界の料理'))
    const titles = [...m.root.querySelectorAll('li.item h2')].map((h) => h.textContent)
    expect(titles).toEqual([
      '川べりの四季',
      '海辺の物語 上',
      'ジャズ名盤集',
      '世界の料理',
      '海辺の物語 下',
    ])
    const transit = holdItem(m.root, '海辺の物語 上')
    expect(text(transit)).toContain('へ運んでいます。届くと、受け取れるようになります。')
    expect(text(transit)).not.toContain('確保中')
  })

  it('HOLD-LIMIT: after a cancel the header count follows (予約 n／15点)', async () => {
    m = await mount('holds')
    await until(() => expect(text(m!.root)).toContain('予約 3／15点'))
    const item = holdItem(m.root, '世界の料理')
    await click(item, '予約を取り消す')
    await click(item.querySelector('.confirm')!, '予約を取り消す')
    await until(() => expect(text(m!.root)).toContain('予約 2／15点'))
  })

  it('HOLD-SET / HOLD-CHANGE: changing one volume asks whether the whole set moves, and confirms', async () => {
    m = await mount('holds', { fake: withSet() })
    const item = await until(() => holdItem(m!.root, '海辺の物語 下'))
    await click(item, '受取場所を変更する')
    await until(() => expect(text(item)).toContain('セットの全巻（まだ用意していない巻）'))
    const radio = await until(
      () => byText<HTMLLabelElement>(item, '藤阪分室', 'label').querySelector('input')!,
    )
    radio.click()
    await click(item, '変更する', 'button[type=submit]')
    await until(() =>
      expect(text(item)).toContain('セットの全巻の受取場所を「藤阪分室」に変更します。'),
    )
    await click(item.querySelector('.confirm')!, '変更する')
    await until(() => expect(text(m!.root)).toContain('受取場所を変更しました。'))
    const patch = m.requests.find((r) => r.method === 'PATCH')
    expect(patch).toMatchObject({
      path: '/api/holds/205',
      body: { pickupPlaceId: 3, wholeSet: true },
    })
  })
})

/** The fixture holds plus a two-volume set: 上 in transit, 下 waiting 5th. */
function withSet(): FakeLibrary {
  const fake = new FakeLibrary()
  const base = fake.holds[0]!
  const set = (id: number, titleId: number, volume: number) => ({
    ...base,
    id,
    title: { ...base.title, id: titleId, name: `海辺の物語 ${volume === 1 ? '上' : '下'}` },
    set: { groupId: 9, volume, of: 2 },
  })
  fake.holds = [
    ...fake.holds,
    { ...set(204, 11, 1), state: 'in_transit', queuePosition: null },
    { ...set(205, 12, 2), queuePosition: 5 },
  ]
  return fake
}

describe('予約の休止 (HOLD-SUSPEND)', () => {
  it('HOLD-SUSPEND: a waiting hold is suspended until a chosen day, shown as 休止中, and resumed', async () => {
    m = await mount('holds')
    const ready = await until(() => holdItem(m!.root, '川べりの四季'))
    expect(text(ready)).not.toContain('休止する')
    const item = holdItem(m.root, '世界の料理')
    await click(item, '休止する')
    const input = await until(() => item.querySelector<HTMLInputElement>('input[type=date]')!)
    expect(input.max).toBe('2026-08-09')
    expect(text(item)).toContain('2026年8月9日(日)まで選べます。')
    input.value = '2026-06-30'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await click(item, '休止する', 'button[type=submit]')
    await until(() => expect(text(m!.root)).toContain('6月30日まで予約を休止しました。'))
    const after = holdItem(m.root, '世界の料理')
    expect(text(after)).toContain('休止中（6月30日まで）')
    expect(text(after)).toContain('予約順位 3位')
    expect(m.requests.find((r) => r.method === 'POST')?.path).toBe('/api/holds/201/suspend')
    await click(after, '再開する')
    await until(() => expect(text(m!.root)).toContain('予約を再開しました。'))
    expect(text(holdItem(m.root, '世界の料理'))).not.toContain('休止中')
  })
})
