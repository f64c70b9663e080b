/** The desk over HTTP: call up a patron, lend, the refusals, and returns that serve a hold. */
import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { checkIn } from '../../db/circulation.ts'
import { auditLog, copies, holds, loans, notices, patrons } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import {
  addWaitingHold,
  copy,
  copyId,
  harness,
  NOW,
  number,
  PATRON,
  PLACE,
  TITLE,
} from './fixture.ts'

async function open() {
  const h = await harness()
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

const openLoans = (h: Awaited<ReturnType<typeof open>>, patronId: number) =>
  h.db.orm
    .select()
    .from(loans)
    .where(and(eq(loans.patronId, patronId), isNull(loans.returnedAt)))

describe('calling up a patron', () => {
  it.each([
    ['the bare number', number(1)],
    ['NW-7 with start/stop A…A', `A${number(1)}A`],
    ['lower-case start/stop and full-width digits', `c${'１０００００１'}d`],
  ])('finds the patron from %s', async (_what, scan) => {
    const { desk } = await open()
    const { res } = await desk.post('/counter/patron', { number: scan })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/counter/patrons/${PATRON.alice}`)
    const page = await desk.get(res.headers.get('location')!)
    expect(text(page.html)).toContain('山田 花子')
    expect(text(page.html)).toContain(number(1))
    expect(page.html).toMatch(/id="lend-barcode"[^>]*autofocus/)
  })

  it('says plainly when the scan is not a patron number, or nobody has it', async () => {
    const { desk } = await open()
    const bad = await desk.post('/counter/patron', { number: 'hello' })
    expect(bad.res.status).toBe(400)
    expect(text(bad.html)).toContain('利用者番号として読み取れませんでした')
    const unknown = await desk.post('/counter/patron', { number: '9999999' })
    expect(unknown.res.status).toBe(404)
    expect(text(unknown.html)).toContain('9999999 の利用者は登録されていません')
  })

  it('shows loans with due dates and overdue days, and the long-overdue block', async () => {
    const { desk } = await open()
    const page = text((await desk.get(`/counter/patrons/${PATRON.late}`)).html)
    expect(page).toContain('枚方の民話')
    expect(page).toContain('2026年3月15日(日)')
    expect(page).toContain('長期延滞 87日')
    expect(page).toContain('貸出できません')
    expect(page).toContain('60日以上返却期限を過ぎている資料があるため')
  })

  it('shows an expired registration as a block', async () => {
    const { desk } = await open()
    const page = text((await desk.get(`/counter/patrons/${PATRON.lapsed}`)).html)
    expect(page).toContain('利用者登録が無効になっています')
  })

  it('shows holds with state, queue position, pickup place and pickup-by', async () => {
    const h = await open()
    await addWaitingHold(h.db, {
      id: 1,
      patronId: PATRON.bob,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.kuzuha,
      placedAt: NOW - 3000,
    })
    await addWaitingHold(h.db, {
      id: 2,
      patronId: PATRON.alice,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 2000,
    })
    await addWaitingHold(h.db, {
      id: 3,
      patronId: PATRON.alice,
      titleId: TITLE.book4,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    await checkIn(
      h.db,
      { barcode: copy(TITLE.book4, 1), placeId: PLACE.central },
      NOW,
      h.config.policy,
    )
    const page = text((await h.desk.get(`/counter/patrons/${PATRON.alice}`)).html)
    expect(page).toMatch(/淀川の四季 予約待ち 2位 中央図書館 —/)
    // Ready at 12:00 on 6/10, announced 16:00 the same day: collect by 6/17.
    expect(page).toMatch(/くずはの森 確保中（受取待ち） — 中央図書館 2026年6月17日\(水\)/)
  })
})

describe('lending', () => {
  it('lends two copies, each with its due date (LOAN-PERIOD: 14 days, DVD 7)', async () => {
    const h = await open()
    await h.desk.get(`/counter/patrons/${PATRON.alice}`)
    const first = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode: copy(TITLE.gingatetsudo, 1),
    })
    expect(first.posted.status).toBe(303)
    expect(text(first.html)).toContain('貸し出しました')
    expect(text(first.html)).toContain('返却期限 2026年6月24日(水)')
    expect(first.html).toMatch(/id="lend-barcode"[^>]*autofocus/)
    const second = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode: ` ${copy(TITLE.dvd, 2)} `,
    })
    expect(text(second.html)).toContain('返却期限 2026年6月17日(水)')
    expect(text(second.html)).toContain('貸出中の資料（2点）')
    const rows = await openLoans(h, PATRON.alice)
    expect(rows.map((l) => [l.copyId, l.dueDate, l.libraryId])).toEqual([
      [copyId(TITLE.gingatetsudo, 1), '2026-06-24', PLACE.central],
      [copyId(TITLE.dvd, 2), '2026-06-17', PLACE.central],
    ])
  })

  it.each([
    ['a not-for-loan title (禁帯出)', PATRON.alice, copy(TITLE.reference, 1), '禁帯出'],
    ['a copy out on loan to another patron', PATRON.alice, copy(TITLE.book2, 1), '貸出中の記録'],
    ['a patron blocked by a long-overdue loan', PATRON.late, copy(TITLE.book3, 1), '60日以上'],
    ['a lapsed registration', PATRON.lapsed, copy(TITLE.book3, 1), '利用者登録が無効'],
    ['an unknown barcode', PATRON.alice, 'NOPE-1', 'このバーコードの資料は登録されていません'],
  ])('refuses %s, says why, and lends nothing', async (_what, patronId, barcode, why) => {
    const h = await open()
    const before = await openLoans(h, patronId)
    // A refusal is on the audit trail, so it too redirects to the page that says why.
    const { posted, html } = await h.desk.submit(`/counter/patrons/${patronId}/lend`, { barcode })
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('貸出できません')
    expect(text(html)).toContain(why)
    // One 貸出できません banner, never the patron's block and the refusal stacked.
    expect(html.split('<strong>貸出できません</strong>').length - 1).toBe(1)
    expect(await openLoans(h, patronId)).toEqual(before)
    const [entry] = await h.db.orm
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'checkout.refused'))
    expect(entry?.after).toContain('"reason"')
  })

  it('the same copy scanned twice for one patron (or the page reloaded) lends once and says it is lent', async () => {
    const h = await open()
    const barcode = copy(TITLE.gingatetsudo, 1)
    await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode })
    const loansBefore = await openLoans(h, PATRON.alice)
    const auditBefore = await h.db.orm.select().from(auditLog)
    const { posted, html } = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode,
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain(
      'この利用者に貸出済みです 「銀河鉄道の夜」（C11） 返却期限 2026年6月24日(水)',
    )
    expect(page).not.toContain('貸出できません')
    expect(page).not.toContain('返却処理')
    expect(await openLoans(h, PATRON.alice)).toEqual(loansBefore)
    // Nothing changed, so nothing is recorded (above all not 「ほかの利用者に貸出中」).
    expect(await h.db.orm.select().from(auditLog)).toEqual(auditBefore)
    // Another patron scanning it is still refused: check it in first.
    const other = await h.desk.submit(`/counter/patrons/${PATRON.bob}/lend`, { barcode })
    expect(other.posted.status).toBe(303)
    expect(text(other.html)).toContain('ほかの利用者に貸出中の記録があります')
  })

  it('refuses a suspended patron (status on the record) and shows the block on their screen', async () => {
    const h = await open()
    await h.db.batch([
      h.db.orm
        .update(patrons)
        .set({ status: 'suspended' })
        .where(eq(patrons.id, PATRON.alice))
        .returning({ id: patrons.id }),
    ])
    const screen = text((await h.desk.get(`/counter/patrons/${PATRON.alice}`)).html)
    expect(screen).toContain('貸出できません この利用者の登録は停止中')
    const { posted, html } = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode: copy(TITLE.book3, 1),
    })
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('責任者に確認し')
    expect(text(html)).toContain('貸し出していません。理由は上の「貸出できません」のとおりです。')
    expect(await openLoans(h, PATRON.alice)).toHaveLength(0)
  })

  it("refuses a copy set aside for someone else's ready hold; the holder's own scan collects it", async () => {
    const h = await open()
    await addWaitingHold(h.db, {
      id: 1,
      patronId: PATRON.bob,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    const barcode = copy(TITLE.book3, 1)
    await checkIn(h.db, { barcode, placeId: PLACE.central }, NOW, h.config.policy)
    const refused = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode })
    expect(refused.posted.status).toBe(303)
    expect(text(refused.html)).toContain('別の利用者の予約のために確保されています')
    const lent = await h.desk.submit(`/counter/patrons/${PATRON.bob}/lend`, { barcode })
    expect(lent.posted.status).toBe(303)
    expect(text(lent.html)).toContain('予約資料を貸し出しました')
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 1))
    expect(hold?.state).toBe('collected')
    expect(await openLoans(h, PATRON.bob)).toHaveLength(1)
  })
})

describe('returns', () => {
  it('takes a copy back to the shelf, noting how late it was and where it belongs', async () => {
    const h = await open()
    const { posted, html } = await h.desk.submit('/counter/return', {
      barcode: copy(TITLE.book2, 1),
    })
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('返却しました')
    expect(text(html)).toContain('返却期限を87日過ぎていました')
    expect(html).toMatch(/id="return-barcode"[^>]*autofocus/)
    expect(await openLoans(h, PATRON.late)).toHaveLength(0)
    // A 楠葉 copy returned at 中央 travels home.
    await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode: copy(TITLE.book4, 2) })
    const away = await h.desk.submit('/counter/return', { barcode: copy(TITLE.book4, 2) })
    expect(text(away.html)).toContain('回送：楠葉図書館へ（回送箱へ）')
    expect(text(away.html)).toContain('楠葉図書館行きの回送箱に入れてください')
  })

  it('HOLD-READY: a returned copy another patron reserved goes to their hold shelf and the notice is queued', async () => {
    const h = await open()
    await addWaitingHold(h.db, {
      id: 7,
      patronId: PATRON.bob,
      titleId: TITLE.book2,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    const { posted, html } = await h.desk.submit('/counter/return', {
      barcode: copy(TITLE.book2, 1),
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain('予約あり：中央図書館の予約棚へ')
    expect(page).toContain(`予約者の利用者番号 ${number(PATRON.bob)}`)
    expect(page).toContain('予約者へのお知らせを送信予定に入れました')
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 7))
    expect(hold).toMatchObject({ state: 'ready', copyId: copyId(TITLE.book2, 1) })
    const queued = await h.db.orm.select().from(notices).where(eq(notices.holdId, 7))
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ kind: 'hold_ready', patronId: PATRON.bob, state: 'pending' })
    const [c] = await h.db.orm
      .select()
      .from(copies)
      .where(eq(copies.id, copyId(TITLE.book2, 1)))
    expect(c).toMatchObject({ status: 'on_hold_shelf', currentPlaceId: PLACE.central })
  })

  it('a withdrawn (除籍) copy is taken back, serves no hold, and staff are told to keep it off the shelf', async () => {
    const h = await open()
    await addWaitingHold(h.db, {
      id: 7,
      patronId: PATRON.bob,
      titleId: TITLE.book2,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    await h.db.orm
      .update(copies)
      .set({ withdrawnAt: NOW })
      .where(eq(copies.id, copyId(TITLE.book2, 1)))
    const { posted, html } = await h.desk.submit('/counter/return', {
      barcode: copy(TITLE.book2, 1),
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain('除籍済みの資料です（棚に戻さないでください）')
    expect(page).toContain('を返却しました')
    expect(page).not.toContain('棚に戻してください')
    expect(page).not.toContain('予約あり')
    expect(await openLoans(h, PATRON.late)).toHaveLength(0)
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 7))
    expect(hold).toMatchObject({ state: 'waiting', copyId: null })
  })

  it('says so when a scanned copy was not on loan', async () => {
    const h = await open()
    const { html } = await h.desk.submit('/counter/return', { barcode: copy(TITLE.book3, 1) })
    expect(text(html)).toContain('この資料は貸出中ではありませんでした')
    const unknown = await h.desk.submit('/counter/return', { barcode: 'NOPE-1' })
    expect(unknown.posted.status).toBe(303)
    expect(text(unknown.html)).toContain('返却できません')
  })
})

describe('the desk place', () => {
  it('lends and takes back as the chosen library', async () => {
    const h = await open()
    const moved = await h.desk.post('/counter/place', { place: String(PLACE.kuzuha) })
    expect(moved.res.status).toBe(303)
    await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode: copy(TITLE.book3, 1) })
    const [loan] = await openLoans(h, PATRON.alice)
    expect(loan?.libraryId).toBe(PLACE.kuzuha)
    const locker = await h.desk.post('/counter/place', { place: String(PLACE.locker) })
    expect(locker.res.status).toBe(400)
  })
})
