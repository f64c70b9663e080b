/** The hold shelf over HTTP: what waits where, hand-over (= lend), and HOLD-EXPIRE. */
import { and, eq, isNull, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { jstDate } from '../../core/index.ts'
import { checkIn } from '../../db/circulation.ts'
import { auditLog, closedDates, copies, holds, loans, notices, places } from '../../db/schema.ts'
import { receiveCopy } from '../../db/transit.ts'
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

/** 佐藤 (bob) waits for 淀川の四季 at 楠葉, 鈴木 (carol) after him; the 中央 copy comes back and travels to 楠葉. */
async function readyForBob() {
  const h = await harness()
  await addWaitingHold(h.db, {
    id: 1,
    patronId: PATRON.bob,
    titleId: TITLE.book3,
    pickupPlaceId: PLACE.kuzuha,
    placedAt: NOW - 2000,
  })
  await addWaitingHold(h.db, {
    id: 2,
    patronId: PATRON.carol,
    titleId: TITLE.book3,
    pickupPlaceId: PLACE.central,
    placedAt: NOW - 1000,
  })
  await checkIn(
    h.db,
    { barcode: copy(TITLE.book3, 1), placeId: PLACE.central },
    NOW,
    h.config.policy,
  )
  // It travels to 楠葉 and is received there (HOLD-TRANSIT): ready from then.
  await receiveCopy(
    h.db,
    { barcode: copy(TITLE.book3, 1), placeId: PLACE.kuzuha },
    NOW,
    h.config.policy,
  )
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

/**
 * Book 4's 中央 copy (C41) ready at 中央 for the first of `holders` (the rest wait behind, in
 * order), and the demo clock moved past the last day to collect it.
 */
async function lateAtCentral(holders: number[]) {
  const h = await harness()
  for (const [i, patronId] of holders.entries())
    await addWaitingHold(h.db, {
      id: i + 1,
      patronId,
      titleId: TITLE.book4,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000 + i,
    })
  await checkIn(
    h.db,
    { barcode: copy(TITLE.book4, 1), placeId: PLACE.central },
    NOW,
    h.config.policy,
  )
  const desk = await new DeskClient(h.app).signedIn()
  for (const by of ['week', 'day', 'day']) await desk.post('/counter/clock/advance', { by })
  return { h, desk }
}

const hold = async (h: Awaited<ReturnType<typeof readyForBob>>, id: number) =>
  (await h.db.orm.select().from(holds).where(eq(holds.id, id)))[0]

describe('the hold shelf', () => {
  it('lists the ready holds of the chosen pickup place with their pickup-by dates', async () => {
    const h = await readyForBob()
    const kuzuha = text((await h.desk.get(`/counter/holds?place=${PLACE.kuzuha}`)).html)
    expect(kuzuha).toContain('予約棚：楠葉図書館')
    expect(kuzuha).toContain('確保中の予約（1件）')
    expect(kuzuha).toMatch(/2026年6月17日\(水\) 佐藤 一郎 1000002 淀川の四季 C31/)
    expect(kuzuha).toContain('お知らせ：送信待ち')
    // This desk is 中央: handing over from 楠葉's shelf is said to be a loan here.
    expect(kuzuha).toContain(
      'ここは楠葉図書館の予約棚です。手渡しは、この窓口（中央図書館）での貸出として記録されます。',
    )
    const central = text((await h.desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(central).toContain('この受取場所に確保中の予約はありません')
  })

  it('hands a ready hold over: the holder borrows it and the hold is collected', async () => {
    const h = await readyForBob()
    const { posted, html } = await h.desk.submit('/counter/holds/1/collect', {
      place: String(PLACE.kuzuha),
    })
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('予約資料を貸し出しました')
    expect(text(html)).toContain('確保中の予約（0件）')
    expect(await hold(h, 1)).toMatchObject({ state: 'collected' })
    const [loan] = await h.db.orm
      .select()
      .from(loans)
      .where(and(eq(loans.copyId, copyId(TITLE.book3, 1)), isNull(loans.returnedAt)))
    expect(loan).toMatchObject({ patronId: PATRON.bob, holdId: 1, dueDate: '2026-06-24' })
    // Handing over twice does nothing more.
    const again = await h.desk.submit('/counter/holds/1/collect', {})
    expect(text(again.html)).toContain('貸出できません')
  })

  it('a library with no staffed place (only lockers) cannot record a hand-over: 409, nothing lent', async () => {
    const h = await readyForBob()
    await h.db.orm.update(places).set({ kind: 'locker' })
    const { res, html } = await h.desk.post('/counter/holds/1/collect', {
      place: String(PLACE.kuzuha),
    })
    expect(res.status).toBe(409)
    expect(text(html)).toContain('窓口になる図書館が登録されていないため')
    expect(await hold(h, 1)).toMatchObject({ state: 'ready' })
  })

  it('ACC-BLOCK-OVERDUE: a blocked holder cannot be handed their ready hold', async () => {
    const h = await harness()
    await addWaitingHold(h.db, {
      id: 1,
      patronId: PATRON.late,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    await checkIn(
      h.db,
      { barcode: copy(TITLE.book3, 1), placeId: PLACE.central },
      NOW,
      h.config.policy,
    )
    const desk = await new DeskClient(h.app).signedIn()
    const { html } = await desk.submit('/counter/holds/1/collect', {})
    // The shelf is nobody's page: the refusal names whose hold and which book (a walk).
    expect(text(html)).toContain(
      `貸出できません：田中 遅延さん（${number(PATRON.late)}）の「淀川の四季」`,
    )
    expect(text(html)).toContain('60日以上')
    expect((await h.db.orm.select().from(holds).where(eq(holds.id, 1)))[0]?.state).toBe('ready')
  })

  it('HOLD-EXPIRE: past the pickup-by date the hold ends and the copy passes to the next hold', async () => {
    const h = await readyForBob()
    // Nothing is due yet.
    const early = await h.desk.submit('/counter/holds/expire', {})
    expect(text(early.html)).toContain('取置期限を過ぎた予約はありませんでした')
    expect(await hold(h, 1)).toMatchObject({ state: 'ready' })
    // Two weeks later (demo clock) 佐藤's last day (6/17) has passed.
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    const shelf = text((await h.desk.get(`/counter/holds?place=${PLACE.kuzuha}`)).html)
    expect(shelf).toContain('期限切れ')
    const { html } = await h.desk.submit('/counter/holds/expire', { place: String(PLACE.kuzuha) })
    expect(text(html)).toContain('取置期限切れの予約を1件処理しました')
    expect(text(html)).toContain('1点は次の予約者の確保に回しました')
    expect(await hold(h, 1)).toMatchObject({ state: 'expired' })
    // 鈴木 collects at 中央: the copy travels there first, and her notice waits for it (HOLD-TRANSIT).
    expect(await hold(h, 2)).toMatchObject({ state: 'in_transit', copyId: copyId(TITLE.book3, 1) })
    const queued = await h.db.orm.select().from(notices).where(eq(notices.holdId, 2))
    expect(queued).toHaveLength(0)
    const [c] = await h.db.orm
      .select()
      .from(copies)
      .where(eq(copies.id, copyId(TITLE.book3, 1)))
    expect(c).toMatchObject({ status: 'in_transit', transitToId: PLACE.central })
    // The copy still sits on 楠葉's shelf under 佐藤's slip: the shelf page says where it goes.
    const after = text((await h.desk.get(`/counter/holds?place=${PLACE.kuzuha}`)).html)
    expect(after).toContain('取置期限が切れて棚から下ろす資料（1件）')
    expect(after).toMatch(/淀川の四季 C31 .* 棚から下ろして回送箱へ（中央図書館行き）/)
  })

  it('HOLD-EXPIRE: with nobody waiting the copy goes back to the shelf', async () => {
    const { h, desk } = await lateAtCentral([PATRON.bob])
    const { html } = await desk.submit('/counter/holds/expire', {})
    expect(text(html)).toContain('1点は棚に戻してください')
    const [c] = await h.db.orm
      .select()
      .from(copies)
      .where(eq(copies.id, copyId(TITLE.book4, 1)))
    expect(c).toMatchObject({ status: 'on_shelf', currentPlaceId: PLACE.central })
    const shelf = async () => text((await desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(await shelf()).toMatch(/C41 .* 棚から下ろして書架へ戻す/)
    // The day it expired was a closed day: the next open day still lists it.
    const [ended] = await h.db.all<{ at: number }>(
      sql`SELECT ended_at AS at FROM holds WHERE id = 1`,
    )
    await h.db.orm.insert(closedDates).values({ placeId: PLACE.central, date: jstDate(ended!.at) })
    await desk.post('/counter/clock/advance', { by: 'day' })
    expect(await shelf()).toMatch(/C41 .* 棚から下ろして書架へ戻す/)
    // Another day, the library open the day before: that list is done with.
    await desk.post('/counter/clock/advance', { by: 'day' })
    expect(await shelf()).not.toContain('取置期限が切れて棚から下ろす資料')
  })

  it('HOLD-EXPIRE: the next holder collects here too: the shelf says to change the slip, with their number', async () => {
    const { desk } = await lateAtCentral([PATRON.bob, PATRON.carol])
    await desk.submit('/counter/holds/expire', {})
    const shelf = text((await desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(shelf).toMatch(
      new RegExp(
        `C41 .* 予約票を差し替えて予約棚へ（次の予約者 利用者番号 ${number(PATRON.carol)}）`,
      ),
    )
  })

  it('HOLD-EXPIRE: a late hold has its own button; it expires that hold only, audited', async () => {
    const h = await readyForBob()
    // 鈴木's hold on くずはの森 is made ready at 中央 too: also late in two weeks.
    await addWaitingHold(h.db, {
      id: 3,
      patronId: PATRON.carol,
      titleId: TITLE.book4,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 500,
    })
    await checkIn(
      h.db,
      { barcode: copy(TITLE.book4, 1), placeId: PLACE.central },
      NOW,
      h.config.policy,
    )
    const early = (await h.desk.get(`/counter/holds?place=${PLACE.kuzuha}`)).html
    expect(early).not.toContain('/counter/holds/1/expire')
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    const late = (await h.desk.get(`/counter/holds?place=${PLACE.kuzuha}`)).html
    expect(late).toContain('action="/counter/holds/1/expire"')
    expect(text(late)).toContain('期限切れにする')
    const { posted, html } = await h.desk.submit('/counter/holds/1/expire', {
      place: String(PLACE.kuzuha),
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain('予約を取置期限切れにしました')
    expect(page).toContain(`資料（${copy(TITLE.book3, 1)}）は次の予約者の確保に回しました`)
    expect(page).toContain('中央図書館行きの回送箱に入れてください')
    expect(await hold(h, 1)).toMatchObject({ state: 'expired' })
    expect(await hold(h, 2)).toMatchObject({ state: 'in_transit', copyId: copyId(TITLE.book3, 1) })
    expect(await h.db.orm.select().from(notices).where(eq(notices.holdId, 2))).toHaveLength(0)
    // The other late hold waits for its own button (or the all-libraries run).
    expect(await hold(h, 3)).toMatchObject({ state: 'ready' })
    const [entry] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'hold.expire'))
    expect(entry).toMatchObject({ subject: 'hold:1' })
    expect(entry?.before).toContain('"holdState":"ready"')
    expect(entry?.after).toContain('"holdState":"expired"')
    expect(entry?.after).toContain('"nextHoldId":2')
  })

  it('HOLD-EXPIRE: a hold still within its pickup period is refused, says until when, and is audited', async () => {
    const h = await readyForBob()
    const { posted, html } = await h.desk.submit('/counter/holds/1/expire', {})
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('期限切れにできません')
    expect(text(html)).toContain('まだ取置期限（2026年6月17日(水)）を過ぎていない')
    expect(await hold(h, 1)).toMatchObject({ state: 'ready' })
    const [entry] = await h.db.orm
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'hold.expire.refused'))
    expect(entry?.after).toContain('"reason":"not_due"')
  })

  it('refuses a per-hold expiry without the session’s CSRF token, changing nothing', async () => {
    const h = await readyForBob()
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    const { res } = await h.desk.submit('/counter/holds/1/expire', {}, { csrf: 'forged' })
    expect(res.status).toBe(403)
    expect(await hold(h, 1)).toMatchObject({ state: 'ready' })
  })
})
