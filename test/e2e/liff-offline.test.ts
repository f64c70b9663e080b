/**
 * The LIFF app on a later open (issue 21), in Chromium against the real bot: the service
 * worker keeps the page and its files, and the page draws the card its LINE user last saw
 * before anything else loads, so the card is there with the network off. It is that user's
 * card only: another LINE user on the same browser never sees it, and after unlinking there
 * is no card to draw. Behaviour only: no timing is asserted here (npm run bench:liff).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkPatron } from '../bot/link-flow.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { type E2E, liffUrl, openTab, POLL, startE2E, type Tab } from './harness.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001', name: '山田 花子' }

let e: E2E
let hanako: string
let other: string

beforeAll(async () => {
  e = await startE2E()
  hanako = e.b.users[0]!.userId
  other = e.b.users[1]!.userId
  for (const u of [hanako, other]) await e.b.sim.users.follow(u)
  await e.b.settled()
  await linkPatron(e.b, hanako, HANAKO.number, HANAKO.password)
}, 90_000)
afterAll(async () => e?.close())

/** Her card opened once online, and the service worker installed and active. */
async function firstOpen(): Promise<Tab> {
  const tab = await openTab(e, { width: 390, height: 844 })
  await tab.page.goto(liffUrl(e.b, hanako, 'card'))
  await tab.page.getByText(HANAKO.name, { exact: true }).waitFor()
  await tab.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  return tab
}

/** A new open of the LIFF window (a new document, not a hash change in the old one). */
async function reopen(tab: Tab, userId: string, route: string): Promise<void> {
  await tab.page.goto('about:blank')
  await tab.page.goto(liffUrl(e.b, userId, route))
}

const barcodes = (tab: Tab) => tab.page.locator('svg.barcode').count()

describe('a later open of the LIFF app', () => {
  it('LINE-CARD: with the network off, the page and her card come from this phone and scan as her number', async () => {
    const tab = await firstOpen()
    await tab.context.setOffline(true)
    await reopen(tab, hanako, 'card')
    await tab.page.locator('svg.barcode').waitFor()
    expect(readCodabar(await tab.page.screenshot())).toBe(`A${HANAKO.number}A`)
    // The app's bundle (from the worker's cache) ran and took over from the first paint.
    await expect
      .poll(() => tab.page.evaluate(() => performance.getEntriesByName('bunko:start').length), POLL)
      .toBe(1)
    expect(await barcodes(tab)).toBe(1)
    expect(
      tab.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p)),
    ).toEqual([])
    // The worker keeps no patron data: /api/ is not answered from any cache.
    const kept = await tab.page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(req.url)
      return urls
    })
    expect(kept.some((u) => u.endsWith('/liff/'))).toBe(true)
    expect(kept.filter((u) => !/\/liff\/(assets\/[\w.-]+)?$/.test(new URL(u).pathname))).toEqual([])
    await tab.context.close()
  })

  it('the worker answers a later open without the page preloads, and the app still starts LIFF from its cache', async () => {
    const tab = await openTab(e, { width: 390, height: 844 })
    const url = liffUrl(e.b, hanako, 'card')
    // The first open comes from the network, preloading the LIFF chunks with the entry.
    const first = await tab.page.goto(url)
    expect(first?.fromServiceWorker()).toBe(false)
    expect(await first?.text()).toContain('rel="modulepreload"')
    await tab.page.getByText(HANAKO.name, { exact: true }).waitFor()
    await tab.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    // Kept so, not taken out on each answer: a later open gets the kept body as it is.
    const kept = () =>
      tab.page.evaluate(async () => {
        const res = await caches.match('/liff/')
        return { date: res?.headers.get('date') ?? '', body: (await res?.text()) ?? '' }
      })
    const installed = await kept()
    expect(installed.body).toContain('<script type="module"')
    expect(installed.body).not.toContain('rel="modulepreload"')
    // A second later, so that the copy the later open's background refresh keeps has a new Date.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await tab.page.goto('about:blank')
    const later = await tab.page.goto(url)
    expect(later?.fromServiceWorker()).toBe(true)
    const page = (await later?.text()) ?? ''
    expect(page).toContain('<script type="module"')
    expect(page).not.toContain('rel="modulepreload"')
    // Still the whole page under its policy: the inline script drew the card, and LIFF's chunks,
    // no longer preloaded, were imported from the worker's cache when the entry asked for them.
    expect(later?.headers()['content-security-policy']).toContain("'sha256-")
    await tab.page.getByText(HANAKO.name, { exact: true }).waitFor()
    expect(
      await tab.page.evaluate(() => performance.getEntriesByName('bunko:early-card').length),
    ).toBe(1)
    await expect
      .poll(
        () => tab.page.evaluate(() => performance.getEntriesByName('bunko:session').length),
        POLL,
      )
      .toBe(1)
    const sdk = await tab.page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => /\/liff\/assets\/liff-sdk-/.test(r.name))
        .map((r) => r.workerStart),
    )
    expect(sdk.length).toBe(1)
    expect(sdk[0]).toBeGreaterThan(0)
    // The page the background refresh fetched is kept the same way.
    await expect.poll(async () => (await kept()).date, POLL).not.toBe(installed.date)
    expect((await kept()).body).not.toContain('rel="modulepreload"')
    expect(tab.problems).toEqual([])
    await tab.context.close()
  })

  it('another LINE user opening the app in the same browser never sees her card', async () => {
    const tab = await firstOpen()
    await reopen(tab, other, 'card')
    // Not linked: told how to link, and at no point a barcode.
    await tab.page.getByText('アカウント連携', { exact: false }).first().waitFor()
    expect(await barcodes(tab)).toBe(0)
    expect(await tab.page.getByText(HANAKO.name).count()).toBe(0)
    // Her card was forgotten when LIFF named the other user: offline, she gets no card either.
    await tab.context.setOffline(true)
    await reopen(tab, hanako, 'card')
    await tab.page.locator('#main').waitFor()
    expect(await barcodes(tab)).toBe(0)
    await tab.context.close()
  })

  it('LINE-LINK: after unlinking in 設定, a later open draws no card, online or offline', async () => {
    const tab = await firstOpen()
    await reopen(tab, hanako, 'settings')
    await tab.page.getByRole('button', { name: '連携を解除する' }).click()
    await tab.page.getByRole('button', { name: '連携を解除する' }).click()
    await tab.page.getByText('LINE連携を解除しました', { exact: false }).waitFor()
    for (const offline of [true, false]) {
      await tab.context.setOffline(offline)
      await reopen(tab, hanako, 'card')
      await tab.page.locator('#main').waitFor()
      if (!offline) await tab.page.getByText('アカウント連携', { exact: false }).first().waitFor()
      expect(await barcodes(tab), offline ? 'offline' : 'online').toBe(0)
    }
    await tab.context.close()
  })
})
