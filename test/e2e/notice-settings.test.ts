/**
 * The notice settings (issue 19 item 4) in Chromium against the real app: every kind of
 * notice in one place, the due-soon reminder's lead time (NOTICE-DUE-SOON) and the expiry
 * notice (NOTICE-EXPIRY) saved for the patron, hold-ready locked with the reason while holds
 * exist and nothing else reaches her (ACC-PASSWORD); at 390×844 with 150% text, in Japanese
 * and English, axe-core finds nothing.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { patrons } from '../../db/schema.ts'
import { getNoticePrefs } from '../../db/shelf.ts'
import { type AxeViolation, axe } from '../liff/browser.ts'
import { type E2E, liffUrl, linkHanako, openTab, POLL, startE2E } from './harness.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001' }

let e: E2E
let userId: string
let patronId: number

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
  const [row] = await e.b.db.orm.select().from(patrons).where(eq(patrons.number, HANAKO.number))
  patronId = row!.id
}, 60_000)

afterAll(async () => e?.close())

/** The settings page at 390×844 with the phone's text at 150%. */
async function openSettings(lang: 'ja' | 'en' = 'ja') {
  const tab = await openTab(e, { width: 390, height: 844 })
  // The phone's text size: Chromium's default font size at 150% (the app is sized in rem).
  // An injected <style> would be refused by the app's Content-Security-Policy.
  const cdp = await tab.context.newCDPSession(tab.page)
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } })
  const url = liffUrl(e.b, userId, 'settings')
  await tab.page.goto(lang === 'en' ? url.replace('/liff/?', '/liff/?lang=en&') : url)
  return tab
}

const axeFailures = async (page: Parameters<typeof axe>[0], label: string) =>
  ((await axe(page)) as AxeViolation[]).map(
    (v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )

const sideways = (page: Parameters<typeof axe>[0]) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)

describe('notice settings', () => {
  it('NOTICE-DUE-SOON, NOTICE-EXPIRY: every kind in one place; the lead time and the expiry notice are saved', async () => {
    const { page, context, problems } = await openSettings()
    const dueSoon = page.getByRole('group', { name: '返却期限が近づいたとき' })
    await dueSoon.waitFor()
    for (const kind of ['予約資料の用意ができたとき', '返却期限を過ぎたとき'])
      await expect(page.getByRole('checkbox', { name: kind }).isChecked()).resolves.toBe(true)
    await expect(dueSoon.getByRole('radio', { name: 'お知らせしない' }).isChecked()).resolves.toBe(
      true,
    )
    await page.getByText('アカウントに関するご連絡は止められません').waitFor()
    await expect(
      page.evaluate(() => getComputedStyle(document.documentElement).fontSize),
    ).resolves.toBe('24px')
    const failures = await axeFailures(page, 'ja')
    expect(await sideways(page)).toBe(false)

    await dueSoon.getByRole('radio', { name: '2日前' }).check()
    await page.getByText('保存しました。').waitFor()
    await expect
      .poll(async () => (await getNoticePrefs(e.b.db, patronId)).dueSoonDays, POLL)
      .toBe(2)
    const expiry = page.getByRole('checkbox', { name: /利用者登録の有効期限/ })
    await expiry.uncheck()
    await expect.poll(async () => (await getNoticePrefs(e.b.db, patronId)).expiry, POLL).toBe(false)
    // Saved for her: a reload shows the same.
    await page.reload()
    await expect(page.getByRole('radio', { name: '2日前' }).isChecked()).resolves.toBe(true)
    // The text size holds after actions and a reload: what axe checks below is still at 150%.
    await expect(
      page.evaluate(() => getComputedStyle(document.documentElement).fontSize),
    ).resolves.toBe('24px')
    await expect(
      page.getByRole('checkbox', { name: /利用者登録の有効期限/ }).isChecked(),
    ).resolves.toBe(false)
    failures.push(...(await axeFailures(page, 'ja, saved')))
    expect(failures).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('ACC-PASSWORD: with holds and no confirmed e-mail, hold-ready cannot be turned off and the page says why', async () => {
    await e.b.db.orm.update(patrons).set({ emailConfirmed: false }).where(eq(patrons.id, patronId))
    const { page, context } = await openSettings()
    const holdReady = page.getByRole('checkbox', { name: '予約資料の用意ができたとき' })
    await holdReady.waitFor()
    await expect(holdReady.isDisabled()).resolves.toBe(true)
    await expect(holdReady.isChecked()).resolves.toBe(true)
    const why = await holdReady.getAttribute('aria-describedby')
    await expect(page.locator(`#${why}`).textContent()).resolves.toContain(
      '予約中の資料があるため、このお知らせは止められません',
    )
    expect(await axeFailures(page, 'locked')).toEqual([])
    await context.close()

    const en = await openSettings('en')
    await en.page.getByRole('group', { name: 'When a due date is near' }).waitFor()
    await en.page.getByText('You have holds, so this notice cannot be turned off').waitFor()
    expect(await axeFailures(en.page, 'en')).toEqual([])
    expect(await sideways(en.page)).toBe(false)
    await en.context.close()
    await e.b.db.orm.update(patrons).set({ emailConfirmed: true }).where(eq(patrons.id, patronId))
  }, 60_000)
})
