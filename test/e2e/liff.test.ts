/**
 * Issue 6's "done when" against the real API: the demo patron 山田 花子, linked through the
 * simulator, opens the built LIFF app as the try-it panel opens it (mock LIFF, ID token from
 * the simulator, every /api call answered by bunko over the demo library). Her card decodes
 * with a real barcode reader; she renews, is refused with a reason, cancels, finds the phone
 * where she cannot, places a set hold; and axe-core finds nothing on the pages she uses.
 */
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { holds, loans } from '../../db/schema.ts'
import type { LoansResponse } from '../../liff/api-types.ts'
import { linkPatron } from '../bot/link-flow.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { type AxeViolation, axe } from '../liff/browser.ts'
import {
  addDays,
  type E2E,
  jaDate,
  liffUrl,
  linkHanako,
  openTab,
  POLL,
  startE2E,
} from './harness.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001', name: '山田 花子' }
/** The demo clock's day (test/support/bunko.ts TEST_NOW). */
const TODAY = '2026-11-25'

let e: E2E
let userId: string

beforeAll(async () => {
  e = await startE2E()
  userId = await linkHanako(e)
}, 60_000)

afterAll(async () => e?.close())

/** The API as the app sees it, to read what the server offers before the browser acts. */
async function api<T>(path: string): Promise<T> {
  const token = await fetch(`${e.b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await token.json()) as { idToken: string }
  const res = await fetch(`${e.b.origin}${path}`, {
    headers: { authorization: `Bearer ${idToken}` },
  })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

async function open(route: string) {
  const tab = await openTab(e)
  await tab.page.goto(liffUrl(e.b, userId, route))
  return tab
}

const holdRow = (id: number) =>
  e.b.db.orm
    .select()
    .from(holds)
    .where(eq(holds.id, id))
    .then((r) => r[0])

describe('the LIFF app on the real API', () => {
  it('LINE-CARD: the barcode in a screenshot decodes (zxing) to her number with the policy’s NW-7 start/stop', async () => {
    const { page, context, problems } = await open('card')
    await page.locator('svg.barcode').waitFor()
    await page.getByText(HANAKO.name, { exact: true }).waitFor()
    // A fresh browser has no cached card: what is drawn came from /api/me.
    expect(await page.evaluate(() => window.__bunkoCardDrawnFrom)).toBe('network')
    const { start, stop } = HIRAKATA_POLICY.barcode
    expect(readCodabar(await page.screenshot())).toBe(`${start}${HANAKO.number}${stop}`)
    expect(problems).toEqual([])
    await context.close()
  })

  it('RENEW-BOOK, LOAN-DUE-OPEN: 「残響事件簿」 renews, and the new due date is shown before it is done', async () => {
    const before = await api<LoansResponse>('/api/loans')
    const loan = before.loans.find((l) => l.title.name === '残響事件簿')
    if (!loan?.renewable) throw new Error('the demo library has 「残響事件簿」 renewable')
    // RENEW-BOOK: R + 14 days (its 60-day cap is far off), LOAN-DUE-OPEN: moved past the
    // lending library's closed days (the demo calendar closes 駅前図書館 on 2026-12-09).
    const closed = await e.b.db.all<{ date: string }>(sql`
      SELECT c.date AS date FROM closed_dates c JOIN places p ON p.id = c.place_id
      WHERE p.name = ${loan.library.name}`)
    const shut = new Set(closed.map((c) => c.date))
    let expected = addDays(TODAY, 14)
    while (shut.has(expected)) expected = addDays(expected, 1)
    expect(expected <= addDays(loan.loanDate, 60)).toBe(true)
    expect(loan.newDueDate).toBe(expected)
    const newDue = jaDate(loan.newDueDate)

    const { page, context, problems } = await open('loans')
    const item = page.locator('li.item', { hasText: '残響事件簿' })
    await item.getByText(`返却期限`).first().waitFor()
    expect(await item.textContent()).toContain(jaDate(loan.dueDate))
    await item.getByRole('button', { name: '延長する' }).click()
    expect(loan.quote).toContain(`${jaDate(loan.newDueDate)}になります。`)
    await item.getByText(loan.quote).waitFor()
    // Asking is not renewing.
    const [unchanged] = await e.b.db.orm.select().from(loans).where(eq(loans.id, loan.id))
    expect(unchanged?.dueDate).toBe(loan.dueDate)
    await item.locator('.confirm').getByRole('button', { name: '延長する' }).click()
    await item.getByText(`延長しました。新しい返却期限は ${newDue} です。`).waitFor()
    // Right after renewing: when the next renewal opens, never a red refusal.
    const after = await api<LoansResponse>('/api/loans')
    const next = after.loans.find((l) => l.id === loan.id)?.nextRenewal
    expect(next && next > TODAY).toBe(true)
    await item.getByText(`次の延長は ${jaDate(next!)} からできます。`).waitFor()
    expect(await item.locator('.refusal').count()).toBe(0)
    const [renewed] = await e.b.db.orm.select().from(loans).where(eq(loans.id, loan.id))
    expect(renewed).toMatchObject({ dueDate: loan.newDueDate, renewals: loan.renewals + 1 })
    expect(problems).toEqual([])
    await context.close()
  })

  it('RENEW-HELD: 「乾物でつくる作りおき」, reserved by another patron, says why it cannot be renewed', async () => {
    const { page, context } = await open('loans')
    const item = page.locator('li.item', { hasText: '乾物でつくる作りおき' })
    // The reason in a few words, then the server's whole sentence with what to do next.
    await item.getByText('延長できません：予約が入っています', { exact: true }).waitFor()
    const text = await item.textContent()
    expect(text).toContain('次の方の予約が入っているため、延長できません')
    expect(text).toContain('返却期限の2026年12月3日(木)までにご返却ください')
    expect(await item.getByRole('button', { name: '延長する' }).count()).toBe(0)
    await context.close()
  })

  it('HOLD-CANCEL: a waiting hold is cancelled; a ready hold and an inter-library request offer the library’s phone instead', async () => {
    const { page, context, problems } = await open('holds')
    const ready = page.locator('li.item', { hasText: '枚方宿の歴史' })
    await ready.getByText('確保中（受け取れます）').waitFor()
    // 中央図書館 050-7105-8141 (the demo pickup library).
    expect(await ready.getByRole('link').getAttribute('href')).toBe('tel:05071058141')
    expect(await ready.getByRole('button', { name: '予約を取り消す' }).count()).toBe(0)
    // An inter-library request cannot be cancelled online either: the phone again.
    const ill = page.locator('li.item', { hasText: '河内木綿の流通と商人' })
    expect(await ill.getByRole('link').getAttribute('href')).toBe('tel:05071058141')
    expect(await ill.getByRole('button', { name: '予約を取り消す' }).count()).toBe(0)

    const waiting = page.locator('li.item', { hasText: '川日和' })
    await waiting.getByText('予約順位 3位').waitFor()
    const [hold] = await e.b.db.orm
      .select()
      .from(holds)
      .where(and(eq(holds.patronId, HANAKO.id), eq(holds.state, 'waiting'), eq(holds.id, 4)))
    expect(hold).toBeDefined()
    await waiting.getByRole('button', { name: '予約を取り消す' }).click()
    await waiting.getByText('「川日和」の予約を取り消します。よろしいですか？').waitFor()
    await waiting.locator('.confirm').getByRole('button', { name: '予約を取り消す' }).click()
    await page.getByText('予約を取り消しました。').waitFor()
    await expect.poll(() => page.locator('li.item', { hasText: '川日和' }).count(), POLL).toBe(0)
    expect((await holdRow(4))?.state).toBe('cancelled')
    expect((await holdRow(5))?.state).toBe('ready')
    expect(problems).toEqual([])
    await context.close()
  })

  it('HOLD-SET: search → detail → cart → pickup → confirm → done, then in the holds list', async () => {
    // A two-volume set nobody holds, whose first volume the search finds by its name.
    const [set] = await e.b.db.all<{ setId: number; name: string }>(sql`
      SELECT t.set_id AS setId, t.title AS name FROM titles t
      WHERE t.volume = 1 AND t.material_type = 'book' AND t.not_for_loan = 0
        AND (SELECT count(*) FROM titles s WHERE s.set_id = t.set_id) = 2
        AND NOT EXISTS (SELECT 1 FROM holds h JOIN titles s ON s.id = h.title_id
                        WHERE s.set_id = t.set_id)
      ORDER BY t.id LIMIT 1`)
    if (!set) throw new Error('the demo catalogue has an unreserved two-volume set')
    const base = set.name.replace(/\s*上$/, '')
    expect(base).not.toBe(set.name)

    const { page, context, problems } = await open('search')
    await page.getByLabel('キーワード（書名・著者名・出版者・ISBN）').fill(base)
    await page.getByRole('button', { name: '検索する' }).click()
    await page.getByRole('link', { name: set.name, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: set.name }).waitFor()
    await page.getByRole('button', { name: 'セットの全巻をカートに入れる' }).click()
    await page.getByRole('link', { name: 'カートに入っています' }).click()
    await page.getByText(`「${base}」はセット予約になります`).waitFor()
    await page.getByRole('link', { name: '受取場所を選ぶ' }).click()
    await page.getByRole('radio', { name: /^中央図書館/ }).check()
    await page.getByRole('button', { name: '確認画面へ進む' }).click()
    await page.getByRole('heading', { level: 1, name: '予約内容の確認' }).waitFor()
    await page.getByRole('button', { name: '予約する' }).click()
    await page.getByRole('heading', { level: 1, name: '予約を受け付けました' }).waitFor()
    // HOLD-SCOPE, NOTICE-SLOTS: core's confirmation, as the server words it, a line each.
    await page
      .getByText('2点の予約を受け付けました。受取場所は中央図書館です。', { exact: true })
      .waitFor({ timeout: 5000 })
    await page
      .getByText('ご用意ができたら、LINEで10時・16時のいずれかにお知らせします。', { exact: true })
      .waitFor()

    const placed = await e.b.db.all<{ volume: number; setGroup: number; place: string }>(sql`
      SELECT h.volume AS volume, h.set_group AS setGroup, p.name AS place
      FROM holds h JOIN titles t ON t.id = h.title_id JOIN places p ON p.id = h.pickup_place_id
      WHERE h.patron_id = ${HANAKO.id} AND t.set_id = ${set.setId} ORDER BY h.volume`)
    expect(placed.map((h) => h.volume)).toEqual([1, 2])
    expect(new Set(placed.map((h) => h.setGroup)).size).toBe(1)
    expect(placed[0]?.setGroup).not.toBeNull()
    expect(placed.every((h) => h.place === '中央図書館')).toBe(true)

    await page.getByRole('link', { name: '予約中一覧を見る' }).click()
    const first = page.locator('li.item', { hasText: set.name })
    await first.getByText('セット予約 1／2巻目').waitFor()
    await page
      .locator('li.item', { hasText: `${base} 下` })
      .getByText('セット予約 2／2巻目')
      .waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('HOLD-QUEUE: the holds list shows the ready hold first with its deadline, then in transit, then waiting', async () => {
    const { page, context, problems } = await open('holds')
    await page.locator('li.item', { hasText: '枚方宿の歴史' }).waitFor()
    const states = await page.locator('li.item .state strong').allTextContents()
    const firstWaiting = states.indexOf('予約中')
    expect(states[0]).toBe('確保中（受け取れます）')
    expect(states.indexOf('回送中')).toBeGreaterThan(0)
    expect(states.indexOf('回送中')).toBeLessThan(firstWaiting)
    expect(states.slice(firstWaiting).every((s) => s === '予約中')).toBe(true)
    await page
      .locator('li.item')
      .first()
      .getByText(/までにお受け取りください/)
      .waitFor()
    await page
      .locator('li.item', { hasText: '白い鐘 上' })
      .getByText(/へ運んでいます。届くと、受け取れるようになります。/)
      .waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('LINE-LANG: an English LINE user opening the app from the simulator gets the English app', async () => {
    const english = e.b.users.find((u) => u.language === 'en')!
    await e.b.sim.users.follow(english.userId)
    await e.b.settled()
    await linkPatron(e.b, english.userId, '1000000009', 'yui-00000009')
    const { page, context, problems } = await openTab(e, { width: 1100, height: 844 })
    await page.goto(`${e.b.origin}/simulator?user=${encodeURIComponent(english.userId)}`)
    // Her menu is the English one (LINE-MENU).
    await page.locator('#richmenu').getByRole('button', { name: 'My portal', exact: true }).click()
    const panel = page.frameLocator('#liff-frame')
    await panel.getByRole('heading', { level: 1, name: 'My portal' }).waitFor()
    expect(await panel.locator('html').getAttribute('lang')).toBe('en')
    await panel.getByRole('link', { name: /^Loans/ }).click()
    await panel.getByRole('heading', { level: 1, name: 'Loans' }).waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('axe-core: card, portal, loans, holds, search and settings from real data have no violations', async () => {
    const { page, context } = await open('card')
    const pages: [string, () => Promise<void>][] = [
      ['card', () => page.locator('svg.barcode').waitFor()],
      ['portal', () => page.getByText(`${HANAKO.name} さん`).waitFor()],
      ['loans', () => page.locator('li.item', { hasText: '乾物でつくる作りおき' }).waitFor()],
      ['holds', () => page.locator('li.item', { hasText: '枚方宿の歴史' }).waitFor()],
      ['search?q=事件', () => page.getByText(/件見つかりました。/).waitFor()],
      ['settings', () => page.getByText('予約資料の用意ができたとき').waitFor()],
    ]
    const failures: string[] = []
    for (const [route, loaded] of pages) {
      await page.goto(liffUrl(e.b, userId, route))
      await loaded()
      const found: AxeViolation[] = await axe(page)
      for (const v of found)
        failures.push(`#/${route} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }
    expect(failures).toEqual([])
    await context.close()
  }, 30_000)
})
