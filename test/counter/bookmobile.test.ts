/**
 * HOLD-BOOKMOBILE at the desk: a station has no hold shelf, so a copy reserved for pickup at
 * the bookmobile is sent to where the bookmobile's held items wait, in the counter's words.
 */
import { describe, expect, it } from 'vitest'
import { places } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

const STATION = 4

/** 佐藤 (bob) waits for くずはの森 at the 東香里 stop of ひなぎく号, run from 中央. */
async function open() {
  const h = await harness()
  await h.db.batch([
    h.db.orm
      .insert(places)
      .values({
        id: STATION,
        code: 'bm-higashikori',
        name: 'ひなぎく号 東香里',
        kind: 'bookmobile',
        parentId: PLACE.central,
        phone: '050-7105-8141',
      })
      .returning({ id: places.id }),
  ])
  await addWaitingHold(h.db, {
    id: 1,
    patronId: PATRON.bob,
    titleId: TITLE.book4,
    pickupPlaceId: STATION,
    placedAt: NOW - 1000,
  })
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

describe('a copy reserved for the bookmobile', () => {
  it('is sent to the bookmobile’s held items, never to a station’s 予約棚, and refused to others', async () => {
    const h = await open()
    const back = text(
      (await h.desk.submit('/counter/return', { barcode: copy(TITLE.book4, 1) })).html,
    )
    expect(back).toContain('予約あり：自動車文庫の予約資料置き場へ（ひなぎく号 東香里で受け渡し）')
    expect(back).not.toContain('東香里の予約棚')
    const lend = await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode: copy(TITLE.book4, 1),
    })
    expect(lend.posted.status).toBe(303)
    const refused = text(lend.html)
    expect(refused).toContain('自動車文庫で受け渡す予約資料です')
    expect(refused).toContain('貸し出さずに、自動車文庫の予約資料置き場に戻してください。')
    expect(refused).not.toContain('予約棚に戻して')
  })
})
