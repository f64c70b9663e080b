/**
 * The Content-Security-Policy in a real Chromium: the built LIFF app, the link page and the
 * password page run under it without one violation (no inline script, no stray origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestLinkPage } from '../bot/link-flow.ts'
import { type E2E, liffUrl, linkHanako, openTab, POLL, startE2E } from './harness.ts'

let e: E2E
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
}, 60_000)
afterAll(async () => e?.close())

async function visit(url: string, ready: string) {
  const tab = await openTab(e)
  const violations: string[] = []
  await tab.page.exposeFunction('__cspViolation', (v: string) => violations.push(v))
  await tab.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (ev) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${ev.violatedDirective} ${ev.blockedURI}`,
      ),
    )
  })
  const res = await tab.page.goto(url)
  expect(res?.headers()['content-security-policy']).toBeTruthy()
  await expect.poll(() => tab.page.locator(ready).first().isVisible(), POLL).toBe(true)
  await tab.page.waitForTimeout(300)
  await tab.context.close()
  return { violations, problems: tab.problems }
}

describe('Content-Security-Policy in Chromium', () => {
  it('the LIFF app (card and loans) runs with no violation', async () => {
    for (const [route, ready] of [
      ['card', 'svg.barcode'],
      ['loans', 'text=らいおんのおまつり'],
    ] as const) {
      const seen = await visit(liffUrl(e.b, userId, route), ready)
      expect(seen.violations, route).toEqual([])
      expect(
        seen.problems.filter((p) => /Content Security Policy/i.test(p)),
        route,
      ).toEqual([])
    }
  })

  it('the LIFF page’s stylesheet: the card’s first paint’s part in the head, the rest after that paint’s script, both applied', async () => {
    const tab = await openTab(e)
    await tab.page.goto(liffUrl(e.b, userId, 'card'))
    await tab.page.getByRole('button', { name: '番号をコピー' }).waitFor()
    const seen = await tab.page.evaluate(() => {
      const later = document.querySelector('body > style')
      const early = later?.previousElementSibling
      return {
        head: document.head.querySelectorAll('style').length,
        laterAfterScript: early?.tagName === 'SCRIPT' && !early.hasAttribute('src'),
        // One rule of each part: the barcode's (head) and every button's 44 px (after).
        barcode: getComputedStyle(document.querySelector('svg.barcode')!).display,
        button: getComputedStyle(document.querySelector('main button')!).minHeight,
      }
    })
    expect(seen).toEqual({ head: 1, laterAfterScript: true, barcode: 'block', button: '44px' })
    await tab.context.close()
  })

  it('the link and password pages render with no violation', async () => {
    const other = e.b.users[1]!.userId
    await e.b.sim.users.follow(other)
    await e.b.settled()
    const link = await visit(await requestLinkPage(e.b, other), 'text=利用者番号')
    expect(link.violations).toEqual([])
    const password = await visit(`${e.b.origin}/password`, 'text=利用者番号')
    expect(password.violations).toEqual([])
  })
})
