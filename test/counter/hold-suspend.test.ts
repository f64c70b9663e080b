/**
 * HOLD-SUSPEND at the counter: the patron view says 休止中 with its last day, the pick list
 * leaves the suspended hold out, and a copy scanned at the return field passes it over to the
 * next hold in the queue (the SIP2 kiosk's check-in is the same checkIn).
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { suspendHold } from '../../db/hold-suspend.ts'
import { holds } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

/** 佐藤 (bob) is first in the queue for 淀川の四季 and suspends; 鈴木 (carol) is second. */
async function open() {
  const h = await harness()
  for (const [id, patronId, placedAt] of [
    [1, PATRON.bob, NOW - 2000],
    [2, PATRON.carol, NOW - 1000],
  ] as const)
    await addWaitingHold(h.db, {
      id,
      patronId,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.central,
      placedAt,
    })
  const done = await suspendHold(
    h.db,
    { patronId: PATRON.bob, holdId: 1, until: '2026-06-30' },
    NOW,
    HIRAKATA_POLICY,
  )
  expect(done.ok).toBe(true)
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

const holdRow = async (h: Awaited<ReturnType<typeof open>>, id: number) =>
  (await h.db.orm.select().from(holds).where(eq(holds.id, id)))[0]

describe('HOLD-SUSPEND at the counter', () => {
  it('HOLD-SUSPEND: the patron view shows 休止中 with its last day and the queue place kept', async () => {
    const { desk } = await open()
    const page = text((await desk.get(`/counter/patrons/${PATRON.bob}`)).html)
    expect(page).toContain('休止中（2026年6月30日(火)まで）')
    expect(page).toContain('1位')
  })

  it('HOLD-SUSPEND: the pick list fetches the copy for the next hold, and the return field passes the suspended one over', async () => {
    const h = await open()
    const picks = text((await h.desk.get('/counter/picks')).html)
    expect(picks).toContain('棚出しする資料（1点）')
    const { html } = await h.desk.submit('/counter/return', { barcode: copy(TITLE.book3, 1) })
    expect(text(html)).toContain('予約あり：中央図書館の予約棚へ')
    expect(await holdRow(h, 2)).toMatchObject({ state: 'ready' })
    expect(await holdRow(h, 1)).toMatchObject({ state: 'waiting', copyId: null })
  })

  it('HOLD-SUSPEND: with only the suspended hold waiting, nothing is on the pick list', async () => {
    const h = await open()
    await h.db.batch([h.db.orm.delete(holds).where(eq(holds.id, 2)).returning({ id: holds.id })])
    const picks = text((await h.desk.get('/counter/picks')).html)
    expect(picks).not.toContain('淀川の四季')
  })
})
