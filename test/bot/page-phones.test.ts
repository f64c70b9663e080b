/**
 * The library's phone numbers on the link and password pages are `tel:` links (digits only
 * in the href, the number as written for its text) and, in Debian's Chromium, stay on one
 * line at 150% text in English (the walk found 「050-7105-」/「8141」), yet never make the
 * page scroll sideways at 200% on a 320 px phone.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { axe } from '../liff/browser.ts'
import { badLineStarts } from '../liff/line-breaks.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden, requestLinkPage, signInOnLinkPage } from './link-flow.ts'

let b: Bunko
let chromium: Browser
beforeAll(async () => {
  ;[b, chromium] = await Promise.all([startBunko(), launchChromium()])
  for (const u of b.users) await b.sim.users.follow(u.userId)
  await b.settled()
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await b?.close()
})

const TEL = '<a class="tel" href="tel:05071058141">050-7105-8141</a>'
/** 1000000004 has a loan 60+ days overdue: the refusal names 中央図書館 and its number. */
const OVERDUE = ['1000000004', 'makoto-0004'] as const
/** The link form's labels and button. */
const ENGLISH = { number: /^Patron number/, password: /^Password/, submit: 'Link' }
const JAPANESE = { number: /^利用者番号/, password: /^パスワード/, submit: '連携する' }

describe('library phone numbers on the pages', () => {
  it('the link page’s refusal links the number, in Japanese and in English', async () => {
    for (const [user, before] of [
      [b.users[0]!, '中央図書館（'],
      [b.users.find((u) => u.language === 'en')!, 'Central Library ('],
    ] as const) {
      const res = await signInOnLinkPage(b, await requestLinkPage(b, user.userId), ...OVERDUE)
      expect(res.res.status).toBe(400)
      expect(res.html).toContain(`${before}${TEL}`)
    }
  })

  it('the password page’s refusal links the number', async () => {
    const page = browser()
    const form = await page.get(`${b.origin}/password?lang=ja`)
    const res = await page.post(`${b.origin}/password?lang=ja`, {
      csrf: hidden(form.html, 'csrf'),
      number: '1000000008',
      name: '中村 翔太',
      phone: '090-9999-9999',
      password: 'shota-0008x',
      confirm: 'shota-0008x',
    })
    expect(res.res.status).toBe(400)
    expect(res.html).toContain(`中央図書館（${TEL}）`)
    // What the patron typed is never made a link.
    expect(res.html).not.toContain('tel:09099999999')
  })

  async function englishRefusal(width: number, textSize: number): Promise<Page> {
    return refusal('en', width, textSize)
  }

  async function refusal(lang: 'ja' | 'en', width: number, textSize: number): Promise<Page> {
    const context = await chromium.newContext({ viewport: { width, height: 700 } })
    const page = await context.newPage()
    await page.addInitScript((size) => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style')
        style.textContent = `html { font-size: ${size}% }`
        document.head.append(style)
      })
    }, textSize)
    const user = b.users.find((u) => u.language === lang)!
    const words = lang === 'en' ? ENGLISH : JAPANESE
    await page.goto(await requestLinkPage(b, user.userId))
    await page.getByLabel(words.number).fill(OVERDUE[0])
    await page.getByLabel(words.password).fill(OVERDUE[1])
    await page.getByRole('button', { name: words.submit }).click()
    await page.locator('#form-error').waitFor()
    return page
  }
  const lineBoxes = (page: Page) =>
    page.evaluate(() => document.querySelector('a.tel')!.getClientRects().length)
  const sideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

  it('at 150% text in English the number is one tap-to-call link on one line', async () => {
    for (const width of [390, 360, 320]) {
      const page = await englishRefusal(width, 150)
      const tel = page.getByRole('link', { name: '050-7105-8141' })
      expect(await tel.getAttribute('href')).toBe('tel:05071058141')
      expect(await lineBoxes(page), `${width} px`).toBe(1)
      expect(await sideways(page)).toBe(false)
      await page.context().close()
    }
  }, 60_000)

  it('at 150% text in Japanese no line of the page starts with ー, small kana or closing punctuation', async () => {
    for (const width of [390, 360, 320]) {
      const page = await refusal('ja', width, 150)
      expect(await badLineStarts(page), `${width} px`).toEqual([])
      expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat')
      await page.context().close()
    }
  }, 60_000)

  it('at 200% text on 320 px it may break but never scrolls sideways; axe finds nothing', async () => {
    const page = await englishRefusal(320, 200)
    expect(await sideways(page)).toBe(false)
    expect(await axe(page)).toEqual([])
    await page.context().close()
  }, 60_000)
})
