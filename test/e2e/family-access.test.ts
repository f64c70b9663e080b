/**
 * ACC-FAMILY with ACC-EXPIRED, in Chromium: a family member's card that lapses after it was
 * linked (the link page refuses a lapsed card, so it lapsed since). The rule refuses the online
 * service to that card, not to the LINE account: the other card's pages, barcode and kept card
 * stay, and the lapsed card's place on each page says why, in its holder's name, and whom to
 * phone. Unlinking it stays possible (LINE-LINK: unlinking is always offered).
 */
import { eq } from 'drizzle-orm'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { lineLinks, patrons } from '../../db/schema.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { axe } from '../liff/browser.ts'
import { type E2E, liffUrl, linkHanako, openTab, POLL, startE2E, type Tab } from './harness.ts'

const HANAKO = { id: 1, number: '1000000001', name: '山田 花子' }
const RYO = { id: 10, number: '1000000010', name: '加藤 亮' }
/** The server's ACC-EXPIRED sentence about 亮's card (bot/api/holder.ts names him). */
const HIS_REFUSAL = /加藤 亮さんの利用者登録は/
/** The same about the account's own card: named too, as the page shows it beside his. */
const HER_REFUSAL = /山田 花子さんの利用者登録は/
/** What Chromium logs for the refused calls: the answer the page shows in words. */
const REFUSED_CALL = /status of 403/

let e: E2E
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
  await e.b.db.orm
    .insert(lineLinks)
    .values({ lineUserId: userId, patronId: RYO.id, linkedAt: e.b.clock.now() })
  await e.b.db.orm.update(patrons).set({ expiresOn: '2020-03-31' }).where(eq(patrons.id, RYO.id))
}, 90_000)

afterAll(async () => e?.close())

const unexpected = (problems: string[]) => problems.filter((p) => !REFUSED_CALL.test(p))

/** 図書館カード at phone size: each card's place in the strip. */
async function openCards() {
  const tab = await openTab(e, { width: 390, height: 844 })
  await tab.page.goto(liffUrl(e.b, userId, 'card'))
  const first = tab.page.getByRole('listitem', { name: /1枚目／2枚：山田 花子/ })
  const second = tab.page.getByRole('listitem', { name: /2枚目／2枚：加藤 亮/ })
  return { tab, first, second }
}

/** 貸出中一覧: each person's section. */
async function openLoans() {
  const tab = await openTab(e)
  await tab.page.goto(liffUrl(e.b, userId, 'loans'))
  const hers = tab.page.getByRole('region', { name: '山田 花子 さんの貸出中一覧' })
  const his = tab.page.getByRole('region', { name: '加藤 亮 さんの貸出中一覧' })
  return { tab, hers, his }
}

/** マイポータル: the account's other cards at a glance. */
async function openPortal() {
  const tab = await openTab(e)
  await tab.page.goto(liffUrl(e.b, userId, 'portal'))
  return { tab, others: tab.page.getByRole('region', { name: 'このLINEアカウントのほかのカード' }) }
}

/** The card's barcode as a reader at the counter reads it. */
async function decoded(card: Locator): Promise<string | null> {
  await card.locator('svg.barcode').waitFor()
  return readCodabar(await card.screenshot())
}
const scanned = (number: string) =>
  `${HIRAKATA_POLICY.barcode.start}${number}${HIRAKATA_POLICY.barcode.stop}`

/** No axe violations and no unexpected console errors; the tab closed. */
async function closeClean({ page, context, problems }: Tab) {
  expect(await axe(page)).toEqual([])
  expect(unexpected(problems)).toEqual([])
  await context.close()
}

describe('ACC-FAMILY, ACC-EXPIRED: one lapsed card among the family cards', () => {
  it('ACC-FAMILY, ACC-EXPIRED, LINE-CARD: the card page draws 花子’s barcode and, for 亮, why not, with whom to phone', async () => {
    const { tab, first, second } = await openCards()
    expect(await decoded(first)).toBe(scanned(HANAKO.number))
    await second.getByText('このカードは現在、Webサービスをご利用いただけません。').waitFor()
    // The rule's whole sentence a tap away: the strip stays as short as a card.
    await second.getByText('理由とお問い合わせ先を見る').click()
    await second.getByText(HIS_REFUSAL).waitFor()
    expect(await second.locator('svg.barcode').count()).toBe(0)
    expect(await second.getByText(RYO.number).count()).toBe(0)
    expect(await second.getByRole('link', { name: /中央図書館に電話/ }).count()).toBe(1)
    // A refusal answers the same however often it is asked: no retry.
    expect(await second.getByRole('button', { name: 'もう一度読み込む' }).count()).toBe(0)
    // Her kept card is still there for the next open.
    expect(await tab.page.evaluate(() => localStorage.length)).toBeGreaterThan(0)
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED: the loans page keeps 花子’s section and says in 亮’s why it is empty', async () => {
    const { tab, hers, his } = await openLoans()
    await hers.getByText('残響事件簿').waitFor()
    await his.getByText(HIS_REFUSAL).waitFor()
    expect(await his.getByRole('link', { name: /中央図書館に電話/ }).count()).toBe(1)
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED: マイポータル says 亮’s card cannot be used now, and where to read why', async () => {
    const { tab, others } = await openPortal()
    await others.getByText(/現在、Webサービスをご利用いただけません/).waitFor()
    expect(await others.getByText(/^貸出中 \d+点/).count()).toBe(0)
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED, LINE-LINK: 亮’s lapsed card can still be unlinked from the settings', async () => {
    const { page, context, problems } = await openTab(e)
    await page.goto(liffUrl(e.b, userId, 'settings'))
    const his = page.getByRole('region', { name: '加藤 亮 さんの設定' })
    await his.getByText(HIS_REFUSAL).first().waitFor()
    // Said once for his section, not under each of its parts.
    expect(await his.getByText(HIS_REFUSAL).count()).toBe(1)
    await his.getByRole('button', { name: '連携を解除する' }).click()
    await his.getByRole('button', { name: '連携を解除する' }).last().click()
    await expect
      .poll(async () => (await e.b.db.orm.select().from(lineLinks)).map((l) => l.patronId), POLL)
      .toEqual([HANAKO.id])
    // The page comes back without his section and says what was done.
    await page.getByText('加藤 亮 さんのカードの連携を解除しました。').waitFor()
    expect(unexpected(problems)).toEqual([])
    await context.close()
  }, 60_000)
})

describe('ACC-FAMILY, ACC-EXPIRED: the LINE account’s own (first) card lapsed, 亮’s valid', () => {
  beforeAll(async () => {
    await e.b.db.orm.update(patrons).set({ expiresOn: '2099-03-31' }).where(eq(patrons.id, RYO.id))
    await e.b.db.orm
      .insert(lineLinks)
      .values({ lineUserId: userId, patronId: RYO.id, linkedAt: e.b.clock.now() })
    await e.b.db.orm
      .update(patrons)
      .set({ expiresOn: '2020-03-31' })
      .where(eq(patrons.id, HANAKO.id))
  })

  it('ACC-FAMILY, ACC-EXPIRED, LINE-CARD: the app stays open; 亮’s barcode is drawn and 花子’s place says why', async () => {
    const { tab, first, second } = await openCards()
    // The strip starts at his card, the one the counter can scan.
    await tab.page.getByText('2 / 2', { exact: true }).waitFor()
    const strip = tab.page.locator('.family-cards')
    await expect.poll(() => strip.evaluate((el) => el.scrollLeft), POLL).toBeGreaterThan(0)
    expect(await decoded(second)).toBe(scanned(RYO.number))
    await first.getByText('理由とお問い合わせ先を見る').click()
    await first.getByText(HER_REFUSAL).waitFor()
    expect(await first.locator('svg.barcode').count()).toBe(0)
    const gate = tab.page.getByRole('heading', { name: 'Webサービスをご利用いただけません' })
    expect(await gate.count()).toBe(0)
    // Her card, refused, is not kept for the next open's first paint.
    expect(await tab.page.evaluate(() => localStorage.getItem('bunko.card.v1'))).toBeNull()
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED: the loans page shows 亮’s loans and, in 花子’s section, why not', async () => {
    const { tab, hers, his } = await openLoans()
    await his.locator('.items').waitFor()
    await hers.getByText(HER_REFUSAL).waitFor()
    expect(await his.getByText(/利用者登録/).count()).toBe(0)
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED: マイポータル says why about 花子’s card and still sums up 亮’s', async () => {
    const { tab, others } = await openPortal()
    await tab.page.getByRole('alert').getByText(HER_REFUSAL).waitFor()
    await others.getByText('加藤 亮 さん').waitFor()
    await expect.poll(() => others.getByText(/^貸出中 \d+点/).count(), POLL).toBe(1)
    await closeClean(tab)
  }, 60_000)

  it('ACC-FAMILY, ACC-EXPIRED, HOLD-PLACE: search stays open, the cart fills, and the hold is placed for 亮', async () => {
    const tab = await openTab(e)
    const { page } = tab
    await page.goto(liffUrl(e.b, userId, `search?q=${encodeURIComponent('事件')}`))
    await page.getByText(/件見つかりました/).waitFor()
    await page.locator('li.item').first().getByRole('link').first().click()
    await page.getByRole('button', { name: 'カートに入れる', exact: true }).click()
    await page.getByRole('link', { name: 'カートに入っています' }).click()
    await page.getByRole('link', { name: '受取場所を選ぶ' }).click()
    await page.getByRole('radio', { name: /^中央図書館/ }).check()
    await page.getByRole('button', { name: '確認画面へ進む' }).click()
    // Her lapsed card cannot be chosen, and says so beside her name.
    const hers = page.getByRole('radio', { name: /^山田 花子 さん/ })
    await expect.poll(() => hers.isDisabled(), POLL).toBe(true)
    expect(await page.locator('fieldset.whose').textContent()).toContain(
      'このカードは現在、Webサービスをご利用いただけません。',
    )
    await page.getByRole('radio', { name: '加藤 亮 さん' }).check()
    await page.getByRole('button', { name: '予約する' }).click()
    await page.getByRole('heading', { level: 1, name: '予約を受け付けました' }).waitFor()
    await page.getByText(/^加藤 亮さんの予約を1点受け付けました。/).waitFor()
    // Out of the account's cart, on the server too: the next open does not bring it back.
    await page.goto(liffUrl(e.b, userId, 'cart'))
    await page.getByText(/カートは空です/).waitFor()
    await closeClean(tab)
  }, 60_000)
})
