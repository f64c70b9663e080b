/**
 * The link and password pages for everyone (WCAG 2.2.1, 1.3.5, 4.1.3, 3.3.1), in Debian's
 * Chromium: the link page says it lasts 10 minutes; after a wrong password the error takes
 * focus (so it is read out), the title says so, the fields are aria-invalid and point to it;
 * the password page lets the browser fill name and phone; axe finds nothing at 200% text and
 * 320 px, and neither page scrolls sideways.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { axe } from '../liff/browser.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { requestLinkPage } from './link-flow.ts'

let b: Bunko
let browser: Browser
let user: string

beforeAll(async () => {
  ;[b, browser] = await Promise.all([startBunko(), launchChromium()])
  user = b.users[0]!.userId
  await b.sim.users.follow(user)
  await b.settled()
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await b?.close()
})

async function largeTextPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } })
  const page = await context.newPage()
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style')
      style.textContent = 'html { font-size: 200% }'
      document.head.append(style)
    })
  })
  return page
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

describe('link and password pages', () => {
  it('ACC-SECRET: the link page states its 10 minutes; a wrong password is announced and marks the fields', async () => {
    const page = await largeTextPage()
    await page.goto(await requestLinkPage(b, user))
    await page.getByText('10分間有効です').waitFor()
    expect(await axe(page)).toEqual([])
    expect(await sideways(page)).toBe(false)
    await page.getByLabel(/^利用者番号/).fill('1000000001')
    await page.getByLabel(/^パスワード/).fill('not-her-password1')
    await page.getByRole('button', { name: '連携する' }).click()
    await page.locator('#form-error').waitFor()
    expect(await page.title()).toMatch(/^エラー：/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-error')
    for (const name of ['number', 'password']) {
      const input = page.locator(`#${name}`)
      expect(await input.getAttribute('aria-invalid')).toBe('true')
      expect(await input.getAttribute('aria-describedby')).toContain('form-error')
    }
    expect(await axe(page)).toEqual([])
    expect(await sideways(page)).toBe(false)
    await page.context().close()
  }, 60_000)

  it('ACC-RESET: /password lets the browser fill the name and phone (1.3.5), at 200% with no axe findings', async () => {
    const page = await largeTextPage()
    await page.goto(`${b.origin}/password`)
    expect(await page.locator('#name').getAttribute('autocomplete')).toBe('name')
    expect(await page.locator('#phone').getAttribute('autocomplete')).toBe('tel')
    expect(await page.locator('form[autocomplete=off]').count()).toBe(0)
    expect(await axe(page)).toEqual([])
    expect(await sideways(page)).toBe(false)
    await page.context().close()
  }, 60_000)
})
