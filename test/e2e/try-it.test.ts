/**
 * Issue 5's "done when", in Chromium on the real thing: on the try-it page a demo patron adds
 * the bot as a friend, links through the link page and LINE's dialog in the side panel, sees
 * menu B, opens 図書館カード and マイポータル (the LIFF app, served by bunko, talking to the
 * real API), gets help for any text, and unlinks back to menu A. One page runs the whole
 * story, so the steps share it and run in order.
 */
import { eq } from 'drizzle-orm'
import type { FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { lineLinks } from '../../db/schema.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { type E2E, openTab, POLL, startE2E, type Tab } from './harness.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001', name: '山田 花子' }

let e: E2E
let tab: Tab
let page: Page
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = e.b.users[0]!.userId
  tab = await openTab(e, { width: 1100, height: 900 })
  page = tab.page
}, 60_000)

afterAll(async () => {
  await tab?.context.close()
  await e?.close()
})

const menu = () => page.locator('#richmenu')
const menuButton = (label: string) => menu().getByRole('button', { name: label, exact: true })
const panel = (): FrameLocator => page.frameLocator('#liff-frame')
const botRows = () => page.locator('.row.bot')
const linkedPatron = async () =>
  (await e.b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, userId)))[0]

/** The labels of the rich menu's tap areas, as drawn for this user now. */
const menuLabels = () =>
  menu()
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))

describe('the try-it page, end to end', () => {
  it('LINE-MENU: a new friend is greeted with what linking gives, under menu A', async () => {
    await page.goto(`${e.b.origin}/simulator?user=${encodeURIComponent(userId)}`)
    await page.getByRole('button', { name: '友だち追加' }).click()
    const greeting = botRows().first()
    await greeting.getByText(/友だち追加ありがとうございます。アカウント連携をすると/).waitFor()
    // Drawn once, though the tap and the page's own polling both fetched the chat.
    expect(await page.locator('.note', { hasText: '友だち追加しました' }).count()).toBe(1)
    expect(await botRows().count()).toBe(1)
    await greeting
      .getByText('図書館カード（貸出用バーコード）をLINEで表示', { exact: false })
      .waitFor()
    await menuButton('アカウント連携').waitFor()
    expect(await menuLabels()).toEqual(['アカウント連携', '使い方', '図書館の連絡先'])
    expect(await linkedPatron()).toBeUndefined()
  })

  it('LINE-LINK: アカウント連携 → link page in the panel → LINE’s dialog → linked, menu B', async () => {
    await menuButton('アカウント連携').click()
    const offer = botRows().filter({ hasText: 'アカウント連携の手続きです' })
    await offer.getByRole('button', { name: '連携の手続きへ' }).click()
    const form = panel()
    await form.getByRole('heading', { name: 'LINEアカウント連携' }).waitFor()
    expect(await page.locator('#liff-url').textContent()).toBe('/link')
    await form.getByLabel(/^利用者番号/).fill(HANAKO.number)
    await form.getByLabel(/^パスワード/).fill(HANAKO.password)
    await form.getByRole('button', { name: '連携する' }).click()
    // The link page hands over to LINE's own account-link dialog, which asks, then links.
    await form.getByRole('heading', { name: 'アカウント連携' }).waitFor()
    await form.getByRole('button', { name: '許可する' }).click()
    await form.getByRole('heading', { name: '連携しました' }).waitFor()
    await form.getByText('アカウントの連携が完了しました').waitFor()
    await page.locator('.note', { hasText: 'アカウント連携: 成功' }).waitFor()
    await botRows()
      .getByText(/^アカウント連携が完了しました。/)
      .waitFor()
    await menuButton('図書館カード').waitFor()
    expect(await menuLabels()).toEqual([
      '図書館カード',
      'マイポータル',
      '貸出・予約',
      '蔵書検索',
      '図書館の連絡先',
      '連携解除',
    ])
    const link = await linkedPatron()
    expect(link?.patronId).toBe(1)
  })

  it('LINE-CARD: 図書館カード opens the LIFF app’s card in the panel; its barcode reads as her number', async () => {
    await menuButton('図書館カード').click()
    await expect.poll(() => page.locator('#liff-url').textContent(), POLL).toBe('/liff/card')
    const app = panel()
    await app.getByRole('heading', { level: 1, name: '図書館カード' }).waitFor()
    await app.getByText(HANAKO.name, { exact: true }).waitFor()
    await app.locator('svg.barcode').waitFor()
    expect(await app.locator('svg.barcode').getAttribute('aria-label')).toContain(HANAKO.number)
    // What the panel shows is readable by a real barcode reader (NW-7, the policy's A…A).
    const { start, stop } = HIRAKATA_POLICY.barcode
    const shot = await page.locator('#liff-frame').screenshot()
    expect(readCodabar(shot)).toBe(`${start}${HANAKO.number}${stop}`)
  })

  it('LINE-MENU: マイポータル opens the LIFF app’s portal with her loans and holds', async () => {
    await menuButton('マイポータル').click()
    await expect.poll(() => page.locator('#liff-url').textContent(), POLL).toBe('/liff/portal')
    const app = panel()
    await app.getByRole('heading', { level: 1, name: 'マイポータル' }).waitFor()
    await app.getByText(`${HANAKO.name} さん`).waitFor()
    // Six loans (one overdue) and six holds (one ready) in the demo library.
    await app.getByText('貸出中 6点（うち返却期限切れ 1点）').waitFor()
    await app.getByText('予約中 6点（うち確保中 1点）').waitFor()
  })

  it('NOTICE-NOREPLY: any text gets help, never silence', async () => {
    const before = await botRows().count()
    await page.getByPlaceholder('メッセージを入力').fill('あした晴れるかな？')
    await page.getByRole('button', { name: '送信' }).click()
    await page.locator('.row.user').getByText('あした晴れるかな？').waitFor()
    await expect.poll(() => botRows().count(), POLL).toBe(before + 1)
    const help = botRows().last()
    expect(await help.textContent()).toContain('使い方のご案内です。')
    // The linked patron's help speaks of the card, and offers quick replies.
    expect(await help.textContent()).toContain('「図書館カード」')
    expect(await page.locator('#quick-replies').getByRole('button').count()).toBeGreaterThan(0)
  })

  it('LINE-LINK, LINE-MENU: 連携解除 asks first, then unlinks and menu A is back', async () => {
    await menuButton('連携解除').click()
    const ask = botRows().filter({ hasText: 'アカウント連携を解除しますか？' })
    await ask.getByRole('button', { name: '解除する' }).click()
    await botRows()
      .getByText(/^アカウント連携を解除しました。/)
      .waitFor()
    await menuButton('アカウント連携').waitFor()
    expect(await menuLabels()).toEqual(['アカウント連携', '使い方', '図書館の連絡先'])
    expect(await linkedPatron()).toBeUndefined()
  })

  it('NOTICE-NOREPLY: unlinked, any text gets the help that leads to linking', async () => {
    const before = await botRows().count()
    await page.getByPlaceholder('メッセージを入力').fill('こんにちは')
    await page.getByRole('button', { name: '送信' }).click()
    await expect.poll(() => botRows().count(), POLL).toBe(before + 1)
    const help = await botRows().last().textContent()
    expect(help).toContain('使い方のご案内です。')
    expect(help).toContain('「アカウント連携」で利用者番号とWebサービスのパスワードを入力すると')
    expect(tab.problems).toEqual([])
  })
})
