/**
 * ACC-FAMILY end to end, in Chromium through the LINE simulator: 花子 links her card in the
 * chat, then adds 亮's card from the LIFF card page (the same official account-link flow: a
 * link token LINE issued to her, the link page, LINE's dialog, the accountLink event); the
 * card page swipes between the two cards and each barcode decodes to its own number; loans
 * are grouped per person with a filter; a notice for each card names whose it is; unlinking
 * one card leaves the other and menu B; axe-core finds no violations on the changed pages.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatchDue } from '../../bot/notices/index.ts'
import { USER_COOKIE } from '../../bot/simulator/dialog.tsx'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { holds, lineLinks, notices } from '../../db/schema.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { axe } from '../liff/browser.ts'
import { type E2E, liffUrl, linkHanako, openTab, POLL, startE2E } from './harness.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001', name: '山田 花子' }
const RYO = { id: 10, number: '1000000010', password: 'ryo-00000010', name: '加藤 亮' }

let e: E2E
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
}, 90_000)

afterAll(async () => e?.close())

const linked = async () =>
  (await e.b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, userId)))
    .map((l) => l.patronId)
    .sort((a, b) => a - b)

const menuOf = async () => {
  try {
    return (await e.b.line.client.getRichMenuIdOfUser(userId)).richMenuId
  } catch {
    return 'default'
  }
}

describe('ACC-FAMILY: two cards on one LINE account, in the browser', () => {
  it('ACC-FAMILY, LINE-LINK: もう一枚カードを追加 on the card page links a second card through LINE’s dialog', async () => {
    const { page, context, problems } = await openTab(e)
    await context.addCookies([{ name: USER_COOKIE, value: userId, url: e.b.origin }])
    await page.goto(liffUrl(e.b, userId, 'card'))
    await page.getByText(HANAKO.name, { exact: true }).waitFor()
    expect(await axe(page)).toEqual([])
    await page.getByRole('button', { name: 'もう一枚カードを追加' }).click()
    await page.waitForURL(/\/link\?linkToken=/)
    await page.locator('input[name="number"]').fill(RYO.number)
    await page.locator('input[name="password"]').fill(RYO.password)
    await Promise.all([
      page.waitForURL(/accountLink/),
      page.locator('button[type="submit"]').click(),
    ])
    await page.locator('button[value="allow"]').click()
    await e.b.settled()
    await expect.poll(linked, POLL).toEqual([HANAKO.id, RYO.id])
    const texts = e.b.sim.record.botMessages(userId).map((m) => JSON.stringify(m.message))
    expect(texts.at(-1)).toContain('亮さんのカードを追加しました（連携中のカード：2枚）')
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('ACC-FAMILY, LINE-CARD: the card page swipes between the cards; each barcode decodes to its own number', async () => {
    const { page, context, problems } = await openTab(e, { width: 390, height: 844 })
    await page.goto(liffUrl(e.b, userId, 'card'))
    const cards = page.locator('.family-card')
    await expect.poll(() => cards.count(), POLL).toBe(2)
    await page.locator('.family-card svg.barcode').first().waitFor()
    const { start, stop } = HIRAKATA_POLICY.barcode
    const first = page.getByRole('listitem', { name: /1枚目／2枚：山田 花子/ })
    expect(await first.locator('.holder').textContent()).toBe('山田 花子 さん')
    expect(readCodabar(await first.screenshot())).toBe(`${start}${HANAKO.number}${stop}`)
    // A swipe: the strip scrolls one card to the left.
    await page.locator('.family-cards').evaluate((el) => el.scrollBy({ left: el.clientWidth }))
    await page.getByRole('status').getByText('2 / 2').waitFor()
    const second = page.getByRole('listitem', { name: /2枚目／2枚：加藤 亮/ })
    await expect.poll(() => second.isVisible(), POLL).toBe(true)
    expect(readCodabar(await second.screenshot())).toBe(`${start}${RYO.number}${stop}`)
    // The name is large enough to tell the cards apart at the counter.
    const size = await second.locator('.holder').evaluate((el) => getComputedStyle(el).fontSize)
    expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(22)
    await page.getByRole('button', { name: '前のカード' }).click()
    await page.getByRole('status').getByText('1 / 2').waitFor()
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('ACC-FAMILY: loans are grouped per person, with a filter', async () => {
    const { page, context, problems } = await openTab(e)
    await page.goto(liffUrl(e.b, userId, 'loans'))
    const hers = page.getByRole('region', { name: '山田 花子 さんの貸出中一覧' })
    const his = page.getByRole('region', { name: '加藤 亮 さんの貸出中一覧' })
    await hers.getByText('残響事件簿').waitFor()
    await his.locator('.items').waitFor()
    expect(await his.getByText('残響事件簿').count()).toBe(0)
    expect(await axe(page)).toEqual([])
    await page.getByRole('radio', { name: '加藤 亮 さん' }).check()
    await expect.poll(() => hers.count(), POLL).toBe(0)
    expect(await his.count()).toBe(1)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it("ACC-FAMILY, NOTICE-DUE-SOON: each card's reminder choice is its own (settings drawn once per card)", async () => {
    const { page, context, problems } = await openTab(e)
    await page.goto(liffUrl(e.b, userId, 'settings'))
    const groups = page.locator('fieldset:has(input[type=radio][name^="due-soon"])')
    await expect.poll(() => groups.count(), POLL).toBe(2)
    await groups.nth(0).getByRole('radio', { name: '2日前' }).check()
    await expect
      .poll(() => groups.nth(0).getByRole('radio', { name: '2日前' }).isChecked(), POLL)
      .toBe(true)
    await groups.nth(1).getByRole('radio', { name: '1日前' }).check()
    await expect
      .poll(() => groups.nth(1).getByRole('radio', { name: '1日前' }).isChecked(), POLL)
      .toBe(true)
    // Choosing for one card leaves the other's choice shown, and both are kept.
    expect(await groups.nth(0).getByRole('radio', { name: '2日前' }).isChecked()).toBe(true)
    await page.reload()
    await expect
      .poll(() => groups.nth(0).getByRole('radio', { name: '2日前' }).isChecked(), POLL)
      .toBe(true)
    expect(await groups.nth(1).getByRole('radio', { name: '1日前' }).isChecked()).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it("ACC-FAMILY: マイポータル sums up the other card's loans and holds too, not the first card's only", async () => {
    const { page, context, problems } = await openTab(e)
    await page.goto(liffUrl(e.b, userId, 'portal'))
    const others = page.getByRole('region', { name: 'このLINEアカウントのほかのカード' })
    await others.getByText('加藤 亮 さん').waitFor()
    await expect.poll(() => others.getByText(/^貸出中 \d+点/).count(), POLL).toBe(1)
    await expect.poll(() => others.getByText(/^予約中 \d+点/).count(), POLL).toBe(1)
    expect(await others.getByText('山田 花子 さん').count()).toBe(0)
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('ACC-FAMILY: a notice for each card reaches the one LINE account, naming whose card', async () => {
    const now = e.b.clock.now()
    for (const patronId of [HANAKO.id, RYO.id]) {
      const [ready] = await e.b.db.orm
        .select()
        .from(holds)
        .where(eq(holds.patronId, patronId))
        .then((rows) => rows.filter((h) => h.state === 'ready'))
      if (!ready) throw new Error(`the demo library has a ready hold for patron ${patronId}`)
      await e.b.db.orm
        .insert(notices)
        .values({
          id: crypto.randomUUID(),
          key: `family-e2e:${ready.id}`,
          patronId,
          kind: 'hold_ready',
          holdId: ready.id,
          slotKind: 'standard',
          dueAt: now,
          state: 'pending',
          attempts: 0,
          createdAt: now,
        })
        .returning({ id: notices.id })
    }
    const deps = {
      db: e.b.db,
      library: e.b.library,
      line: e.b.line,
      clock: e.b.clock,
      config: e.b.config,
      log: e.b.log,
    }
    await dispatchDue(deps)
    const alts = e.b.sim.record
      .botMessages(userId)
      .filter((m) => m.via === 'push')
      .map((m) => String((m.message as { altText?: string }).altText))
    expect(alts.some((a) => a.startsWith('花子さんのご予約の資料がご用意できました'))).toBe(true)
    expect(alts.some((a) => a.startsWith('亮さんのご予約の資料がご用意できました'))).toBe(true)
  }, 30_000)

  it('ACC-FAMILY, LINE-MENU: unlinking one card leaves the other, and the menu stays B', async () => {
    await e.b.sim.users.postback(userId, 'action=unlink')
    await e.b.settled()
    await e.b.sim.users.postback(userId, `action=unlink_confirm&patron=${RYO.id}`)
    await e.b.settled()
    expect(await linked()).toEqual([HANAKO.id])
    expect(await menuOf()).toBe(e.b.menus.menuB)
    const { page, context, problems } = await openTab(e)
    await page.goto(liffUrl(e.b, userId, 'card'))
    await page.getByText(HANAKO.name, { exact: true }).waitFor()
    expect(await page.locator('.family-card').count()).toBe(0)
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)
})
