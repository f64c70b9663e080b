/**
 * axe-core on every page of the built app at 360 px (issue 6: "an axe-core check with no
 * violations on every page"), in Japanese and, for the card and loans, in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appUrl, axe, type Harness, openContext, startHarness } from './browser.ts'
import { FakeLibrary } from './fake-api.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => h?.close())

/** Route → something on the page that shows it has loaded its data. */
const PAGES: [string, string][] = [
  ['card', 'svg.barcode'],
  ['portal', 'text=貸出中 3点'],
  ['loans', 'text=猫と暮らす'],
  ['holds', 'text=川べりの四季'],
  ['search?q=海辺', 'text=2件見つかりました。'],
  ['title/11', 'text=楠葉図書館'],
  ['cart', 'text=セット予約になります'],
  ['pickup', 'text=予約図書受取ロッカー'],
  ['confirm', 'text=中央図書館'],
  ['favourites', 'text=はじめての天体観測'],
  ['shelf', 'text=読みたい本'],
  ['settings', 'text=予約資料の用意ができたとき'],
  ['done', 'text=予約の受付'],
]

function report(violations: Awaited<ReturnType<typeof axe>>): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    )
    .join('\n')
}

describe('axe-core, 360 px', () => {
  it('every page has no violations', async () => {
    const fake = new FakeLibrary()
    fake.favourites.add(13)
    const { page, context } = await openContext(h, fake)
    // A cart with a set and a chosen pickup place, so cart / pickup / confirm show everything.
    await page.goto(appUrl(h, 'card'))
    await page.evaluate(() => localStorage.setItem('bunko.pickup.v1', '1'))
    await page.goto(appUrl(h, 'title/11'))
    await page.getByRole('button', { name: 'セットの全巻をカートに入れる' }).click()
    const failures: string[] = []
    for (const [route, ready] of PAGES) {
      await page.goto(appUrl(h, route))
      await page.locator(ready).first().waitFor({ timeout: 5000 })
      const v = await axe(page)
      if (v.length) failures.push(`#/${route}\n${report(v)}`)
    }
    expect(failures.join('\n\n')).toBe('')
    await context.close()
  }, 90_000)

  it('open confirmations, the not-linked page and English pages have no violations', async () => {
    const { page, context } = await openContext(h)
    const failures: string[] = []
    const check = async (label: string) => {
      const v = await axe(page)
      if (v.length) failures.push(`${label}\n${report(v)}`)
    }
    await page.goto(appUrl(h, 'holds'))
    const item = page.locator('li.item', { hasText: '世界の料理' })
    await item.getByRole('button', { name: '予約を取り消す' }).click()
    await check('holds: cancel confirmation')
    await item.getByRole('button', { name: 'やめる' }).click()
    await item.getByRole('button', { name: '受取場所を変更する' }).click()
    await item.getByText('藤阪分室').waitFor()
    await check('holds: change pickup')
    await page.goto(`${h.served.origin}/liff/?simUserId=U1&lang=en#/loans`)
    await page.getByRole('heading', { name: 'Loans' }).waitFor()
    await page.getByText('someone is waiting for it').waitFor()
    await check('loans (English)')
    await context.close()

    const unlinked = await openContext(h, new FakeLibrary({ user: 'unlinked' }))
    await unlinked.page.goto(appUrl(h, 'card'))
    await unlinked.page.getByText('「アカウント連携」をタップ').waitFor()
    const v = await axe(unlinked.page)
    if (v.length) failures.push(`not linked\n${report(v)}`)
    await unlinked.context.close()
    expect(failures.join('\n\n')).toBe('')
  }, 60_000)
})
