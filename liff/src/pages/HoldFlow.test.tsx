// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { PLACES, titleById } from '../../../test/liff/fixtures.ts'
import {
  $,
  byText,
  click,
  type Mounted,
  mount,
  text,
  unmount,
  until,
} from '../../../test/liff/kit.tsx'
import { cartItems } from '../store.ts'

let m: Mounted | null = null
beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => m && unmount(m))

async function to(route: string, heading: string): Promise<void> {
  location.hash = `/${route}`
  await until(() => expect($(m!.root, 'h1').textContent).toBe(heading))
}

/** Title 12 reserved for pickup at place `id` (the last pickup kept), through 確認 to 完了. */
async function placeTitle12At(id: number, name: string): Promise<Mounted> {
  localStorage.setItem('bunko.pickup.v1', String(id))
  const page = await mount('title/12')
  m = page
  await click(page.root, 'カートに入れる', 'button')
  await to('confirm', '予約内容の確認')
  await until(() => expect(text(page.root)).toContain(name))
  await click(page.root, '予約する', 'button')
  await until(() => expect($(page.root, 'h1').textContent).toBe('予約を受け付けました'))
  return page
}

describe('search → detail → cart → pickup → confirm → done', () => {
  it('HOLD-SET: both volumes of a set go in the cart together and become one set hold', async () => {
    m = await mount('search?q=海辺')
    await until(() => expect(text(m!.root)).toContain('2件見つかりました。'))
    const hit = byText<HTMLElement>(m.root, '海辺の物語 上', 'li')
    expect(text(hit)).toContain('S セット資料（全2巻）')
    await to('title/11', '海辺の物語 上')
    expect(text(m.root)).toContain('セット資料です。上・下巻など')
    expect(text(m.root)).toContain('書架にあります')
    expect(text(m.root)).toContain('返却予定 2026年5月20日(水)')
    await click(m.root, 'セットの全巻をカートに入れる')
    expect(cartItems().map((i) => i.id)).toEqual([11, 12])

    await to('cart', '予約カート')
    expect(text(m.root)).toContain('「海辺の物語」はセット予約になります')
    await to('pickup', '受取場所')
    // The heading is drawn at once; the places arrive from the API after it.
    const legends = () => [...m!.root.querySelectorAll('legend')].map((l) => l.textContent)
    await until(() =>
      expect(legends()).toEqual([
        '図書館',
        '分室',
        '自動車文庫ステーション',
        '予約図書受取ロッカー',
      ]),
    )
    byText<HTMLLabelElement>(m.root, '藤阪分室', 'label').querySelector('input')!.click()
    await click(m.root, '確認画面へ進む', 'button')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約内容の確認'))
    await until(() => expect(text(m!.root)).toContain('藤阪分室'))
    await click(m.root, '予約する', 'button')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約を受け付けました'))
    expect(m.requests.find((r) => r.method === 'POST')?.body).toEqual({
      titleIds: [11, 12],
      pickupPlaceId: 3,
    })
    expect(text(m.root)).toContain('お知らせから1週間以内にお受け取りください。')
    // The place is said once, in core's confirmation (HOLD-SCOPE, NOTICE-SLOTS), as the server
    // words it: not again under each hold.
    expect(text(m.root)).toContain('2点の予約を受け付けました。受取場所は藤阪分室です。')
    expect(text(m.root)).toContain('ご用意ができたら、LINEで10時・16時のいずれかにお知らせします。')
    // A notice will come: nobody to phone, so no call button.
    expect(m.root.querySelector('a[href^="tel:"]')).toBeNull()
    const lines = [...m.root.querySelectorAll('li.item p')].map((p) => p.textContent)
    expect(lines.join(' ')).not.toContain('受取場所')
    expect(text(m.root)).toContain('セット予約 1／2巻目')
    expect(text(m.root)).toContain('セット予約 2／2巻目')
    expect(cartItems()).toEqual([])
  })

  it('NOTICE-KINDS: with LINE hold notices off (and no e-mail), confirm and done never promise a LINE notice', async () => {
    const fake = new FakeLibrary()
    fake.prefs = { line: { hold_ready: false, overdue: true } }
    localStorage.setItem('bunko.pickup.v1', '1')
    m = await mount('title/12', { fake })
    await click(m.root, 'カートに入れる', 'button')
    await to('confirm', '予約内容の確認')
    // A patron walk: that no notice will come, where to look, how to have LINE: a paragraph
    // each, the words as they were. It asks nobody to phone, so no call button.
    const notes = () => [...m!.root.querySelectorAll('p.note')].map((p) => p.textContent)
    await until(() =>
      expect(notes()).toEqual([
        'いまの設定では、ご用意ができてもお知らせは届きません。',
        '予約中一覧でご確認ください。',
        'LINEで受け取るには、設定の「LINEでのお知らせ」をご確認ください。',
      ]),
    )
    expect(text(m.root)).not.toContain('LINEでお知らせします')
    expect(m.root.querySelector('a[href^="tel:"]')).toBeNull()
    await click(m.root, '予約する', 'button')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約を受け付けました'))
    // A patron walk: one paragraph was too much to scan at 150% text. What happened, why no
    // notice will come, what to do (with the place's phone): a paragraph each.
    const page = $(m.root, 'h1').parentElement!
    const paragraphs = [...page.children].filter((e) => e.tagName === 'P').map((p) => p.textContent)
    expect(paragraphs).toEqual([
      '1点の予約を受け付けました。受取場所は中央図書館です。',
      '書架にある資料でも、すぐにご用意できるとは限りません。',
      '設定で「予約資料の用意ができたとき」のLINEのお知らせがオフになっているため、LINEではお知らせしません。',
      'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
      '予約中一覧でご確認いただくか、中央図書館（050-7105-8141）へお電話でお問い合わせください。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
      'ご用意ができてから1週間以内にお受け取りください。',
    ])
    // The place to phone has its call button, right under the line that says to phone it,
    // from the response's contact; the only one on the page.
    const tel = byText<HTMLAnchorElement>(page, '中央図書館に電話する（050-7105-8141）', 'a')
    expect(tel.getAttribute('href')).toBe('tel:05071058141')
    expect(tel.previousElementSibling?.textContent).toBe(
      '予約中一覧でご確認いただくか、中央図書館（050-7105-8141）へお電話でお問い合わせください。',
    )
    expect(page.querySelectorAll('a[href^="tel:"]')).toHaveLength(1)
    expect(text(m.root)).not.toContain('LINEで10時')
  })

  it('HOLD-LOCKER: a hold for a locker says 4 days on the done page, not a week', async () => {
    m = await placeTitle12At(5, '枚方市駅 予約図書受取ロッカー')
    expect(text(m.root)).toContain('お知らせから4日以内にロッカーからお受け取りください。')
    expect(text(m.root)).not.toContain('1週間')
  })

  it('HOLD-BOOKMOBILE: a hold for a station says the visit the notice names or the one after, not a week', async () => {
    m = await placeTitle12At(4, '自動車文庫 長尾台ステーション')
    expect(text(m.root)).toContain('お知らせする運行日か、その次の運行日にお受け取りください。')
    expect(text(m.root)).not.toContain('1週間')
  })

  it('完了 reloaded: the confirmation, the days and the call button again, never the titles', async () => {
    m = await placeTitle12At(5, '枚方市駅 予約図書受取ロッカー')
    const words = () =>
      [...m!.root.querySelectorAll('main p')]
        .filter((p) => !p.closest('li'))
        .map((p) => p.textContent)
    const said = words()
    expect(said).toHaveLength(4)
    expect(text(m.root)).toContain('海辺の物語 下')
    unmount(m)
    m = await mount('done')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約を受け付けました'))
    expect(words()).toEqual(said)
    expect(text(m.root)).toContain('お知らせから4日以内にロッカーからお受け取りください。')
    expect(text(m.root)).not.toContain('海辺の物語')
    expect(sessionStorage.getItem('bunko.done.v1')).not.toContain('海辺')
  })

  it("HOLD-LOCKER: the pickup page's locker note says the lockers' own days (the library's Policy), not a fixed 4", async () => {
    const locker = PLACES.find((p) => p.kind === 'locker')!
    const days = locker.pickupDays
    locker.pickupDays = 3
    try {
      m = await mount('title/12')
      await click(m.root, 'カートに入れる', 'button')
      await to('pickup', '受取場所')
      await until(() =>
        expect(text(m!.root)).toContain('お知らせから3日以内にお受け取りください。'),
      )
    } finally {
      locker.pickupDays = days
    }
  })

  it('the cart is kept on the server: it survives LINE dropping the app storage', async () => {
    const fake = new FakeLibrary()
    m = await mount('title/12', { fake })
    await click(m.root, 'カートに入れる', 'button')
    await until(() => expect(fake.cart).toEqual([12]))
    unmount(m)
    localStorage.clear()
    m = await mount('cart', { fake })
    await until(() => expect(text(m!.root)).toContain('海辺の物語 下'))
    expect(cartItems().map((i) => i.id)).toEqual([12])
  })

  it('a cart kept only on the phone before is handed to the server once', async () => {
    const fake = new FakeLibrary()
    localStorage.setItem('bunko.cart.v1', JSON.stringify([titleById(16)]))
    m = await mount('cart', { fake })
    await until(() => expect(fake.cart).toEqual([16]))
    expect(text(m.root)).toContain('猫と暮らす')
  })

  it('HOLD-SET: a cart with one volume offers the missing ones', async () => {
    m = await mount('title/12')
    await click(m.root, 'カートに入れる', 'button')
    await to('cart', '予約カート')
    expect(text(m.root)).toContain('「海辺の物語」の上はまだカートに入っていません。')
    await click(m.root, '残りの巻も入れる', 'button')
    await until(() => expect(text(m!.root)).toContain('セット予約になります'))
    expect(
      cartItems()
        .map((i) => i.id)
        .sort(),
    ).toEqual([11, 12])
  })

  it('HOLD-NONCIRC: a 禁帯出 title says why and has no cart button', async () => {
    m = await mount('title/14')
    await until(() => expect(text(m!.root)).toContain('禁帯出資料'))
    expect(text(m.root)).not.toContain('カートに入れる')
  })

  it('HOLD-LIMIT: a refused cart stays as it was, with the reason and numbers', async () => {
    const fake = new FakeLibrary()
    fake.holds = Array.from({ length: 14 }, (_, i) => ({ ...fake.holds[0]!, id: 500 + i }))
    localStorage.setItem('bunko.pickup.v1', '1')
    m = await mount('title/11', { fake })
    await click(m.root, 'セットの全巻をカートに入れる', 'button')
    await to('confirm', '予約内容の確認')
    await until(() => expect(text(m!.root)).toContain('中央図書館'))
    await click(m.root, '予約する', 'button')
    await until(() => expect(text(m!.root)).toContain('現在15点中14点予約中のため'))
    expect($(m.root, 'h1').textContent).toBe('予約内容の確認')
    expect(cartItems()).toHaveLength(2)
  })

  it('confirm with an empty cart (Back after placing a hold) says so and where to go, with no dead 予約する button', async () => {
    localStorage.setItem('bunko.pickup.v1', '1')
    m = await mount('title/12')
    await click(m.root, 'カートに入れる', 'button')
    await to('confirm', '予約内容の確認')
    await click(m.root, '予約する', 'button')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約を受け付けました'))
    await to('confirm', '予約内容の確認')
    await until(() =>
      expect(text(m!.root)).toContain('カートが空のため、予約する資料がありません。'),
    )
    const links = [...m.root.querySelectorAll<HTMLAnchorElement>('main a.button')]
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['蔵書検索で探す', '#/search'],
      ['カートに戻る', '#/cart'],
    ])
    expect(m.root.querySelector('main button')).toBeNull()
  })
})
