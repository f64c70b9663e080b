/**
 * The built LIFF app in Debian Chromium at 360 px: the card decodes with a real barcode reader
 * (from the network, then from the cache with the network stalled), renew, cancel, set hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCodabar } from './barcode-reader.ts'
import { appUrl, type Harness, openContext, startHarness } from './browser.ts'
import { ME } from './fixtures.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => h?.close())

describe('LIFF app in Chromium', () => {
  it('LINE-CARD: the barcode in a screenshot decodes to the patron number, also from the cache with no network', async () => {
    const { page, context, stall } = await openContext(h)
    await page.goto(appUrl(h, 'card'))
    await page.locator('svg.barcode').waitFor()
    await page.getByText('枚方 花子').waitFor()
    expect(readCodabar(await page.screenshot())).toBe(`A${ME.patronNumber}A`)

    // Second open: LIFF config and the API never answer, yet the card is there.
    stall.on = true
    await page.reload()
    await page.locator('svg.barcode').waitFor()
    expect(await page.evaluate(() => window.__bunkoCardDrawnFrom)).toBe('cache')
    expect(readCodabar(await page.screenshot())).toBe(`A${ME.patronNumber}A`)
    const box = await page.locator('svg.barcode').boundingBox()
    // As wide as a 360 px screen allows (less its 1rem margins), in whole device pixels a module.
    expect(box?.width).toBeGreaterThan(0.8 * (360 - 32))
    await context.close()
  })

  it('LINE-CARD: a copy button puts the digits on the clipboard and says so', async () => {
    const { page, context } = await openContext(h)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h.served.origin,
    })
    await page.goto(appUrl(h, 'card'))
    await page.getByRole('button', { name: '番号をコピー' }).click()
    await page.getByText('利用者番号をコピーしました。').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ME.patronNumber)
    await context.close()
  })

  it('RENEW-NO-GAIN: renew a loan, seeing the new due date first', async () => {
    const { page, context, fake } = await openContext(h)
    await page.goto(appUrl(h, 'loans'))
    const item = page.locator('li.item', { hasText: 'はじめての天体観測' })
    await item.getByRole('button', { name: '延長する' }).click()
    await item
      .getByText('返却期限は2026年5月15日(金)から2026年5月25日(月)になります。', { exact: false })
      .waitFor()
    await item.locator('.confirm').getByRole('button', { name: '延長する' }).click()
    await item.getByText('延長しました。新しい返却期限は 2026年5月25日(月) です。').waitFor()
    expect(fake.loans.find((l) => l.id === 101)?.dueDate).toBe('2026-05-25')
    await expect
      .poll(() => page.locator('li.item', { hasText: '猫と暮らす' }).textContent())
      .toContain('予約が入っています')
    await context.close()
  })

  it('HOLD-CANCEL: cancel a hold; a ready hold offers the library phone instead', async () => {
    const { page, context, fake } = await openContext(h)
    await page.goto(appUrl(h, 'holds'))
    const ready = page.locator('li.item', { hasText: '川べりの四季' })
    await expect.poll(() => ready.getByRole('link').getAttribute('href')).toBe('tel:05071058141')
    const item = page.locator('li.item', { hasText: '世界の料理' })
    await item.getByRole('button', { name: '予約を取り消す' }).click()
    await item.locator('.confirm').getByRole('button', { name: '予約を取り消す' }).click()
    await page.getByText('予約を取り消しました。').waitFor()
    expect(fake.holds.some((x) => x.id === 201)).toBe(false)
    expect(await page.locator('li.item', { hasText: '世界の料理' }).count()).toBe(0)
    await context.close()
  })

  it('HOLD-SET: place a set hold through search → detail → cart → pickup → confirm → done', async () => {
    const { page, context, fake } = await openContext(h)
    await page.goto(appUrl(h, 'search'))
    await page.getByLabel('キーワード（書名・著者名・出版者・ISBN）').fill('海辺')
    await page.getByRole('button', { name: '検索する' }).click()
    await page.getByRole('link', { name: '海辺の物語 上' }).click()
    await page.getByRole('button', { name: 'セットの全巻をカートに入れる' }).click()
    await page.getByRole('link', { name: 'カートに入っています' }).click()
    await page.getByText('「海辺の物語」はセット予約になります').waitFor()
    await page.getByRole('link', { name: '受取場所を選ぶ' }).click()
    await page.getByLabel(/予約図書受取ロッカー/).check()
    await page.getByRole('button', { name: '確認画面へ進む' }).click()
    await page.getByRole('heading', { level: 1, name: '予約内容の確認' }).waitFor()
    await page.getByRole('button', { name: '予約する' }).click()
    await page.getByRole('heading', { level: 1, name: '予約を受け付けました' }).waitFor()
    const placed = fake.holds.filter((x) => x.id >= 900)
    expect(placed.map((x) => x.title.id)).toEqual([11, 12])
    expect(placed.map((x) => x.set?.volume)).toEqual([1, 2])
    expect(new Set(placed.map((x) => x.set?.groupId)).size).toBe(1)
    expect(placed[0]?.pickupPlace?.kind).toBe('locker')
    await context.close()
  })

  it('issue 21: a search that finds more than it counts says 「…件以上」', async () => {
    const { page, context, fake } = await openContext(h)
    fake.searchCap = 1
    await page.goto(appUrl(h, 'search?q=海辺'))
    await page.getByRole('status').filter({ hasText: '1件以上見つかりました。' }).waitFor()
    fake.searchCap = 1000
    await page.goto(appUrl(h, 'search?q=海辺&page=1'))
    await page.getByRole('status').filter({ hasText: '2件見つかりました。' }).waitFor()
    await context.close()
  })
})
