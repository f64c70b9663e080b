/** The pick list (HOLD-SCOPE, HOLD-SET): shelf copies that can serve waiting holds now. */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { collectHold } from '../../../db/hold-shelf.ts'
import { placeHolds } from '../../../db/holds.ts'
import { pickList } from '../../../db/pick-list.ts'
import { copies, holds, notices } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function pickListSuite(open: OpenDb) {
  describe('the pick list (棚出しリスト)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const hold = async (patronId: number, titleIds: number[], pickupPlaceId: number, at = NOW) => {
      const r = await placeHolds(db, { patronId, titleIds, pickupPlaceId }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.map((h) => h.id)
    }
    const picks = async (placeId: number, at = NOW) => {
      const r = await pickList(db, { placeId }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value
    }
    const short = async (placeId: number) =>
      (await picks(placeId)).map((p) => [p.holdId, p.barcode])
    const lend = (patronId: number, barcode: string) =>
      checkOut(db, { patronId, barcode, placeId: PLACE.central }, NOW, policy)
    const scan = (barcode: string, placeId: number, at = NOW + 1000) =>
      checkIn(db, { barcode, placeId }, at, policy)
    const holdRow = async (id: number) =>
      (await db.orm.select().from(holds).where(eq(holds.id, id)))[0]!

    it('HOLD-SCOPE: a waiting hold whose title stands on the shelf is listed with what to fetch', async () => {
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      expect(await picks(PLACE.kuzuha)).toEqual([
        {
          holdId: a,
          titleId: 1,
          title: '銀河鉄道の夜',
          volume: null,
          copyId: 12,
          barcode: 'B12',
          callNumber: null,
          pickupPlaceId: PLACE.kuzuha,
          pickupPlaceName: '楠葉図書館',
          locker: false,
          placedAt: NOW,
        },
      ])
      // The copy at the pickup place is fetched: 中央 does not pull the same hold.
      expect(await picks(PLACE.central)).toEqual([])
    })

    it('HOLD-SCOPE: scanning the listed shelf copy as a return sets it aside for the hold', async () => {
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      const [c] = await db.orm.select().from(copies).where(eq(copies.id, 12))
      expect(c).toMatchObject({ status: 'on_shelf' })
      const r = await scan('B12', PLACE.kuzuha)
      expect(r).toMatchObject({
        ok: true,
        value: { returnedLoanId: null, hold: { id: a }, copyStatus: 'on_hold_shelf' },
      })
      expect(await holdRow(a!)).toMatchObject({ state: 'ready', copyId: 12 })
      const n = await db.orm.select().from(notices).where(eq(notices.holdId, a!))
      expect(n).toMatchObject([{ kind: 'hold_ready', state: 'pending' }])
      expect(await picks(PLACE.kuzuha)).toEqual([])
    })

    it('HOLD-QUEUE: with one copy on the shelf, only the first hold in the queue is listed', async () => {
      await lend(PATRON.carol, 'B12')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await hold(PATRON.dave, [TITLE.book(1)], PLACE.central, NOW + 1)
      // 中央's copy serves alice (first come), though dave collects at 中央.
      expect(await short(PLACE.central)).toEqual([[a, 'B11']])
      expect(await short(PLACE.kuzuha)).toEqual([])
    })

    it('one copy per hold and no copy twice: each hold gets the copy nearest its pickup place', async () => {
      const [a] = await hold(PATRON.alice, [TITLE.book(2)], PLACE.kuzuha)
      const [d] = await hold(PATRON.dave, [TITLE.book(2)], PLACE.kuzuha, NOW + 1)
      const [e] = await hold(PATRON.erin, [TITLE.book(2)], PLACE.central, NOW + 2)
      // Two copies, three holds: alice and dave are served; alice's is the 楠葉 copy.
      expect(await short(PLACE.kuzuha)).toEqual([[a, 'B22']])
      expect(await short(PLACE.central)).toEqual([[d, 'B21']])
      expect((await picks(PLACE.central)).some((p) => p.holdId === e)).toBe(false)
    })

    it('a branch room or locker hold is fetched at the library that runs it (HOLD-LOCKER on check-in)', async () => {
      const [b] = await hold(PATRON.alice, [TITLE.book(3)], PLACE.branch)
      const [l] = await hold(PATRON.dave, [TITLE.book(4)], PLACE.locker)
      const list = await picks(PLACE.central)
      expect(list.map((p) => [p.holdId, p.barcode, p.pickupPlaceName, p.locker])).toEqual([
        [b, 'B31', '藤阪分室', false],
        [l, 'B41', '駅前受取ロッカー', true],
      ])
      const r = await scan('B41', PLACE.central)
      expect(r).toMatchObject({ ok: true, value: { hold: { id: l, locker: true } } })
      expect(r).toMatchObject({ value: { copyStatus: 'on_loan' } })
    })

    it('HOLD-SET: a later volume is listed only once the earlier one is ready', async () => {
      const [v1, v2] = await hold(PATRON.alice, [TITLE.setVol(1), TITLE.setVol(2)], PLACE.central)
      expect(await short(PLACE.central)).toEqual([[v1, 'B311']])
      await scan('B311', PLACE.central)
      expect(await short(PLACE.central)).toEqual([[v2, 'B321']])
      await scan('B321', PLACE.central)
      expect(await holdRow(v2!)).toMatchObject({ state: 'ready', copyId: 321 })
    })

    it('HOLD-SET: once volume 1 is collected, volume 2’s shelf copy is listed and set aside', async () => {
      // Every copy of both volumes is out but 楠葉's volume 2.
      for (const b of ['B311', 'B312', 'B321']) await lend(PATRON.bob, b)
      const [v1, v2] = await hold(PATRON.alice, [TITLE.setVol(1), TITLE.setVol(2)], PLACE.central)
      expect(await short(PLACE.kuzuha)).toEqual([])
      await scan('B311', PLACE.central, NOW + DAY_MS)
      await collectHold(db, { holdId: v1!, placeId: PLACE.central }, NOW + 2 * DAY_MS, policy)
      expect(await holdRow(v1!)).toMatchObject({ state: 'collected' })
      const list = await picks(PLACE.kuzuha)
      expect(list).toMatchObject([
        { holdId: v2, barcode: 'B322', volume: 2, title: '大阪の歴史 中巻' },
      ])
      await scan('B322', PLACE.kuzuha, NOW + 3 * DAY_MS)
      // Fetched at 楠葉 for a 中央 pickup: it travels first (HOLD-TRANSIT).
      expect(await holdRow(v2!)).toMatchObject({ state: 'in_transit', copyId: 322 })
    })

    it('lists no copy that is lent, set aside or missing', async () => {
      await hold(PATRON.alice, [TITLE.book(5)], PLACE.central)
      await db.batch([
        db.orm
          .update(copies)
          .set({ status: 'missing' })
          .where(eq(copies.titleId, 5))
          .returning({ id: copies.id }),
      ])
      expect(await picks(PLACE.central)).toEqual([])
      expect(await picks(PLACE.kuzuha)).toEqual([])
    })

    it('refuses a malformed or unknown place, changing nothing', async () => {
      expect(await pickList(db, { placeId: 0 }, NOW, policy)).toMatchObject({
        ok: false,
        reason: 'invalid_input',
      })
      expect(await pickList(db, { placeId: 77 }, NOW, policy)).toMatchObject({
        ok: false,
        reason: 'unknown_place',
      })
    })
  })
}
