/**
 * 確認 and 完了 when no notice will come (NOTICE-KINDS), in Chromium against the real app at
 * 390×844 with the phone's text at 150%, in Japanese and English. A patron walk found each one
 * long paragraph: they are now short paragraphs, one idea each (what happened, why no notice
 * will come, what to do), none more than a few lines high. 完了 says to phone, so the call
 * button for that place sits right under that line; the pickup place is a locker, so it is
 * the library that runs it (its own name and number). 確認 asks nobody to phone, so it has no
 * button. Nothing scrolls sideways and axe-core finds nothing on either page. Reloading 完了
 * shows the same words and button again (done-note.ts).
 */
import { eq, sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToCart } from '../../db/cart.ts'
import { places } from '../../db/schema.ts'
import { setNoticePrefs } from '../../db/shelf.ts'
import { type AxeViolation, axe } from '../liff/browser.ts'
import { linesOf } from '../liff/line-breaks.ts'
import { type E2E, liffUrl, linkHanako, openTab, startE2E } from './harness.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001' }

let e: E2E
let userId: string
let lockerId: number

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
  // LINE hold notices off, and embedded bunko sends no e-mail: nothing will come.
  await setNoticePrefs(e.b.db, { patronId: HANAKO.id, holdReady: false }, 0)
  const [locker] = await e.b.db.orm
    .select({ id: places.id })
    .from(places)
    .where(eq(places.code, 'lk-hirakatashi'))
  lockerId = locker!.id
}, 60_000)

afterAll(async () => e?.close())

/** A book that is not part of a set, held by nobody and not on loan: the nth such. */
async function freeBook(nth: number): Promise<number> {
  const rows = await e.b.db.all<{ id: number }>(sql`
    SELECT t.id AS id FROM titles t
    WHERE t.material_type = 'book' AND t.not_for_loan = 0 AND t.set_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
      AND NOT EXISTS (SELECT 1 FROM loans l JOIN copies c ON c.id = l.copy_id
                      WHERE c.title_id = t.id AND l.returned_at IS NULL)
    ORDER BY t.id LIMIT 1 OFFSET ${nth}`)
  if (!rows[0]) throw new Error('the demo catalogue has books nobody holds')
  return rows[0].id
}

/** The confirm page's heading and button, and the 完了 page's heading. */
const WORDS = {
  ja: { confirm: '予約内容の確認', go: '予約する', done: '予約を受け付けました' },
  en: { confirm: 'Review your holds', go: 'Place hold', done: 'Hold placed' },
}

/** Opens 確認 for one book at the locker through the app, once its notice note is drawn. */
async function confirmAtLocker(lang: 'ja' | 'en', titleId: number) {
  await addToCart(e.b.db, { patronId: HANAKO.id, titleId }, 0)
  const tab = await openTab(e, { width: 390, height: 844 })
  const cdp = await tab.context.newCDPSession(tab.page)
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } })
  await tab.page.addInitScript((id) => localStorage.setItem('bunko.pickup.v1', id), `${lockerId}`)
  const url = liffUrl(e.b, userId, 'confirm')
  await tab.page.goto(lang === 'en' ? url.replace('/liff/?', '/liff/?lang=en&') : url)
  await tab.page.getByRole('heading', { level: 1, name: WORDS[lang].confirm }).waitFor()
  await tab.page.locator('p.note').first().waitFor()
  const fontSize = () => getComputedStyle(document.documentElement).fontSize
  await expect(tab.page.evaluate(fontSize)).resolves.toBe('24px')
  return tab
}

/** Places the hold from 確認, and waits for 完了. */
async function place(page: Page, lang: 'ja' | 'en') {
  await page.getByRole('button', { name: WORDS[lang].go }).click()
  await page.getByRole('heading', { level: 1, name: WORDS[lang].done }).waitFor()
}

/** The 完了 page's paragraphs (the page's own, not those under each hold). */
const paragraphs = (page: Page) => page.locator('h1 ~ p').allTextContents()

/** The links inside the page's paragraphs: where each goes and its words. */
const pageLinks = (page: Page) =>
  page
    .locator('main p a')
    .evaluateAll((links) => links.map((a) => `${a.getAttribute('href')} ${a.textContent}`))

/** How many lines each of the page's paragraphs (or `selector`'s) takes as laid out. */
const heights = async (page: Page, selector = 'h1 ~ p') =>
  (await linesOf(page, selector)).map((laidOut) => laidOut.split('／').length)

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)

/**
 * The page's call buttons, each with its href, the paragraph just above it, and whether it
 * fits in the width of the screen (its right edge in view).
 */
const callButtons = (page: Page) =>
  page.locator('a[href^="tel:"]').evaluateAll((links) =>
    links.map((a) => ({
      href: a.getAttribute('href'),
      above: a.previousElementSibling?.textContent,
      fits: a.getBoundingClientRect().right <= window.innerWidth,
    })),
  )

const axeFailures = async (page: Page) =>
  ((await axe(page)) as AxeViolation[]).map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )

/** What each language's pages say, paragraph by paragraph, and the call button's name. */
const SAID = {
  ja: {
    title: 'Japanese',
    note: [
      'いまの設定では、ご用意ができてもお知らせは届きません。',
      'ロッカーの資料は、ロッカーに入った時点で貸出となります。',
      '4日以内にお受け取りがない場合は返却扱いとなりますので、予約中一覧をこまめにご確認ください。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」をご確認ください。',
    ],
    done: [
      '1点の予約を受け付けました。受取場所は枚方市駅 予約図書受取ロッカーです。',
      '書架にある資料でも、すぐにご用意できるとは限りません。',
      '設定で「予約資料の用意ができたとき」のLINEのお知らせがオフになっているため、LINEではお知らせしません。',
      'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
      '予約中一覧でご確認いただくか、駅前図書館（072-841-1103）へお電話でお問い合わせください。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
      'ご用意ができてから4日以内にロッカーからお受け取りください。',
    ],
    call: '駅前図書館に電話する（072-841-1103）',
    links: ['#/holds 予約中一覧', '#/settings?to=notices 設定の「LINEでのお知らせ」'],
    above:
      '予約中一覧でご確認いただくか、駅前図書館（072-841-1103）へお電話でお問い合わせください。',
  },
  en: {
    title: 'English',
    note: [
      'With your current settings, you will not be told when it is ready.',
      'Items are checked out to you when they are placed in the locker.',
      'If they are not collected within 4 days they are returned, so please check your list of holds often.',
      'To be told on LINE, see "LINE notices" in Settings.',
    ],
    done: [
      'Your hold has been placed for pickup at Hirakatashi Station pickup lockers.',
      'Items on the shelf may still take a little while to prepare.',
      'LINE notices for ready holds are turned off, so they will not come on LINE.',
      'With no other way to reach you, no notice will come when it is ready.',
      'Please check your list of holds, or phone Ekimae (Station) Library (072-841-1103).',
      'To be told on LINE, turn on "When a hold is ready" in Settings (LINE notices).',
      'Please collect it from the locker within 4 days of it becoming ready.',
    ],
    call: 'Call Ekimae (Station) Library (072-841-1103)',
    links: ['#/holds list of holds', '#/settings?to=notices Settings'],
    above: 'Please check your list of holds, or phone Ekimae (Station) Library (072-841-1103).',
  },
} as const

describe('確認 and 完了 with no notice coming, at 390×844 and 150% text', () => {
  for (const [lang, said] of Object.entries(SAID) as ['ja' | 'en', (typeof SAID)['ja' | 'en']][])
    it(`NOTICE-KINDS: ${said.title}, a short paragraph for each idea, the locker’s library to phone`, async () => {
      const book = await freeBook(lang === 'ja' ? 0 : 1)
      const { page, context, problems } = await confirmAtLocker(lang, book)
      // 確認: that none will come, that the locker lends as it fills and for how many days
      // (HOLD-LOCKER), where to look, how to have LINE; nobody to phone.
      expect(await page.locator('p.note').allTextContents()).toEqual(said.note)
      for (const lines of await heights(page, 'p.note')) expect(lines).toBeLessThanOrEqual(5)
      expect(await callButtons(page)).toEqual([])
      expect(await sideways(page)).toBe(false)
      expect(await axeFailures(page)).toEqual([])

      // 確認 names 予約中一覧 and the settings: each is a link there.
      expect(await pageLinks(page)).toEqual(said.links)
      await place(page, lang)
      expect(await paragraphs(page)).toEqual(said.done)
      expect(await pageLinks(page)).toEqual(said.links)
      // Each scans at a glance: a few lines high, not one block of a screen and more.
      for (const lines of await heights(page)) expect(lines).toBeLessThanOrEqual(5)
      // The number in the words is never broken across lines (a walk: 「（072-／841-1103）」).
      const laidOut = await linesOf(page, 'h1 ~ p')
      expect(laidOut.filter((l) => l.includes('072-') && !l.includes('072-841-1103'))).toEqual([])
      // The call button, named for what it does and whom, right under the line saying to phone.
      const call = page.getByRole('link', { name: said.call, exact: true })
      await expect(call.getAttribute('href')).resolves.toBe('tel:0728411103')
      expect(await callButtons(page)).toEqual([
        { href: 'tel:0728411103', above: said.above, fits: true },
      ])
      expect(await sideways(page)).toBe(false)
      expect(await axeFailures(page)).toEqual([])
      // Reloaded (a patron walk found it empty): the same words and the same call button.
      await page.reload()
      await page.getByRole('heading', { level: 1, name: WORDS[lang].done }).waitFor()
      await page.locator('a[href^="tel:"]').waitFor()
      expect(await paragraphs(page)).toEqual(said.done)
      expect(await callButtons(page)).toEqual([
        { href: 'tel:0728411103', above: said.above, fits: true },
      ])
      // The settings link opens the LINE notices section, not the page's top (the password).
      await page.locator('main p a[href="#/settings?to=notices"]').click()
      await page.waitForFunction(() => document.activeElement?.id === 'notices')
      const top = await page.evaluate(() => document.activeElement!.getBoundingClientRect().top)
      expect(top).toBeGreaterThanOrEqual(0)
      expect(top).toBeLessThan(844 / 2)
      expect(problems).toEqual([])
      await context.close()
    }, 90_000)
})
