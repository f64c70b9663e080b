/**
 * /counter/stats in Debian's Chromium (issue 20), over the db suite's seeded history with known
 * answers: every chart is an SVG image with a sentence and a table, axe-core finds nothing
 * serious, each CSV download (UTF-8 with BOM) parses back to the numbers on the page, and no
 * patron or title appears. Bad periods and unknown charts are refused; signed out, nothing shows.
 */
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import axe from 'axe-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { buildFixture } from '../db/fixture.ts'
import { seedHistory } from '../db/suites/stats-history.ts'
import { type Harness, harness, STAFF } from './fixture.ts'

let browser: Browser
let h: Harness
let origin: string
let close: () => Promise<void>

beforeAll(async () => {
  h = await harness({
    demo: true,
    library: async (db) => {
      await buildFixture(db)
      await seedHistory(db)
    },
  })
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      origin = `http://127.0.0.1:${(info as AddressInfo).port}`
      close = () => new Promise((done) => server.close(() => done()))
      resolve()
    })
  })
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await close?.()
})

async function signedInPage(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    acceptDownloads: true,
    ...(viewport ? { viewport } : {}),
  })
  const page = await context.newPage()
  await page.goto(`${origin}/counter/sign-in`)
  await page.getByLabel('ログインID').fill(STAFF.login)
  await page.getByLabel('パスワード').fill(STAFF.password)
  await page.getByLabel(/窓口の図書館/).selectOption({ label: '中央図書館' })
  await Promise.all([
    page.waitForURL(`${origin}/counter`),
    page.getByRole('button', { name: 'サインイン' }).click(),
  ])
  return page
}

/** RFC 4180 fields, enough for what the page writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  for (const line of text.split('\r\n').filter(Boolean)) {
    const cells: string[] = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = !quoted
      else if (ch === ',' && !quoted) {
        cells.push(cell)
        cell = ''
      } else cell += ch
    }
    cells.push(cell)
    rows.push(cells)
  }
  return rows
}

const CHART_IDS = ['linked', 'link-events', 'notices', 'channels', 'shelf', 'expired', 'webhook']

describe('the statistics page in Chromium', () => {
  it('draws every chart as a labelled SVG with its sentence and table, and axe finds nothing serious', async () => {
    const page = await signedInPage()
    await page.goto(`${origin}/counter/stats?period=7d`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('統計')
    expect(await page.locator('[data-figure=linked]').textContent()).toBe('2人')
    expect(await page.locator('[data-figure=blocked]').textContent()).toBe('1人')
    expect(await page.locator('[data-figure=median]').textContent()).toBe('2時間1分')
    expect(
      await page
        .locator('section[data-chart]')
        .evaluateAll((s) => s.map((e) => e.getAttribute('data-chart'))),
    ).toEqual(CHART_IDS)
    for (const id of CHART_IDS) {
      const section = page.locator(`section[data-chart="${id}"]`)
      const svg = section.locator('svg[role=img]')
      expect(await svg.count(), id).toBe(1)
      // Named by its period; the shelf shows today, whatever the period.
      expect(await svg.getAttribute('aria-label'), id).toContain(
        id === 'shelf' ? '現在' : '直近7日',
      )
      // Plot drew marks, not just an empty frame.
      expect(await svg.locator('rect, path, circle').count(), id).toBeGreaterThan(0)
      expect((await section.locator('.stats-summary').textContent())?.length, id).toBeGreaterThan(
        10,
      )
    }
    expect(
      await page.locator('section[data-chart=channels] .stats-summary').textContent(),
    ).toContain('貸出延長：LINE 2件、カウンター 1件、自動貸出機（SIP2） 2件')
    const html = await page.content()
    for (const word of ['山田', '佐藤', '中村', 'U-alice', 'patron:', 'loan:', 'hold:'])
      expect(html).not.toContain(word)

    if (process.env.STATS_SCREENSHOT)
      await page.screenshot({ path: process.env.STATS_SCREENSHOT, fullPage: true })
    await page.evaluate(axe.source)
    const serious = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      })
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    })
    expect(serious).toEqual([])
    await page.context().close()
  })

  it('each CSV download has a BOM and parses back to the numbers in the page table', async () => {
    const page = await signedInPage()
    await page.goto(`${origin}/counter/stats?period=fy&fy=2026`)
    for (const id of CHART_IDS) {
      const section = page.locator(`section[data-chart="${id}"]`)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: /CSV/ }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`bunko-${id}-fy2026.csv`)
      const bytes = await readFile((await download.path())!)
      expect([...bytes.subarray(0, 3)], id).toEqual([0xef, 0xbb, 0xbf])
      const csv = parseCsv(bytes.subarray(3).toString('utf8'))
      const shown = await section
        .locator('table')
        .evaluate((t) =>
          [...t.querySelectorAll('tr')].map((tr) =>
            [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? ''),
          ),
        )
      expect(
        csv.map((r) => r.map((c) => (c === '' ? '—' : c))),
        id,
      ).toEqual(shown)
    }
    // And the numbers are the known ones: 8 channel actions in FY2026, 4 expired holds.
    const sumOf = async (id: string, column: number) => {
      const res = await page.request.get(
        `${origin}/counter/stats.csv?chart=${id}&period=fy&fy=2026`,
      )
      const rows = parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1)
      return rows.reduce((a, r) => a + Number(r[column]), 0)
    }
    expect(await sumOf('channels', 3)).toBe(8)
    expect(await sumOf('expired', 2)).toBe(4)
    expect(await sumOf('webhook', 2)).toBe(12)
    await page.context().close()
  })

  it('fits a 390 px phone at 150% text without the page scrolling sideways', async () => {
    const page = await signedInPage({ width: 390, height: 844 })
    await page.goto(`${origin}/counter/stats?period=30d`)
    await page.addStyleTag({ content: 'html{font-size:150%}' })
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.context().close()
  })

  it("lists the patron's own LINE actions in the audit console as the LINE channel", async () => {
    const page = await signedInPage()
    await page.goto(`${origin}/counter/audit`)
    const lineRows = page.locator('tr[data-action="loan.renew"]', { hasText: '利用者（LINE）' })
    expect(await lineRows.count()).toBe(2)
    expect(await page.locator('tr[data-action="line.link"]').first().textContent()).toContain(
      'LINE 連携',
    )
    await page.context().close()
  })

  it('refuses a bad period or an unknown chart, and shows nothing when signed out', async () => {
    const page = await signedInPage()
    const bad = await page.goto(`${origin}/counter/stats?period=5y`)
    expect(bad?.status()).toBe(400)
    expect(await page.locator('.error, [role=alert]').first().textContent()).toContain(
      '期間の指定が正しくありません',
    )
    expect(await page.locator('section[data-chart]').count()).toBe(0)
    expect((await page.request.get(`${origin}/counter/stats?period=fy&fy=1999`)).status()).toBe(400)
    expect(
      (await page.request.get(`${origin}/counter/stats.csv?chart=nope&period=7d`)).status(),
    ).toBe(404)
    await page.context().close()
    const anonymous = await browser.newContext()
    const res = await anonymous.request.get(`${origin}/counter/stats.csv?chart=linked&period=7d`, {
      maxRedirects: 0,
    })
    expect(res.status()).toBe(303)
    expect(res.headers().location).toBe('/counter/sign-in')
    await anonymous.close()
  })
})
