/**
 * Issues 9 and 7, "done when", on the whole bunko: staff run the desk at /counter in
 * Chromium (sign in, scan a patron as a keyboard-wedge scanner types, lend two copies, take
 * back 「川日和」 copy 2000000010 at 中央, which 吉田 陽子 reserved for pickup at 楠葉): the
 * copy goes 回送中 and nothing reaches her (HOLD-TRANSIT); the desk moves to 楠葉 and
 * receives it from the 回送 page, the copy is on the hold shelf, the demo clock is moved to
 * the next notice slot from the counter, and the hold-ready push appears once in 吉田 陽子's
 * chat on the try-it page, with the pickup date.
 *
 * The notice scheduler runs beside the server as under `npm start`, woken by the counter's
 * clock button (and checking every 200 ms besides).
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lastSlotRun, tick } from '../../bot/notices/run-slot.ts'
import { jstInstant } from '../../core/dates.ts'
import { holds, loans, notices, patrons } from '../../db/schema.ts'
import { upsertStaff } from '../../db/staff.ts'
import { linkPatron } from '../bot/link-flow.ts'
import { addDays, type E2E, jaDate, openTab, POLL, startE2E, type Tab } from './harness.ts'

const STAFF = { login: 'e2e-desk', name: '窓口 一郎', password: 'e2e-desk-password-2026' }
const YOKO = { number: '1000000011', password: 'other-0011', name: '吉田 陽子' }
/** 「川日和」: 山田 花子 waits 3rd; 吉田 陽子's hold is first (DEMO-PATRONS.md). */
const RESERVED_COPY = '2000000010'
const TODAY = '2026-11-25'
const HOLD_READY_ALT = /^ご予約の資料がご用意できました/

let e: E2E
let desk: Tab
let page: Page
let yokoUser: string
let yokoId: number
/** The scheduler bunko runs, as npm start does. */
const scheduler = () => e.b.scheduler!
/** What bunko hands the scheduler, for running a slot by hand as a restart would. */
const deps = () => ({
  db: e.b.db,
  library: e.b.library,
  line: e.b.line,
  clock: e.b.clock,
  config: e.b.config,
  log: e.b.log,
})

beforeAll(async () => {
  e = await startE2E({ scheduler: { tickMs: 200 } })
  await upsertStaff(e.b.db, STAFF, e.b.clock.now())
  yokoUser = e.b.users[1]!.userId
  await e.b.sim.users.follow(yokoUser)
  await e.b.settled()
  await linkPatron(e.b, yokoUser, YOKO.number, YOKO.password)
  const [p] = await e.b.db.orm.select().from(patrons).where(eq(patrons.number, YOKO.number))
  yokoId = p!.id
  desk = await openTab(e, { width: 1100, height: 900 })
  page = desk.page
}, 60_000)

afterAll(async () => {
  await desk?.context.close()
  await e?.close()
})

/** What a keyboard-wedge scanner does: types into the focused field, then Enter. */
async function scan(code: string) {
  await page.keyboard.type(code)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '')

const openLoans = async (patronId: number) =>
  e.b.db.orm
    .select()
    .from(loans)
    .where(and(eq(loans.patronId, patronId), isNull(loans.returnedAt)))

const yokoHold = async () => {
  const [row] = await e.b.db.all<{ id: number; state: string; pickupBy: string; place: string }>(
    sql`SELECT h.id AS id, h.state AS state, h.pickup_by AS pickupBy, p.name AS place
        FROM holds h JOIN copies c ON c.title_id = h.title_id JOIN places p ON p.id = h.pickup_place_id
        WHERE h.patron_id = ${yokoId} AND c.barcode = ${RESERVED_COPY}
        ORDER BY h.id DESC LIMIT 1`,
  )
  return row
}

/** The hold-ready pushes 吉田 陽子's LINE user has received. */
const readyPushes = () =>
  e.b.sim.record
    .botMessages(yokoUser)
    .filter(
      (m) =>
        m.via === 'push' && HOLD_READY_ALT.test((m.message as { altText?: string }).altText ?? ''),
    )

describe('counter to push, end to end', () => {
  it('HOLD-TRANSIT, HOLD-READY: lend two, take back a reserved copy at 中央, receive it at 楠葉, see it on the hold shelf', async () => {
    await page.goto(`${e.b.origin}/counter`)
    expect(new URL(page.url()).pathname).toBe('/counter/sign-in')
    await page.getByLabel('ログインID').fill(STAFF.login)
    await page.getByLabel('パスワード').fill(STAFF.password)
    await page.getByLabel(/窓口の図書館/).selectOption({ label: '中央図書館' })
    await Promise.all([
      page.waitForURL(`${e.b.origin}/counter`),
      page.getByRole('button', { name: 'サインイン' }).click(),
    ])
    await expect.poll(focusedId, POLL).toBe('patron-number')

    // The card's barcode as the scanner reads it: NW-7 start/stop around the number.
    await scan(`A${YOKO.number}A`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `貸出：${YOKO.name} さん`,
    )
    expect(await focusedId()).toBe('lend-barcode')

    // Two copies on 中央図書館's shelf that nobody has reserved.
    const free = await e.b.db.all<{ barcode: string; title: string }>(sql`
      SELECT c.barcode AS barcode, t.title AS title FROM copies c
      JOIN titles t ON t.id = c.title_id JOIN places p ON p.id = c.current_place_id
      WHERE c.status = 'on_shelf' AND p.name = '中央図書館' AND t.material_type = 'book'
        AND t.not_for_loan = 0 AND t.set_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
      ORDER BY c.id LIMIT 2`)
    expect(free).toHaveLength(2)
    const before = (await openLoans(yokoId)).length
    for (const c of free) {
      await scan(c.barcode)
      const status = await page.getByRole('status').textContent()
      expect(status).toContain('貸し出しました')
      expect(status).toContain(c.title)
      expect(await focusedId()).toBe('lend-barcode')
    }
    const after = await openLoans(yokoId)
    expect(after.length).toBe(before + 2)
    expect(await page.locator('#loans').textContent()).toBe(`貸出中の資料（${after.length}点）`)

    const waiting = await yokoHold()
    expect(waiting?.state).toBe('waiting')
    await page.getByRole('link', { name: '貸出・返却', exact: true }).click()
    await page.getByLabel(/返却する資料のバーコード/).focus()
    await scan(RESERVED_COPY)
    // HOLD-TRANSIT: returned at 中央, her pickup is 楠葉: it travels first, and nothing is told.
    const alert = await page.getByRole('alert').textContent()
    expect(alert).toContain(`予約あり：${waiting?.place}へ回送（回送箱へ）`)
    expect(alert).toContain('川日和')
    expect(alert).toContain(YOKO.number)
    const travelling = await yokoHold()
    expect(travelling?.state).toBe('in_transit')
    expect(await e.b.db.orm.select().from(notices).where(eq(notices.holdId, waiting!.id))).toEqual(
      [],
    )
    await tick(deps())
    expect(readyPushes()).toEqual([])

    // At 楠葉 the van is unloaded: the desk moves there and scans it in on the 回送 page.
    await page.getByLabel(/この窓口の図書館/).selectOption({ label: waiting!.place })
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: '変更' }).click(),
    ])
    await page.getByRole('link', { name: '回送', exact: true }).click()
    await expect.poll(focusedId, POLL).toBe('receive-barcode')
    await scan(RESERVED_COPY)
    const received = await page.getByRole('alert').textContent()
    expect(received).toContain(`予約あり：${waiting?.place}の予約棚へ`)
    expect(received).toContain('川日和')
    expect(received).toContain(YOKO.number)
    expect(received).toContain('予約者へのお知らせを送信予定に入れました')

    const ready = await yokoHold()
    expect(ready?.state).toBe('ready')
    expect(ready!.pickupBy >= addDays(TODAY, 7)).toBe(true)
    await page.getByRole('link', { name: '予約棚', exact: true }).click()
    await page.getByLabel('受取場所').selectOption({ label: waiting!.place })
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: '表示' }).click(),
    ])
    const row = page.locator('tbody tr', { hasText: RESERVED_COPY })
    expect(await row.textContent()).toContain(YOKO.name)
    expect(await row.textContent()).toContain(jaDate(ready!.pickupBy))

    // Queued for the next slot, not sent from inside the request.
    const queued = await e.b.db.orm.select().from(notices).where(eq(notices.holdId, ready!.id))
    expect(queued).toMatchObject([{ state: 'pending', dueAt: jstInstant(TODAY, '16:00') }])
    expect(readyPushes()).toEqual([])
    expect(desk.problems).toEqual([])
  }, 40_000)

  it('NOTICE-SLOTS, NOTICE-ONCE: at the next slot the push reaches her chat once, with the pickup date', async () => {
    // The scheduler has caught up this morning's 10:00 slot; a run at noon sends no hold notice.
    await expect.poll(() => lastSlotRun(e.b.db), POLL).toBe(jstInstant(TODAY, '10:00'))
    await tick(deps())
    expect(readyPushes()).toEqual([])

    await page.getByRole('button', { name: '次のお知らせ時刻へ' }).click()
    await page.locator('.clock .now').getByText(/16:00/).waitFor()
    expect(e.b.clock.now()).toBe(jstInstant(TODAY, '16:00'))
    // The running scheduler notices the slot by itself.
    await expect.poll(() => readyPushes().length, POLL).toBe(1)
    await expect.poll(() => lastSlotRun(e.b.db), POLL).toBe(jstInstant(TODAY, '16:00'))
    await scheduler().idle()
    // Another run in the same slot (a restart, a cron fired twice) sends nothing more.
    await tick(deps())
    expect(readyPushes()).toHaveLength(1)
    const hold = await yokoHold()
    const [notice] = await e.b.db.orm.select().from(notices).where(eq(notices.holdId, hold!.id))
    expect(notice?.state).toBe('sent')

    const tab = await openTab(e, { width: 1100, height: 900 })
    const chat = tab.page
    await chat.goto(`${e.b.origin}/simulator?user=${encodeURIComponent(yokoUser)}`)
    const bubble = chat.locator('.row.bot .fx-bubble', { hasText: 'ご予約の資料をご用意しました' })
    await bubble.waitFor()
    const text = await bubble.textContent()
    expect(text).toContain(hold!.place)
    expect(text).toContain(jaDate(hold!.pickupBy))
    expect(text).toContain('川日和')
    // Later polls of the chat (after a message and its answer) still show it once.
    await chat.getByPlaceholder('メッセージを入力').fill('ありがとう')
    await chat.getByRole('button', { name: '送信' }).click()
    await chat
      .locator('.row.bot')
      .last()
      .getByText(/^使い方のご案内です。/)
      .waitFor()
    expect(await bubble.count()).toBe(1)

    // Its button opens the holds page in the panel, where the hold is ready.
    await bubble.getByRole('button', { name: '予約の一覧を見る' }).click()
    const app = chat.frameLocator('#liff-frame')
    const item = app.locator('li.item', { hasText: '川日和' })
    await item.getByText('確保中（受け取れます）').waitFor()
    expect(await item.textContent()).toContain(jaDate(hold!.pickupBy))
    expect(tab.problems).toEqual([])
    await tab.context.close()
    expect((await e.b.db.orm.select().from(holds).where(eq(holds.id, hold!.id)))[0]?.state).toBe(
      'ready',
    )
  }, 40_000)
})
