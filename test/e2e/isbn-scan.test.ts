/**
 * Issue 19 item 6 in Chromium on the real thing: 山田 花子 opens 蔵書検索 in the try-it page's
 * LIFF panel, taps スキャン, and the simulator's code reader (liff.scanCodeV2) takes a picture
 * of an EAN-13 drawn by jsbarcode's encoder: a book the demo library has opens its title page.
 * A code the library lacks (typed into the reader) leads to 「この本は図書館にありません」 and
 * the purchase suggestion form; the counter's 購入リクエスト page then lists it. axe-core finds
 * nothing on the new pages.
 */
import { createRequire } from 'node:module'
import { sql } from 'drizzle-orm'
import type { FrameLocator, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertStaff } from '../../db/staff.ts'
import { type AxeViolation, axe } from '../liff/browser.ts'
import { type E2E, liffUrl, linkHanako, openTab, POLL, startE2E, type Tab } from './harness.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001' }
const STAFF = { login: 'e2e-isbn', name: '窓口 二郎', password: 'e2e-isbn-password-2026' }
/** Not in the demo catalogue (978-4-00-000001-7; the test checks). */
const NOT_HELD = '9784000000017'

const require = createRequire(import.meta.url)
type Ean13 = new (code: string, o: object) => { encode(): { data: string } }
const { default: EAN13 } = require('jsbarcode/bin/barcodes/EAN_UPC/EAN13.js') as {
  default: Ean13
}

/** An EAN-13 as a PNG: jsbarcode's modules, 3 px each, quiet zones, black on white. */
function ean13Png(code: string): Buffer {
  const bits = new EAN13(code, { flat: true }).encode().data
  const scale = 3
  const quiet = 12 * scale
  const width = bits.length * scale + 2 * quiet
  const height = 120
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = Math.floor((x - quiet) / scale)
      const black = x >= quiet && i < bits.length && bits[i] === '1'
      const o = (y * width + x) * 4
      png.data[o] = png.data[o + 1] = png.data[o + 2] = black ? 0 : 255
      png.data[o + 3] = 255
    }
  return PNG.sync.write(png)
}

let e: E2E
let tab: Tab
let page: Page
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
  await upsertStaff(e.b.db, STAFF, e.b.clock.now())
  tab = await openTab(e, { width: 1100, height: 900 })
  page = tab.page
}, 90_000)

afterAll(async () => {
  await tab?.context.close()
  await e?.close()
})

const panel = (): FrameLocator => page.frameLocator('#liff-frame')

/** The LIFF app's search page in the try-it page's panel, as the rich menu opens it. */
async function openSearch() {
  await page.goto(`${e.b.origin}/simulator?user=${encodeURIComponent(userId)}`)
  await page.evaluate(
    (url) => {
      const frame = document.getElementById('liff-frame') as HTMLIFrameElement
      frame.src = url
      document.getElementById('liff')!.hidden = false
    },
    liffUrl(e.b, userId, 'search'),
  )
  await panel().getByRole('button', { name: 'スキャン', exact: true }).waitFor()
}

describe('ISBN scan through the simulator', () => {
  it('a scanned picture of a held book’s EAN-13 opens its title page', async () => {
    const [held] = await e.b.db.all<{ id: number; title: string; isbn: string }>(
      sql`SELECT id, title, isbn FROM titles WHERE isbn IS NOT NULL AND withdrawn_at IS NULL
        ORDER BY id LIMIT 1`,
    )
    const digits = held!.isbn.replaceAll('-', '')
    await openSearch()
    await panel().getByRole('button', { name: 'スキャン', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: /コードリーダー/ })
    await dialog.waitFor()
    await page.locator('#scan-image').setInputFiles({
      name: 'isbn.png',
      mimeType: 'image/png',
      buffer: ean13Png(digits),
    })
    await dialog.getByRole('button', { name: '読み取る' }).click()
    await panel().getByRole('heading', { name: held!.title }).waitFor()
    await expect
      .poll(
        () =>
          page
            .locator('#liff-frame')
            .evaluate((f: HTMLIFrameElement) => f.contentWindow?.location.hash),
        POLL,
      )
      .toBe(`#/title/${held!.id}`)
    expect(tab.problems).toEqual([])
  })

  it('a typed code the library lacks leads to the purchase suggestion, which the counter sees', async () => {
    const [none] = await e.b.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM titles WHERE replace(isbn, '-', '') = ${NOT_HELD}`,
    )
    expect(none!.n).toBe(0)
    await openSearch()
    await panel().getByRole('button', { name: 'スキャン', exact: true }).click()
    await page.getByLabel('コードを入力').fill(NOT_HELD)
    await page.getByRole('button', { name: '読み取る' }).click()
    const app = panel()
    await app.getByRole('heading', { name: 'この本は図書館にありません' }).waitFor()
    await app.getByText(`ISBN：${NOT_HELD}`).waitFor()
    // Each field on its own line under its label, as wide as the page's text.
    const layout = await app.locator('form.request').evaluate((form) =>
      [...form.querySelectorAll('input, textarea')].map((f) => {
        const box = f.getBoundingClientRect()
        const label = form.querySelector(`label[for="${f.id}"]`)!.getBoundingClientRect()
        return box.top >= label.bottom - 1 && box.width >= form.getBoundingClientRect().width - 1
      }),
    )
    expect(layout).toEqual([true, true, true])
    await app.getByLabel('書名（必須）').fill('まだない図書館の本')
    await app.getByLabel('著者名').fill('枚方 次郎')
    await app.getByLabel('ひとこと（任意）').fill('子どもと読みたいです')
    await app.getByRole('button', { name: '購入をリクエストする' }).click()
    await app.getByText('購入リクエストを受け付けました。').waitFor()

    const desk = await openTab(e, { width: 1100, height: 900 })
    const p = desk.page
    await p.goto(`${e.b.origin}/counter`)
    await p.getByLabel('ログインID').fill(STAFF.login)
    await p.getByLabel('パスワード').fill(STAFF.password)
    await p.getByLabel(/窓口の図書館/).selectOption({ label: '中央図書館' })
    await Promise.all([
      p.waitForURL(`${e.b.origin}/counter`),
      p.getByRole('button', { name: 'サインイン' }).click(),
    ])
    await p.getByRole('link', { name: '購入リクエスト' }).click()
    const row = p.locator('tr', { hasText: 'まだない図書館の本' })
    await row.waitFor()
    expect(await row.textContent()).toContain(NOT_HELD)
    expect(await row.textContent()).toContain(HANAKO.number)
    const found: AxeViolation[] = await axe(p)
    expect(found.map((v) => `counter ${v.id}`)).toEqual([])
    await desk.context.close()
  })

  it('axe-core: the search page with スキャン and the not-held page with its form have no violations', async () => {
    const phone = await openTab(e)
    const failures: string[] = []
    const pages: [string, () => Promise<unknown>][] = [
      ['search', () => phone.page.getByRole('button', { name: 'スキャン', exact: true }).waitFor()],
      [
        `isbn/${NOT_HELD}`,
        () => phone.page.getByRole('heading', { name: 'この本は図書館にありません' }).waitFor(),
      ],
      ['isbn/9784000000018', () => phone.page.getByRole('alert').first().waitFor()],
    ]
    for (const [route, loaded] of pages) {
      await phone.page.goto(liffUrl(e.b, userId, route))
      await loaded()
      for (const v of await axe(phone.page))
        failures.push(`#/${route} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }
    expect(failures).toEqual([])
    await phone.context.close()
  })
})
