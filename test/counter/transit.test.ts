/**
 * 回送 at the counter over HTTP (HOLD-TRANSIT): a return at 中央 for a 楠葉 pickup goes in
 * the 楠葉 van box with no notice; 楠葉 receives it and only then is the notice queued; the
 * wrong library is told where it goes; the patron view says 回送中 and where; a copy never
 * received shows on the 回送 overdue list after the policy's days.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { holds, notices } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, number, PATRON, PLACE, TITLE } from './fixture.ts'

async function sentToKuzuha(env: Record<string, string> = {}) {
  const h = await harness({ demo: true, env })
  await addWaitingHold(h.db, {
    id: 7,
    patronId: PATRON.bob,
    titleId: TITLE.book3,
    pickupPlaceId: PLACE.kuzuha,
    placedAt: NOW - 1000,
  })
  const desk = await new DeskClient(h.app).signedIn()
  const back = await desk.submit('/counter/return', { barcode: copy(TITLE.book3, 1) })
  return { ...h, desk, back }
}

const noticesFor7 = (h: Awaited<ReturnType<typeof sentToKuzuha>>) =>
  h.db.orm.select().from(notices).where(eq(notices.holdId, 7))

describe('回送 (HOLD-TRANSIT) at the counter', () => {
  it('HOLD-TRANSIT: a return at 中央 for a 楠葉 pickup goes in the 楠葉 van box, with no notice yet', async () => {
    const h = await sentToKuzuha()
    const said = text(h.back.html)
    expect(said).toContain('予約あり：楠葉図書館へ回送（回送箱へ）')
    expect(said).toContain(`予約者の利用者番号 ${number(PATRON.bob)}`)
    expect(said).toContain('回送先で受け入れると予約の確保になり')
    expect(await noticesFor7(h)).toHaveLength(0)
    const list = text((await h.desk.get('/counter/transit')).html)
    expect(list).toContain('楠葉図書館行き（1点）')
    expect(list).toMatch(/淀川の四季 C31 予約（利用者番号 1000002）/)
    const patron = text((await h.desk.get(`/counter/patrons/${PATRON.bob}`)).html)
    expect(patron).toContain('回送中 楠葉図書館へ')
  })

  it('HOLD-TRANSIT: 楠葉 receives it: hold shelf for whom, notice queued now, once', async () => {
    const h = await sentToKuzuha()
    await h.desk.post('/counter/place', { place: String(PLACE.kuzuha) })
    const incoming = text((await h.desk.get('/counter/transit')).html)
    expect(incoming).toContain('楠葉図書館に向けて回送中（1点）')
    const got = await h.desk.submit('/counter/transit/receive', { barcode: copy(TITLE.book3, 1) })
    expect(got.posted.status).toBe(303)
    const said = text(got.html)
    expect(said).toContain('予約あり：楠葉図書館の予約棚へ')
    expect(said).toContain('「淀川の四季」（C31）を回送で受け入れました。')
    expect(said).toContain('予約者へのお知らせを送信予定に入れました')
    expect(said).toContain('楠葉図書館に向けて回送中（0点）')
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 7))
    expect(hold).toMatchObject({ state: 'ready', readyAt: NOW })
    expect(await noticesFor7(h)).toHaveLength(1)
    // Scanned again (a second desk, a double scan): nothing more happens.
    const again = await h.desk.submit('/counter/transit/receive', { barcode: copy(TITLE.book3, 1) })
    expect(again.posted.status).toBe(303)
    expect(text(again.html)).toContain('この資料は回送中ではありません')
    expect(await noticesFor7(h)).toHaveLength(1)
  })

  it('HOLD-TRANSIT: two staff at 楠葉 receiving the same copy at once: one receipt, one notice, the other told', async () => {
    const h = await sentToKuzuha()
    const other = await new DeskClient(h.app).signedIn()
    for (const d of [h.desk, other]) await d.post('/counter/place', { place: String(PLACE.kuzuha) })
    await Promise.all([h.desk.get('/counter/transit'), other.get('/counter/transit')])
    const both = await Promise.all(
      [h.desk, other].map((d) =>
        d.submit('/counter/transit/receive', { barcode: copy(TITLE.book3, 1) }),
      ),
    )
    expect(both.map((p) => p.posted.status)).toEqual([303, 303])
    const said = both.map((p) => text(p.html))
    expect(said.filter((s) => s.includes('予約あり：楠葉図書館の予約棚へ'))).toHaveLength(1)
    const refused = said.find((s) => s.includes('受け入れできません'))
    expect(refused).toMatch(/この資料は回送中ではありません|いま別の端末で受け入れられました/)
    expect(await noticesFor7(h)).toHaveLength(1)
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 7))
    expect(hold?.state).toBe('ready')
  })

  it('HOLD-TRANSIT: scanned at the wrong library, it says where the copy should go and changes nothing', async () => {
    const h = await sentToKuzuha()
    const wrong = await h.desk.submit('/counter/transit/receive', { barcode: copy(TITLE.book3, 1) })
    expect(wrong.posted.status).toBe(303)
    expect(text(wrong.html)).toContain('受け入れできません')
    expect(text(wrong.html)).toContain('この資料の回送先は楠葉図書館です')
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.id, 7))
    expect(hold?.state).toBe('in_transit')
    expect(await noticesFor7(h)).toHaveLength(0)
  })

  it('HOLD-TRANSIT: the van box holds today’s copies only; one sent on an earlier day is listed apart, not printed', async () => {
    const h = await sentToKuzuha()
    await h.desk.post('/counter/clock/advance', { by: 'day' })
    const next = (await h.desk.get('/counter/transit')).html
    const said = text(next)
    expect(said).toContain('送る資料はありません。')
    expect(said).not.toContain('楠葉図書館行き')
    expect(said).toContain(
      '中央図書館から前の便までに送った資料（1点・回送先でまだ受け入れていません）',
    )
    expect(said).toMatch(/淀川の四季 C31 中央図書館 → 楠葉図書館/)
    // Not printed with today's boxes.
    expect(next).toMatch(/<div class="noprint"><h2 id="earlier-h">/)
  })

  it('HOLD-TRANSIT: sent after the day’s van left (transit.vanLeavesAt), it waits for tomorrow’s box', async () => {
    // 12:00 now; the van left at 11:00.
    const h = await sentToKuzuha({
      BUNKO_POLICY: JSON.stringify({ transit: { vanLeavesAt: '11:00' } }),
    })
    const now = text((await h.desk.get('/counter/transit')).html)
    expect(now).toContain('送る資料はありません。')
    expect(now).toContain('あすの便で送る資料（1点・きょうの便（11:00）のあとに送ったもの）')
    await h.desk.post('/counter/clock/advance', { by: 'day' })
    const tomorrow = text((await h.desk.get('/counter/transit')).html)
    expect(tomorrow).toContain('楠葉図書館行き（1点）')
    expect(tomorrow).not.toContain('あすの便で送る資料')
  })

  it('HOLD-TRANSIT: never received, it is on the 回送 overdue list after 7 days', async () => {
    const h = await sentToKuzuha()
    const early = text((await h.desk.get('/counter/transit')).html)
    expect(early).toContain('回送延滞（7日以上届いていない資料：0点）')
    await h.desk.post('/counter/clock/advance', { by: 'week' })
    const late = text((await h.desk.get('/counter/transit')).html)
    expect(late).toContain('回送延滞（7日以上届いていない資料：1点）')
    expect(late).toMatch(/中央図書館 → 楠葉図書館 .*（延滞）/)
  })
})
