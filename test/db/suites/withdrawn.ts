/**
 * Withdrawn copies (除籍, issue 15) are out of circulation: never lent at the counter, never
 * set aside for a hold (on return, on receipt or from the pick list), never on the pick list.
 * A withdrawn copy still on loan can be returned, and then stays off the shelf.
 */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import { type Db, raw } from '../../../db/client.ts'
import { assignStatements } from '../../../db/copy-moves.ts'
import { collectHold } from '../../../db/hold-shelf.ts'
import { placeHolds } from '../../../db/holds.ts'
import { pickList } from '../../../db/pick-list.ts'
import { copies, holds, loans, notices } from '../../../db/schema.ts'
import { nextHoldFor } from '../../../db/serve.ts'
import { receiveCopy } from '../../../db/transit.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function withdrawnSuite(open: OpenDb) {
  describe('withdrawn copies (除籍) stay out of circulation', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = (patronId: number, barcode: string, at = NOW) =>
      checkOut(db, { patronId, barcode, placeId: PLACE.central }, at, policy)
    const hold = async (patronId: number, titleId: number, pickupPlaceId: number) => {
      const r = await placeHolds(db, { patronId, titleIds: [titleId], pickupPlaceId }, NOW, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value[0]!.id
    }
    const withdrawCopy = (id: number) =>
      db.batch([raw(sql`UPDATE copies SET withdrawn_at = ${NOW} WHERE id = ${id} RETURNING id`)])
    const withdrawTitle = (id: number) =>
      db.batch([raw(sql`UPDATE titles SET withdrawn_at = ${NOW} WHERE id = ${id} RETURNING id`)])
    const holdRow = async (id: number) =>
      (await db.orm.select().from(holds).where(eq(holds.id, id)))[0]!
    const copyRow = async (id: number) =>
      (await db.orm.select().from(copies).where(eq(copies.id, id)))[0]!
    const picks = async (placeId: number) => {
      const r = await pickList(db, { placeId }, NOW, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.map((p) => p.barcode)
    }

    it('the counter refuses a withdrawn copy, or a copy of a withdrawn record, saying why', async () => {
      await withdrawCopy(11)
      const r = await lend(PATRON.alice, 'B11')
      expect(r).toMatchObject({ ok: false, reason: 'withdrawn' })
      if (!r.ok) expect(r.message.ja).toContain('除籍')
      await withdrawTitle(TITLE.book(2))
      expect(await lend(PATRON.alice, 'B21')).toMatchObject({ ok: false, reason: 'withdrawn' })
      expect(await db.orm.select().from(loans)).toEqual([])
      expect(await lend(PATRON.alice, 'B12')).toMatchObject({ ok: true })
    })

    it('a withdrawn copy on loan is returned, fills no waiting hold and stays off the pick list', async () => {
      expect(await lend(PATRON.bob, 'B11')).toMatchObject({ ok: true })
      const a = await hold(PATRON.alice, TITLE.book(1), PLACE.central)
      await withdrawCopy(11)
      const r = await checkIn(db, { barcode: 'B11', placeId: PLACE.central }, NOW + DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { hold: null, noticeId: null } })
      if (r.ok) expect(r.value.returnedLoanId).not.toBeNull()
      expect(await holdRow(a)).toMatchObject({ state: 'waiting', copyId: null })
      expect(await db.orm.select().from(notices)).toEqual([])
      // The hold is served by the copy still in the collection, at 楠葉.
      expect(await picks(PLACE.central)).toEqual([])
      expect(await picks(PLACE.kuzuha)).toEqual(['B12'])
    })

    it('the pick list skips a withdrawn copy and every copy of a withdrawn record', async () => {
      await hold(PATRON.alice, TITLE.book(1), PLACE.central)
      await hold(PATRON.alice, TITLE.book(2), PLACE.central)
      expect(await picks(PLACE.central)).toEqual(['B11', 'B21'])
      await withdrawCopy(11)
      await withdrawTitle(TITLE.book(2))
      expect(await picks(PLACE.central)).toEqual([])
      expect(await picks(PLACE.kuzuha)).toEqual(['B12'])
    })

    it('a copy withdrawn on its way to a hold makes nothing ready there: the hold waits again', async () => {
      expect(await lend(PATRON.bob, 'B11')).toMatchObject({ ok: true })
      const a = await hold(PATRON.alice, TITLE.book(1), PLACE.kuzuha)
      await checkIn(db, { barcode: 'B11', placeId: PLACE.central }, NOW + DAY_MS, policy)
      expect(await holdRow(a)).toMatchObject({ state: 'in_transit', copyId: 11 })
      await withdrawCopy(11)
      const r = await receiveCopy(
        db,
        { barcode: 'B11', placeId: PLACE.kuzuha },
        NOW + 2 * DAY_MS,
        policy,
      )
      expect(r).toMatchObject({ ok: true, value: { hold: null, noticeId: null } })
      expect(await holdRow(a)).toMatchObject({ state: 'waiting', copyId: null, placedAt: NOW })
      expect(await db.orm.select().from(notices)).toEqual([])
      expect(await copyRow(11)).toMatchObject({ status: 'in_transit', transitToId: PLACE.central })
    })

    it('a ready hold whose copy was withdrawn on the hold shelf is not handed over, by either desk screen', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1), PLACE.central)
      await checkIn(db, { barcode: 'B11', placeId: PLACE.central }, NOW, policy)
      expect(await holdRow(a)).toMatchObject({ state: 'ready', copyId: 11 })
      await withdrawCopy(11)
      const handed = await collectHold(
        db,
        { holdId: a, placeId: PLACE.central },
        NOW + DAY_MS,
        policy,
      )
      expect(handed).toMatchObject({ ok: false, reason: 'withdrawn' })
      if (!handed.ok) expect(handed.message.ja).toContain('除籍')
      expect(await lend(PATRON.alice, 'B11', NOW + DAY_MS)).toMatchObject({ reason: 'withdrawn' })
      expect(await db.orm.select().from(loans)).toEqual([])
    })

    it('the statements themselves refuse a copy withdrawn after it was read (a racing import)', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1), PLACE.central)
      const copy = {
        id: 11,
        titleId: TITLE.book(1),
        materialType: 'book' as const,
        withdrawn: false,
      }
      const next = await nextHoldFor(db, copy, policy, { now: NOW })
      expect(next).toMatchObject({ holdId: a })
      await withdrawCopy(11)
      const [first, ...rest] = assignStatements(copy, next!.target, PLACE.central, NOW, policy)
      await db.batch([first!, ...rest])
      expect(await holdRow(a)).toMatchObject({ state: 'waiting', copyId: null })
      expect(await db.orm.select().from(notices)).toEqual([])
    })
  })
}
