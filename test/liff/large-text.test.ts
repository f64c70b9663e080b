/**
 * The built app at phone sizes with the text made larger, as a patron with large text sees it
 * (WCAG 1.4.4 / 1.4.10 / 2.4.11): 390 px at 150% and 320 px at 200%. Nothing scrolls
 * sideways, the menu keeps its words whole and sits at the bottom, a focused control is never
 * under the sticky menu, no line starts with what Japanese typesetting forbids there (a
 * long-vowel mark, small kana, closing punctuation), and axe finds nothing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ja } from '../../liff/src/i18n/ja.ts'
import { appUrl, axe, type Harness, openContext, startHarness } from './browser.ts'
import { FakeLibrary } from './fake-api.ts'
import { badLineStarts, brokenBetweenPhrases, linesOf, menuRows } from './line-breaks.ts'

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
  ['search?q=海辺&page=99', 'text=1ページ目へ'],
  ['isbn', 'text=蔵書検索へ'],
  ['title/11', 'text=楠葉図書館'],
  ['cart', 'text=セット予約になります'],
  ['pickup', 'text=予約図書受取ロッカー'],
  ['confirm', 'text=中央図書館'],
  ['favourites', 'text=はじめての天体観測'],
  ['shelf', 'text=読みたい本'],
  ['settings', 'text=予約資料の用意ができたとき'],
  ['done', 'text=予約の受付'],
]

const MENU_LABELS = '.menu-bar a > span:first-child'
const PHRASES = [ja.nav.bar.card, ja.nav.bar.portal, ja.nav.bar.search, ja.nav.bar.cart]

/** A context whose text is `percent` of normal, as the phone's text-size setting makes it. */
async function open(width: number, height: number, percent: number) {
  const fake = new FakeLibrary()
  fake.favourites.add(13)
  const opened = await openContext(h, fake, { width, height })
  await opened.page.addInitScript((p) => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style')
      style.textContent = `html { font-size: ${p}% }`
      document.head.append(style)
    })
  }, percent)
  const { page } = opened
  await page.goto(appUrl(h, 'card'))
  // The card drawn: the app has started before the next page is opened in the same document.
  await page.locator('svg.barcode').waitFor()
  await page.evaluate(() => localStorage.setItem('bunko.pickup.v1', '1'))
  await page.goto(appUrl(h, 'title/11'))
  await page.getByRole('button', { name: 'セットの全巻をカートに入れる' }).click()
  await page.getByText('カートに入っています').waitFor()
  return opened
}

const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = document.documentElement
    // The innermost elements that reach past the right edge: what makes the page wide.
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (e) => e.getBoundingClientRect().right > d.clientWidth + 1,
    )
    const culprits = wide
      .filter((e) => !wide.some((o) => o !== e && e.contains(o)))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent?.slice(0, 24)}"`)
    return d.scrollWidth > d.clientWidth
      ? `${d.scrollWidth} > ${d.clientWidth}: ${culprits.slice(0, 3).join('; ')}`
      : ''
  })

describe('large text', () => {
  it('320 px at 200%: no page scrolls sideways; the card number shows every digit; axe finds nothing', async () => {
    const { page, context } = await open(320, 640, 200)
    const failures: string[] = []
    for (const [route, ready] of PAGES) {
      await page.goto(appUrl(h, route))
      await page.locator(ready).first().waitFor({ timeout: 15_000 })
      const wide = await sideways(page)
      if (wide) failures.push(`#/${route}: ${wide}`)
      const v = await axe(page)
      if (v.length) failures.push(`#/${route}: ${v.map((x) => x.id).join(', ')}`)
      if (route === 'card') {
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('main *')].some(
            (e) => e.textContent?.trim() === '2100012345' && e.scrollWidth > e.clientWidth,
          ),
        )
        if (clipped) failures.push('#/card: the number is cut off')
      }
    }
    expect(failures.join('\n')).toBe('')
    await context.close()
  }, 120_000)

  it('390 px at 150%: the menu is one row, its words broken only between phrases; axe finds nothing; the menu sits at the bottom', async () => {
    const { page, context } = await open(390, 844, 150)
    const failures: string[] = []
    for (const [route, ready] of PAGES) {
      await page.goto(appUrl(h, route))
      await page.locator(ready).first().waitFor({ timeout: 15_000 })
      const v = await axe(page)
      if (v.length) failures.push(`#/${route}: ${v.map((x) => x.id).join(', ')}`)
      for (const laidOut of await badLineStarts(page))
        failures.push(`#/${route}: a line starts badly: ${laidOut}`)
    }
    // One row of four, each word on at most two lines broken at its phrase (never 図書館カ／ード).
    expect(await menuRows(page)).toEqual([4])
    const labels = await linesOf(page, MENU_LABELS)
    expect(
      labels.filter((l, i) => !brokenBetweenPhrases(l, PHRASES[i]!)),
      labels.join(' '),
    ).toEqual([])
    // At this size the longer words do take two lines: the bar is one row because of the breaks.
    expect(labels).toContain('図書館／カード')
    // Words stay whole in a wrapped label: 「出版者」 is never split across lines.
    await page.goto(appUrl(h, 'search'))
    const [keyword] = await linesOf(page, 'label[for=q]')
    const split = !keyword!.split('／').some((line) => line.includes('出版者'))
    expect(split).toBe(false)
    // A short page: the menu is at the bottom of the screen, not in the middle.
    await page.goto(appUrl(h, 'favourites'))
    await page.getByText('はじめての天体観測').waitFor()
    const bottom = await page.evaluate(
      () => document.querySelector('.menu-bar')!.getBoundingClientRect().bottom,
    )
    expect(Math.round(bottom)).toBe(844)
    expect(failures.join('\n')).toBe('')
    await context.close()
  }, 120_000)

  it('the menu is four across or two by two, never three and one; its words break only between phrases', async () => {
    const layouts: string[] = []
    for (const [width, percent] of [
      [320, 150],
      [360, 150],
      [390, 175],
      [390, 200],
      [414, 200],
      [320, 200],
      [320, 100],
    ] as const) {
      const { page, context } = await openContext(h, new FakeLibrary(), { width, height: 844 })
      await page.addInitScript((p) => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style')
          style.textContent = `html { font-size: ${p}% }`
          document.head.append(style)
        })
      }, percent)
      await page.goto(appUrl(h, 'card'))
      await page.locator('.menu-bar a').first().waitFor()
      const labels = await linesOf(page, MENU_LABELS)
      const whole = labels.every((l, i) => brokenBetweenPhrases(l, PHRASES[i]!))
      layouts.push(
        `${width}/${percent}: ${(await menuRows(page)).join('+')}${whole ? '' : ` ${labels.join(' ')}`}`,
      )
      await context.close()
    }
    expect(layouts).toEqual([
      '320/150: 2+2',
      '360/150: 2+2',
      '390/175: 2+2',
      '390/200: 2+2',
      '414/200: 2+2',
      '320/200: 2+2',
      '320/100: 4',
    ])
  }, 120_000)

  it('320 px at 200%: a control focused by Tab is never under the sticky menu (2.4.11)', async () => {
    const { page, context } = await open(320, 640, 200)
    await page.goto(appUrl(h, 'holds'))
    await page.getByRole('heading', { name: '川べりの四季' }).waitFor()
    const hidden: string[] = []
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab')
      const r = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (!el || el === document.body || el.closest('.menu-bar')) return null
        const menu = document.querySelector('.menu-bar')!.getBoundingClientRect()
        const box = el.getBoundingClientRect()
        return box.bottom > menu.top + 1 ? el.textContent?.slice(0, 20) : null
      })
      if (r) hidden.push(r)
    }
    expect(hidden).toEqual([])
    await context.close()
  }, 60_000)
})
