/**
 * The page's first paint on a later open (liff/src/early.ts, issue 21), on its own: with the
 * app's JavaScript never arriving, the inline script still draws her kept card, which scans
 * as her number; and it draws the kept words as text, never as markup. On a first open in demo
 * mode the page sends the first calls itself, without the app; with a kept card, only once the
 * card is drawn. In Chromium against the real bot, service workers blocked so that the test
 * decides what the page may load.
 * Behaviour only: no timing is asserted here (npm run bench:liff).
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCodabar } from '../liff/barcode-reader.ts'
import { type E2E, liffUrl, linkHanako, startE2E } from './harness.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001', name: '山田 花子' }

let e: E2E
let hanako: string

beforeAll(async () => {
  e = await startE2E()
  hanako = await linkHanako(e)
}, 90_000)
afterAll(async () => e?.close())

/** Her card opened once with everything loading, so the phone keeps it. */
async function keptCard(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'ja-JP',
    deviceScaleFactor: 2,
    serviceWorkers: 'block',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  await page.goto(liffUrl(e.b, hanako, 'card'))
  await page.getByText(HANAKO.name, { exact: true }).waitFor()
  // The card is kept just after it is drawn: wait for it, not only for her name on screen.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('bunko.card.v1') ?? '{}').early)
  return { context, page }
}

/** Opens the card again with the app's scripts refused: only the page itself runs. */
async function reopenWithoutApp(page: Page): Promise<void> {
  await page.route('**/liff/assets/*.js', (route) => route.abort())
  await page.goto('about:blank')
  await page.goto(liffUrl(e.b, hanako, 'card'))
  await page.locator('svg.barcode').waitFor()
}

describe('the first paint from the kept card', () => {
  it('LINE-CARD: draws her card before (here: without) the app, and it scans as her number', async () => {
    const { context, page } = await keptCard()
    await reopenWithoutApp(page)
    expect(readCodabar(await page.screenshot())).toBe(`A${HANAKO.number}A`)
    expect(await page.locator('h1').textContent()).toBe('図書館カード')
    expect(await page.locator('.digits').textContent()).toBe(HANAKO.number)
    expect(await page.locator('svg.barcode').getAttribute('aria-label')).toContain(HANAKO.number)
    // The app itself never ran: this is the inline script's drawing.
    const marks = await page.evaluate(() => ({
      early: performance.getEntriesByName('bunko:early-card').length,
      app: performance.getEntriesByName('bunko:start').length,
    }))
    expect(marks).toEqual({ early: 1, app: 0 })
    await context.close()
  })

  it('draws the kept words as text: markup in them is shown, never run', async () => {
    const { context, page } = await keptCard()
    const brand = '<img src=x onerror="window.__ran=1">図書館 & "本"'
    await page.evaluate((b) => {
      const card = JSON.parse(localStorage.getItem('bunko.card.v1') ?? '{}')
      card.early.brand = b
      localStorage.setItem('bunko.card.v1', JSON.stringify(card))
    }, brand)
    await reopenWithoutApp(page)
    expect(await page.locator('.brand').textContent()).toBe(brand)
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined()
    await context.close()
  })

  it('LINE-CARD: a first open asks for her card once (sent as LIFF starts, taken over by the page)', async () => {
    const context = await e.browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const calls: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith('/api/')) calls.push(path)
    })
    await page.goto(liffUrl(e.b, hanako, 'card'))
    await page.getByText(HANAKO.name, { exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(calls.filter((p) => p === '/api/me')).toHaveLength(1)
    expect(calls.filter((p) => p === '/api/family')).toHaveLength(1)
    expect(readCodabar(await page.screenshot())).toBe(`A${HANAKO.number}A`)
    await context.close()
  })

  it('issue 21: in demo mode the page itself sends the first calls, before (here: without) the app, and fetches no stylesheet', async () => {
    const context = await e.browser.newContext({ serviceWorkers: 'block' })
    const page = await context.newPage()
    await page.route('**/liff/assets/*.js', (route) => route.abort())
    const asked: string[] = []
    page.on('request', (r) => asked.push(new URL(r.url()).pathname))
    const answer = (path: string) => page.waitForResponse((r) => new URL(r.url()).pathname === path)
    const answered = [answer('/api/me'), answer('/api/family')]
    await page.goto(liffUrl(e.b, hanako, 'card'))
    for (const r of await Promise.all(answered)) expect(r.status()).toBe(200)
    expect(asked.filter((p) => p.startsWith('/api/') || p.includes('/id-token'))).toEqual([
      `/simulator/api/users/${hanako}/id-token`,
      '/api/me',
      '/api/family',
    ])
    // The app's CSS is in the page; the file is named for Vite's loader, never fetched.
    expect(asked.filter((p) => p.endsWith('.css'))).toEqual([])
    await context.close()
  })

  it('issue 21: with her kept card, the page draws it before sending the first calls, then sends them (here: without the app)', async () => {
    const { context, page } = await keptCard()
    // Every fetch the page makes, and how many had been made when the barcode first appeared.
    await context.addInitScript(() => {
      const w = window as unknown as { __fetches: number; __beforeCard?: number }
      w.__fetches = 0
      const send = window.fetch.bind(window)
      window.fetch = (...args: Parameters<typeof fetch>) => {
        w.__fetches++
        return send(...args)
      }
      new MutationObserver(() => {
        if (w.__beforeCard === undefined && document.querySelector('svg.barcode rect + rect'))
          w.__beforeCard = w.__fetches
      }).observe(document, { childList: true, subtree: true })
    })
    const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me')
    await reopenWithoutApp(page)
    expect(await page.evaluate(() => (window as { __beforeCard?: number }).__beforeCard)).toBe(0)
    expect((await me).status()).toBe(200)
    await context.close()
  })

  it('issue 21: an English phone’s page asks for the English words with the first calls, a Japanese one never', async () => {
    const asked = async (query: string) => {
      const context = await e.browser.newContext({ serviceWorkers: 'block' })
      const page = await context.newPage()
      await page.route('**/liff/assets/*.js', (route) => route.abort())
      const paths: string[] = []
      page.on('request', (r) => paths.push(new URL(r.url()).pathname))
      const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me')
      await page.goto(liffUrl(e.b, hanako, 'card').replace('/liff/?', `/liff/?${query}`))
      await me
      await context.close()
      return paths.filter((p) => /\/assets\/en-[^/]+\.js$/.test(p))
    }
    expect(await asked('lang=en&')).toHaveLength(1)
    expect(await asked('')).toEqual([])
  })
})
