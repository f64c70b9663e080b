/**
 * Issue 14, end to end in front mode: the try-it walk in Chromium with bunko in front of a
 * library system it reaches only through SIP2.
 *
 * - The "ILS" is a second, embedded bunko (the demo library) with its SIP2 server started for
 *   real on a loopback port (test/sip2/harness.ts), behind the fault proxy (for the outage).
 * - The front bunko is configured as `npm start` would be (LIBRARY_SYSTEM=sip2, SIP2_*): its
 *   adapter is built by bot/node-server.ts from that configuration, over real TCP.
 * - The two have SEPARATE databases. The front one is seeded with the same demo catalogue, so
 *   titles and copies match by barcode (bot/sip2/client/local.ts maps the ILS's barcodes to
 *   the catalogue copy's ids), and then its loans, holds and notices are deleted: whatever
 *   loans, holds or hold-ready pushes the patron sees can only have come over SIP2, and every
 *   write is checked in the ILS's own database.
 *
 * 山田 花子 links through the simulator's account-link flow, shows her card (zxing decodes her
 * number), sees a loan lent at the ILS's kiosk only, renews it (moved once at the ILS), places
 * a hold (on the ILS), and when the ILS's kiosk checks its copy in the front's notice slot
 * pushes "ready" once. Last, the ILS goes away: the loans page says so, the card still shows.
 * One page and one ILS run the whole story, so the steps share them and run in order.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSlot } from '../../bot/notices/run-slot.ts'
import { checkinRequest, checkoutRequest } from '../../bot/sip2/index.ts'
import { jstInstant } from '../../core/dates.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { copies, holds, lineLinks, loans, patrons } from '../../db/schema.ts'
import { readCodabar } from '../liff/barcode-reader.ts'
import { axe } from '../liff/browser.ts'
import { type FaultProxy, startFaultProxy } from '../sip2/fault-proxy.ts'
import { forgetCirculation, frontModeEnv, sharedNamePair } from '../sip2/front.ts'
import { HANAKO, type Sip2Test, startSip2, YOKO } from '../sip2/harness.ts'
import { TEST_NOW } from '../support/bunko.ts'
import { type E2E, jaDate, liffUrl, openTab, POLL, startE2E, type Tab } from './harness.ts'

const DAY = 24 * 60 * 60 * 1000
const TODAY = '2026-11-25'
const HOLD_READY_ALT = /^ご予約の資料がご用意できました/
const UNREACHABLE = '図書館のシステムにただいま接続できません。'

let ils: Sip2Test
let proxy: FaultProxy
let e: E2E
let tab: Tab
let page: Page
let userId: string
/** A copy lent to 花子 at the ILS's kiosk only: the front's database never had this loan. */
let lent: { barcode: string; title: string }
/** A one-copy title, its copy lent to 吉田 陽子 at the ILS: 花子 reserves it, first in line. */
let wanted: { titleId: number; barcode: string; title: string }

beforeAll(async () => {
  ils = await startSip2()
  proxy = await startFaultProxy(ils.server.port)
  e = await startE2E({
    env: { ...frontModeEnv(proxy.port), OPAC_URL: 'https://opac.example.jp/' },
  })
  await forgetCirculation(e.b.db)
  userId = e.b.users[0]!.userId
  tab = await openTab(e, { width: 1100, height: 900 })
  page = tab.page

  // At the ILS: a copy lent to 花子 three days ago (a renewal gains days on it) …
  const kiosk = await ils.kiosk()
  const [free, other] = await ils.b.db.all<{ barcode: string; title: string; titleId: number }>(
    oneCopyTitles(2),
  )
  if (!free || !other) throw new Error('the demo library has free one-copy titles')
  ils.b.setNow(TEST_NOW - 3 * DAY)
  await kiosk.request(checkoutRequest(ils.who(HANAKO.number), free.barcode))
  ils.b.setNow(TEST_NOW)
  lent = free
  // … and the only copy of another title lent to 吉田 陽子, so a hold on it waits.
  await kiosk.request(checkoutRequest(ils.who(YOKO.number), other.barcode))
  wanted = other
}, 60_000)

afterAll(async () => {
  await tab?.context.close()
  await e?.close()
  // The front's pool sockets end with the proxy's.
  await proxy?.close()
  await ils?.close()
})

/** Titles with one copy, on 中央図書館's shelf, that nobody holds or borrows. */
const oneCopyTitles = (n: number) => sql`
  SELECT c.barcode AS barcode, t.title AS title, t.id AS titleId FROM copies c
  JOIN titles t ON t.id = c.title_id JOIN places p ON p.id = c.current_place_id
  WHERE c.status = 'on_shelf' AND p.name = '中央図書館' AND t.material_type = 'book'
    AND c.withdrawn_at IS NULL AND t.withdrawn_at IS NULL AND t.not_for_loan = 0
    AND t.set_id IS NULL
    AND (SELECT count(*) FROM copies c2 WHERE c2.title_id = t.id) = 1
    AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
  ORDER BY c.id LIMIT ${n}`

const menuButton = (label: string) =>
  page.locator('#richmenu').getByRole('button', { name: label, exact: true })
const panel = (): FrameLocator => page.frameLocator('#liff-frame')
const botRows = () => page.locator('.row.bot')

/** The ILS's own record of a loan by copy barcode. */
async function ilsLoan(barcode: string) {
  const [row] = await ils.b.db.orm
    .select({ dueDate: loans.dueDate, renewals: loans.renewals, patronId: loans.patronId })
    .from(loans)
    .innerJoin(copies, eq(copies.id, loans.copyId))
    .where(and(eq(copies.barcode, barcode), sql`${loans.returnedAt} IS NULL`))
  return row
}

async function ilsPatronId(number: string) {
  const [row] = await ils.b.db.orm.select().from(patrons).where(eq(patrons.number, number))
  return row!.id
}

/** Hold-ready pushes 花子's LINE user received. */
const readyPushes = () =>
  e.b.sim.record
    .botMessages(userId)
    .filter(
      (m) =>
        m.via === 'push' && HOLD_READY_ALT.test((m.message as { altText?: string }).altText ?? ''),
    )
    .map((m) => JSON.stringify(m.message))

/** A notice slot of the front bunko, run as its scheduler runs it. */
function slot(at: number) {
  e.b.setNow(at)
  return runSlot(
    {
      db: e.b.db,
      library: e.b.library,
      line: e.b.line,
      clock: e.b.clock,
      config: e.b.config,
      log: e.b.log,
    },
    at,
  )
}

/** The simulated LIFF's ID token for 花子's LINE user, as an Authorization header. */
async function bearer() {
  const res = await fetch(`${e.b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await res.json()) as { idToken: string }
  return { authorization: `Bearer ${idToken}` }
}

async function openLiff(route: string) {
  const t = await openTab(e)
  await t.page.goto(liffUrl(e.b, userId, route))
  return t
}

describe('front mode, end to end over SIP2', () => {
  it('LINE-LINK: 花子 links through the simulator; the ILS checks her password (63)', async () => {
    await page.goto(`${e.b.origin}/simulator?user=${encodeURIComponent(userId)}`)
    await page.getByRole('button', { name: '友だち追加' }).click()
    await menuButton('アカウント連携').click()
    const offer = botRows().filter({ hasText: 'アカウント連携の手続きです' })
    await offer.getByRole('button', { name: '連携の手続きへ' }).click()
    const form = panel()
    await form.getByRole('heading', { name: 'LINEアカウント連携' }).waitFor()
    // The ILS keeps the web password: the page says where, and offers no form it would refuse.
    await form.getByText('パスワードの登録・変更は、図書館のホームページか図書館の窓口で').waitFor()
    expect(await form.getByRole('link', { name: 'パスワードを登録・再設定する' }).count()).toBe(0)
    const direct = await (await fetch(`${e.b.origin}/password`)).text()
    expect(direct).toContain('パスワードの登録・変更は、図書館のホームページか図書館の窓口で')
    expect(direct).not.toContain('<form')
    const patronInfoBefore = proxy.count('63')
    await form.getByLabel(/^利用者番号/).fill(HANAKO.number)
    await form.getByLabel(/^パスワード/).fill(HANAKO.password)
    await form.getByRole('button', { name: '連携する' }).click()
    await form.getByRole('heading', { name: 'アカウント連携' }).waitFor()
    await form.getByRole('button', { name: '許可する' }).click()
    await form.getByRole('heading', { name: '連携しました' }).waitFor()
    await menuButton('図書館カード').waitFor()
    expect(proxy.count('63')).toBeGreaterThan(patronInfoBefore)
    const [link] = await e.b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, userId))
    const [shadow] = await e.b.db.orm.select().from(patrons).where(eq(patrons.id, link!.patronId))
    expect(shadow?.number).toBe(HANAKO.number)
  })

  it('LINE-CARD: 図書館カード shows her card; the barcode decodes to her number', async () => {
    await menuButton('図書館カード').click()
    await expect.poll(() => page.locator('#liff-url').textContent(), POLL).toBe('/liff/card')
    const app = panel()
    await app.getByText(HANAKO.name, { exact: true }).waitFor()
    await app.locator('svg.barcode').waitFor()
    const { start, stop } = HIRAKATA_POLICY.barcode
    const shot = await page.locator('#liff-frame').screenshot()
    expect(readCodabar(shot)).toBe(`${start}${HANAKO.number}${stop}`)
  })

  it('RENEW-BOOK: her loans come from the ILS; one renews, and the ILS moved its due date once', async () => {
    const before = await ilsLoan(lent.barcode)
    expect(before?.renewals).toBe(0)
    const { page: liff, context, problems } = await openLiff('loans')
    const item = liff.locator('li.item', { hasText: lent.title })
    await item.getByText('返却期限').first().waitFor()
    expect(await item.textContent()).toContain(jaDate(before!.dueDate))
    // A demo loan the ILS has (the front's own loans were deleted).
    await liff.locator('li.item', { hasText: '乾物でつくる作りおき' }).waitFor()
    const renewalsBefore = proxy.count('29')
    await item.getByRole('button', { name: '延長する' }).click()
    await item.locator('.confirm').getByRole('button', { name: '延長する' }).click()
    await item.getByText(/^延長しました。新しい返却期限は/).waitFor()
    const after = await ilsLoan(lent.barcode)
    expect(after!.renewals).toBe(1)
    expect(after!.dueDate > before!.dueDate).toBe(true)
    expect(after!.dueDate > TODAY).toBe(true)
    expect(await item.textContent()).toContain(
      `延長しました。新しい返却期限は ${jaDate(after!.dueDate)} です。`,
    )
    expect(proxy.count('29') - renewalsBefore).toBe(1)
    // Nothing of it is in the front's database.
    expect(await e.b.db.orm.select().from(loans)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('renewed, but the ILS stopped answering before listing it: 200 with the new due date, renewed once', async () => {
    const [copy] = await ils.b.db.all<{ barcode: string; title: string }>(oneCopyTitles(1))
    if (!copy) throw new Error('the demo library has a free one-copy title')
    ils.b.setNow(TEST_NOW - 3 * DAY)
    await (await ils.kiosk()).request(checkoutRequest(ils.who(HANAKO.number), copy.barcode))
    ils.b.setNow(TEST_NOW)
    const headers = { ...(await bearer()), 'content-type': 'application/json' }
    const listed = (await (await fetch(`${e.b.origin}/api/loans`, { headers })).json()) as {
      loans: { id: number; title: { name: string }; newDueDate?: string }[]
    }
    const loan = listed.loans.find((l) => l.title.name === copy.title)!
    proxy.fail('29', 'down-after')
    try {
      const res = await fetch(`${e.b.origin}/api/loans/${loan.id}/renew`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ quotedDueDate: loan.newDueDate }),
      })
      // The patron is told it is renewed (503 here made her renew again, refused as no gain).
      expect(res.status).toBe(200)
      const after = await ilsLoan(copy.barcode)
      expect(after!.renewals).toBe(1)
      expect(await res.json()).toMatchObject({ loan: null, dueDate: after!.dueDate })
    } finally {
      proxy.up()
    }
  })

  it('HOLD-PLACE: a hold placed in the LIFF app is on the ILS, first in line', async () => {
    const { page: liff, context, problems } = await openLiff(`title/${wanted.titleId}`)
    await liff.getByRole('heading', { level: 1, name: wanted.title }).waitFor()
    await liff.getByRole('button', { name: 'カートに入れる' }).click()
    await liff.getByRole('link', { name: 'カートに入っています' }).click()
    await liff.getByRole('link', { name: '受取場所を選ぶ' }).click()
    await liff.getByRole('radio', { name: /^中央図書館/ }).check()
    await liff.getByRole('button', { name: '確認画面へ進む' }).click()
    await liff.getByRole('heading', { level: 1, name: '予約内容の確認' }).waitFor()
    await liff.getByRole('button', { name: '予約する' }).click()
    await liff.getByRole('heading', { level: 1, name: '予約を受け付けました' }).waitFor()
    // Hers is the title's only hold: first in line when its one copy comes back.
    const onIls = await ils.b.db.all<{ patronId: number; state: string; place: string }>(sql`
      SELECT h.patron_id AS patronId, h.state AS state, p.name AS place FROM holds h
      JOIN places p ON p.id = h.pickup_place_id WHERE h.title_id = ${wanted.titleId}`)
    expect(onIls).toEqual([
      { patronId: await ilsPatronId(HANAKO.number), state: 'waiting', place: '中央図書館' },
    ])
    expect(await e.b.db.orm.select().from(holds)).toEqual([])
    await liff.getByRole('link', { name: '予約中一覧を見る' }).click()
    const item = liff.locator('li.item', { hasText: wanted.title })
    await item.getByText('予約中').waitFor()
    // SIP2's 63 names no pickup place: the list names none rather than one it guessed.
    await item.getByText('受取場所：ご予約の際にご指定の場所').waitFor()
    expect(await liff.locator('li.item', { hasText: '受取場所：中央図書館' }).count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('HOLD-CHANGE: moved at the ILS, which then stopped answering: 200, moved once', async () => {
    const headers = { ...(await bearer()), 'content-type': 'application/json' }
    const { holds: mine } = (await (
      await fetch(`${e.b.origin}/api/holds`, { headers })
    ).json()) as {
      holds: { id: number; title: { id: number }; pickupPlace: { id: number } | null }[]
    }
    const hold = mine.find((h) => h.title.id === wanted.titleId)!
    expect(hold.pickupPlace).toBeNull()
    const { places } = (await (await fetch(`${e.b.origin}/api/libraries`, { headers })).json()) as {
      places: { id: number; name: string; kind: string }[]
    }
    // 中央図書館 again, where the next test's kiosk makes it ready.
    const other = places.find((p) => p.kind === 'library')!
    proxy.fail('15', 'down-after')
    try {
      const res = await fetch(`${e.b.origin}/api/holds/${hold.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ pickupPlaceId: other.id }),
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ hold: null, changed: [] })
      const [onIls] = await ils.b.db.all<{ place: string }>(sql`
        SELECT p.name AS place FROM holds h JOIN places p ON p.id = h.pickup_place_id
        WHERE h.title_id = ${wanted.titleId} AND h.state = 'waiting'`)
      expect(onIls?.place).toBe(other.name)
    } finally {
      proxy.up()
    }
  })

  it('HOLD-PLACE: a title whose name another shares is placed, and the 完了 answer says so, at the place chosen', async () => {
    const pair = await sharedNamePair(ils.b.db)
    const headers = { ...(await bearer()), 'content-type': 'application/json' }
    const { places } = (await (await fetch(`${e.b.origin}/api/libraries`, { headers })).json()) as {
      places: { id: number; kind: string }[]
    }
    const res = await fetch(`${e.b.origin}/api/holds`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        titleIds: [pair.other],
        pickupPlaceId: places.find((p) => p.kind === 'library')!.id,
      }),
    })
    expect(res.status).toBe(201)
    const done = (await res.json()) as { holds: unknown[]; message: string }
    expect(done.holds).toEqual([])
    // Counted as placed, at the place she chose, though the list cannot say which title it is.
    expect(done.message).toMatch(/^1点の予約を受け付けました。受取場所は中央図書館です。\n/)
    const listed = (await (await fetch(`${e.b.origin}/api/holds`, { headers })).json()) as {
      holds: { title: { name: string; author: string } }[]
    }
    expect(listed.holds.filter((h) => h.title.name === pair.name)).toEqual([
      expect.objectContaining({ title: expect.objectContaining({ author: '' }) }),
    ])
  })

  it('NOTICE-ONCE: the ILS’s kiosk checks the copy in; the front’s slot pushes “ready” once', async () => {
    // The demo's ready hold (枚方宿の歴史) is announced by a first slot: a baseline.
    const first = await slot(jstInstant(TODAY, '16:00'))
    expect(first.errors).toEqual([])
    await expect.poll(() => readyPushes().length, POLL).toBe(1)
    expect(readyPushes()[0]).toContain('枚方宿の歴史')

    // As a self-service kiosk returns it at 中央: 花子 is first, pickup at 中央 → ready.
    const kiosk = await ils.kiosk()
    const back = await kiosk.request(checkinRequest(ils.who(), wanted.barcode))
    expect(back.message.fixed.ok).toBe('1')
    const [ready] = await ils.b.db.all<{ state: string }>(sql`
      SELECT state FROM holds WHERE title_id = ${wanted.titleId}
        AND patron_id = ${await ilsPatronId(HANAKO.number)}`)
    expect(ready?.state).toBe('ready')

    const next = jstInstant('2026-11-26', '10:00')
    const report = await slot(next)
    expect(report.errors).toEqual([])
    expect(report.polledQueued).toBe(1)
    const pushes = readyPushes()
    expect(pushes).toHaveLength(2)
    expect(pushes[1]).toContain(wanted.title)
    // Where it waits is not said over SIP2: the place asked for, and the library for questions.
    expect(pushes[1]).toContain('ご予約の際にご指定の場所')
    expect(pushes[1]).toContain('お問い合わせ：中央図書館（050-7105-8141）')
    // SIP2 does not say until when it is kept: no date is made up.
    expect(pushes[1]).toContain('お早めにお受け取りください')
    expect(pushes[1]).not.toContain('受取期限"')
    await page.locator('.row.bot .fx-bubble', { hasText: wanted.title }).first().waitFor()
    // The same slot again (a restart, a cron fired twice): asked again, told never again.
    const again = await slot(next)
    expect(again.errors).toEqual([])
    expect(again.polledQueued).toBe(0)
    expect(readyPushes()).toHaveLength(2)
    expect(await page.locator('.row.bot .fx-bubble', { hasText: wanted.title }).count()).toBe(1)
  })

  it('an ILS that cannot be reached: the loans page says so plainly; the card still shows', async () => {
    // The phone has opened its card before (the app keeps the last good one).
    const { page: liff, context } = await openLiff('card')
    await liff.getByText(HANAKO.name, { exact: true }).waitFor()
    await liff.goto(liffUrl(e.b, userId, 'loans'))
    await liff.locator('li.item', { hasText: lent.title }).waitFor()
    proxy.down()
    try {
      await liff.reload()
      await liff.getByRole('alert').getByText(UNREACHABLE, { exact: false }).waitFor()
      expect(await liff.locator('li.item').count()).toBe(0)
      const api = await fetch(`${e.b.origin}/api/loans`, { headers: await bearer() })
      expect(api.status).toBe(503)
      await liff.goto(liffUrl(e.b, userId, 'card'))
      await liff.reload()
      await liff.locator('svg.barcode').waitFor()
      await liff.getByText(HANAKO.name, { exact: true }).waitFor()
      expect(await liff.evaluate(() => window.__bunkoCardDrawnFrom)).toBe('cache')
      const { start, stop } = HIRAKATA_POLICY.barcode
      expect(readCodabar(await liff.screenshot())).toBe(`${start}${HANAKO.number}${stop}`)
    } finally {
      proxy.up()
      await context.close()
    }
  })

  it('while the ILS cannot be reached, search still finds titles in bunko’s catalogue copy, and one goes in the cart', async () => {
    proxy.down()
    // Titles no page has asked the ILS about (its answers are kept for 30 s).
    const {
      page: liff,
      context,
      problems,
    } = await openLiff(`search?q=${encodeURIComponent('事件')}`)
    try {
      const hit = liff.locator('li.item').first()
      await hit.getByText('所蔵：いまは確認できません').waitFor()
      await liff.getByText(/所蔵と貸出の状況は表示できません/).waitFor()
      expect(await liff.getByText(/所蔵 \d+冊/).count()).toBe(0)
      await hit.getByRole('link').first().click()
      await liff.getByText(/予約待ちの件数は表示できません/).waitFor()
      await liff.getByRole('button', { name: 'カートに入れる', exact: true }).click()
      await liff.getByRole('link', { name: 'カートに入っています' }).waitFor()
      expect(await axe(liff)).toEqual([])
      expect(problems.filter((p) => !/status of 503/.test(p))).toEqual([])
    } finally {
      proxy.up()
      await context.close()
    }
  })

  it('LINE-LINK: while the ILS cannot be reached, 花子 still sees her cards and can unlink', async () => {
    proxy.down()
    try {
      const headers = await bearer()
      const cards = await fetch(`${e.b.origin}/api/family`, { headers })
      expect(cards.status).toBe(200)
      const { cards: listed } = (await cards.json()) as { cards: { name: string }[] }
      expect(listed.map((c) => c.name)).toEqual([HANAKO.name])
      // Her link is bunko's own: unlinking needs nothing from the ILS.
      const unlinked = await fetch(`${e.b.origin}/api/unlink`, { method: 'POST', headers })
      expect(unlinked.status).toBe(200)
      expect(await unlinked.json()).toEqual({ ok: true, remaining: 0 })
      const left = await e.b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, userId))
      expect(left).toEqual([])
      // From now on the app's calls are for a LINE user with no card.
      const loansAnswer = await fetch(`${e.b.origin}/api/loans`, { headers })
      expect(loansAnswer.status).toBe(403)
    } finally {
      proxy.up()
    }
  })
})
