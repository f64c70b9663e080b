/** 棚出しリスト over HTTP (HOLD-SCOPE): fetch shelf copies for waiting holds and scan them in. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, copies, holds, loans, notices } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, copyId, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

/** 佐藤 (bob) waits for 淀川の四季 at 中央, 鈴木 (carol) for くずはの森 at 楠葉; all on shelves. */
async function open() {
  const h = await harness()
  await addWaitingHold(h.db, {
    id: 1,
    patronId: PATRON.bob,
    titleId: TITLE.book3,
    pickupPlaceId: PLACE.central,
    placedAt: NOW - 2000,
  })
  await addWaitingHold(h.db, {
    id: 2,
    patronId: PATRON.carol,
    titleId: TITLE.book4,
    pickupPlaceId: PLACE.kuzuha,
    placedAt: NOW - 1000,
  })
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

const holdRow = async (h: Awaited<ReturnType<typeof open>>, id: number) =>
  (await h.db.orm.select().from(holds).where(eq(holds.id, id)))[0]

describe('棚出しリスト', () => {
  it('is linked from the desk navigation', async () => {
    const { desk } = await open()
    const { html } = await desk.get('/counter')
    expect(html).toContain('<a href="/counter/picks">棚出しリスト</a>')
  })

  it('HOLD-SCOPE: lists the desk library’s shelf copies that serve waiting holds, naming no patron', async () => {
    const { desk } = await open()
    const { res, html } = await desk.get('/counter/picks')
    expect(res.status).toBe(200)
    const page = text(html)
    expect(page).toContain('棚出しリスト：中央図書館')
    expect(page).toContain('棚出しする資料（1点）')
    expect(page).toMatch(/— 淀川の四季 C31 中央図書館 2026年6月10日\(水\) 11:59/)
    expect(page).not.toContain('佐藤')
    expect(page).not.toContain('くずはの森')
    expect(html).toMatch(/id="pick-barcode"[^>]*autofocus/)
    // 楠葉's list has 鈴木's hold: the copy where it is collected is fetched.
    const kuzuha = text((await desk.get(`/counter/picks?place=${PLACE.kuzuha}`)).html)
    expect(kuzuha).toContain('棚出しリスト：楠葉図書館')
    expect(kuzuha).toContain('くずはの森 C42 楠葉図書館')
    expect(kuzuha).toContain('読み取った資料は、この窓口（中央図書館）で処理されます')
  })

  it('HOLD-READY: scanning the fetched copy sets it aside, queues the notice and is audited', async () => {
    const h = await open()
    const { posted, html } = await h.desk.submit('/counter/picks/return', {
      barcode: copy(TITLE.book3, 1),
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain('予約あり：中央図書館の予約棚へ')
    expect(page).toContain('予約に充てました：「淀川の四季」（C31）。')
    expect(page).not.toContain('貸出中ではない')
    expect(page).toContain('予約者へのお知らせを送信予定に入れました')
    expect(page).toContain('書架から予約に充てる資料はありません')
    expect(await holdRow(h, 1)).toMatchObject({
      state: 'ready',
      copyId: copyId(TITLE.book3, 1),
    })
    expect(await h.db.orm.select().from(notices).where(eq(notices.holdId, 1))).toHaveLength(1)
    const [entry] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'checkin'))
    expect(entry?.subject).toBe(`copy:${copyId(TITLE.book3, 1)}`)
    expect(entry?.before).toContain('"status":"on_shelf"')
  })

  it('HOLD-SCOPE: the desk’s return field does the same for a copy taken from the shelf', async () => {
    const h = await open()
    const { html } = await h.desk.submit('/counter/return', { barcode: copy(TITLE.book3, 1) })
    expect(text(html)).toContain('予約あり：中央図書館の予約棚へ')
    expect(text(html)).toContain(
      '「淀川の四季」（C31）は貸出中ではありませんでした。書架の資料として予約に充てました。',
    )
    expect(await holdRow(h, 1)).toMatchObject({ state: 'ready' })
  })

  it('a copy nobody waits for is said to go back to the shelf; an empty scan changes nothing', async () => {
    const h = await open()
    const { html } = await h.desk.submit('/counter/picks/return', {
      barcode: copy(TITLE.gingatetsudo, 1),
    })
    expect(text(html)).toContain('予約に充てる資料ではありませんでした')
    expect(text(html)).toContain(
      '「銀河鉄道の夜」（C11）を待っている予約はありません。棚に戻してください。',
    )
    const empty = await h.desk.submit('/counter/picks/return', { barcode: ' ' })
    expect(empty.res.status).toBe(422)
    expect(text(empty.html)).toContain('バーコードを読み取ってください')
  })

  it('refuses a copy on loan (not on the list): its loan stays open and the refusal is audited', async () => {
    const h = await open()
    const lent = copyId(TITLE.book2, 1)
    const loanBefore = await h.db.orm.select().from(loans).where(eq(loans.copyId, lent))
    const copyBefore = await h.db.orm.select().from(copies).where(eq(copies.id, lent))
    const { posted, html } = await h.desk.submit('/counter/picks/return', {
      barcode: copy(TITLE.book2, 1),
    })
    expect(posted.status).toBe(303)
    const page = text(html)
    expect(page).toContain('予約に充てられません')
    expect(page).toContain('この資料は貸出中です（棚出しの対象ではありません）。')
    expect(page).toContain('「貸出・返却」画面の返却欄で読み取ってください')
    expect(page).not.toContain('返却しました')
    expect(await h.db.orm.select().from(loans).where(eq(loans.copyId, lent))).toEqual(loanBefore)
    expect(await h.db.orm.select().from(copies).where(eq(copies.id, lent))).toEqual(copyBefore)
    const log = await h.db.orm.select().from(auditLog)
    expect(log.map((e) => e.action)).not.toContain('checkin')
    const refused = log.find((e) => e.action === 'pick.refused')
    expect(refused?.subject).toBe(`copy:${lent}`)
    expect(refused?.after).toContain('"reason":"lent_not_picked"')
  })

  it('refuses a scan without the session’s CSRF token, changing nothing', async () => {
    const h = await open()
    const { res } = await h.desk.post(
      '/counter/picks/return',
      { barcode: copy(TITLE.book3, 1) },
      { csrf: false },
    )
    expect(res.status).toBe(403)
    expect(await holdRow(h, 1)).toMatchObject({ state: 'waiting' })
  })
})
