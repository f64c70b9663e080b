/** Check-out deciding through core's mayLend: each refusal by rule, changing nothing. */
import { eq, isNull, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { placeHolds } from '../../../db/holds.ts'
import { holds, loans, patrons } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function lendingSuite(open: OpenDb) {
  describe('lending at the counter (core mayLend)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = (patronId: number, barcode: string, at = NOW) =>
      checkOut(db, { patronId, barcode, placeId: PLACE.central }, at, policy)
    const openLoans = () => db.orm.select().from(loans).where(isNull(loans.returnedAt))
    const setStatus = (id: number, status: 'expired' | 'suspended') =>
      db.batch([
        db.orm
          .update(patrons)
          .set({ status })
          .where(eq(patrons.id, id))
          .returning({ id: patrons.id }),
      ])
    const readyFor = async (patronId: number, titleId: number, barcode: string) => {
      const placed = await placeHolds(
        db,
        { patronId, titleIds: [titleId], pickupPlaceId: PLACE.central },
        NOW,
        policy,
      )
      if (!placed.ok) throw new Error(placed.reason)
      await checkIn(db, { barcode, placeId: PLACE.central }, NOW, policy)
      return placed.value[0]!.id
    }

    it('HOLD-NONCIRC: a 禁帯出 copy is refused with what to do, and nothing is lent', async () => {
      const r = await lend(PATRON.bob, 'B361')
      expect(r).toMatchObject({ ok: false, reason: 'not_for_loan' })
      if (!r.ok) expect(r.message.ja).toContain('棚に戻して')
      expect(await openLoans()).toHaveLength(0)
    })

    it('a suspended record borrows nothing (status on the patron record)', async () => {
      await setStatus(PATRON.bob, 'suspended')
      const r = await lend(PATRON.bob, 'B11')
      expect(r).toMatchObject({ ok: false, reason: 'suspended' })
      if (!r.ok) expect(r.message.en).toContain('suspended')
      expect(await openLoans()).toHaveLength(0)
    })

    it('ACC-EXPIRED: a lapsed date or an expired record borrows nothing', async () => {
      expect(await lend(PATRON.expired, 'B11')).toMatchObject({ reason: 'expired' })
      await setStatus(PATRON.bob, 'expired')
      expect(await lend(PATRON.bob, 'B11')).toMatchObject({ reason: 'expired' })
      expect(await openLoans()).toHaveLength(0)
    })

    it('HOLD-READY: the patron’s own ready hold is collected by scanning it at the counter', async () => {
      const holdId = await readyFor(PATRON.alice, TITLE.book(2), 'B21')
      const r = await lend(PATRON.alice, 'B21', NOW + DAY_MS)
      expect(r).toMatchObject({ ok: true, value: { holdId, copyId: 21 } })
      const [h] = await db.orm.select().from(holds).where(eq(holds.id, holdId))
      expect(h).toMatchObject({ state: 'collected' })
      expect(await openLoans()).toMatchObject([{ patronId: PATRON.alice, holdId }])
    })

    it('HOLD-READY: someone else’s ready hold is refused and stays on the hold shelf', async () => {
      const holdId = await readyFor(PATRON.alice, TITLE.book(2), 'B21')
      const r = await lend(PATRON.bob, 'B21')
      expect(r).toMatchObject({ ok: false, reason: 'held_for_other' })
      const [h] = await db.orm.select().from(holds).where(eq(holds.id, holdId))
      expect(h).toMatchObject({ state: 'ready', copyId: 21 })
      expect(await openLoans()).toHaveLength(0)
    })

    it('HOLD-BOOKMOBILE: a copy held for a bookmobile pickup is refused back to the bookmobile’s holds', async () => {
      const placed = await placeHolds(
        db,
        { patronId: PATRON.alice, titleIds: [TITLE.book(2)], pickupPlaceId: PLACE.station },
        NOW,
        policy,
      )
      if (!placed.ok) throw new Error(placed.reason)
      await checkIn(db, { barcode: 'B21', placeId: PLACE.central }, NOW, policy)
      const r = await lend(PATRON.bob, 'B21')
      expect(r).toMatchObject({ ok: false, reason: 'held_for_other' })
      if (!r.ok) expect(r.message.ja).toContain('自動車文庫の予約資料置き場に戻して')
      expect(await openLoans()).toHaveLength(0)
    })

    it('ACC-BLOCK-OVERDUE: a blocked patron is not handed their own ready hold either', async () => {
      // The hold came first; the loan it is blocked by was lent 80 days before.
      const holdId = await readyFor(PATRON.blocked, TITLE.book(2), 'B21')
      await lend(PATRON.blocked, 'B31', NOW - 80 * DAY_MS)
      const r = await lend(PATRON.blocked, 'B21', NOW + DAY_MS)
      expect(r).toMatchObject({ ok: false, reason: 'blocked' })
      const [h] = await db.orm.select().from(holds).where(eq(holds.id, holdId))
      expect(h).toMatchObject({ state: 'ready' })
    })

    it('a copy lent to this patron is answered with that loan, writing nothing; another patron is refused', async () => {
      const first = await lend(PATRON.alice, 'B11')
      if (!first.ok) throw new Error(first.reason)
      const again = await lend(PATRON.alice, 'B11', NOW + DAY_MS)
      expect(again).toEqual({
        ok: true,
        value: { ...first.value, holdId: null, already: true },
      })
      expect(await openLoans()).toMatchObject([{ id: first.value.loanId, loanedAt: NOW }])
      expect(await lend(PATRON.bob, 'B11')).toMatchObject({ ok: false, reason: 'on_loan' })
    })

    it('two desks lending one copy at once lend it once (the SQL guard stands behind core)', async () => {
      const both = await Promise.all([lend(PATRON.alice, 'B11'), lend(PATRON.bob, 'B11')])
      expect(both.filter((r) => r.ok)).toHaveLength(1)
      expect(await db.orm.select().from(loans).where(sql`copy_id = 11`)).toHaveLength(1)
    })

    it('the same scan posted twice at once lends once and answers both as lent (no conflict)', async () => {
      const both = await Promise.all([lend(PATRON.alice, 'B11'), lend(PATRON.alice, 'B11')])
      expect(both.map((r) => r.ok)).toEqual([true, true])
      // Either may win: one lent, the other answered with that same loan.
      const values = both.map((r) => (r.ok ? r.value : null))
      expect(values.filter((v) => v?.already)).toHaveLength(1)
      expect(new Set(values.map((v) => v?.loanId)).size).toBe(1)
      expect(await db.orm.select().from(loans).where(sql`copy_id = 11`)).toHaveLength(1)
    })
  })
}
