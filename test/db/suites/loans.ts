/** Loans and renewals (RENEW-*), and changing or cancelling holds (HOLD-CANCEL, HOLD-CHANGE). */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { cancelHold, changePickupPlace } from '../../../db/hold-changes.ts'
import { placeHolds } from '../../../db/holds.ts'
import { listLoans, renewAllLoans, renewLoan } from '../../../db/loans.ts'
import { holds, loans } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function loansSuite(open: OpenDb) {
  describe('loans and renewals', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = async (patronId: number, barcode: string, at = NOW) => {
      const r = await checkOut(db, { patronId, barcode, placeId: PLACE.central }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value
    }
    const later = NOW + 3 * DAY_MS

    it('lists loans with due dates and the date a renewal would give (RENEW-BOOK)', async () => {
      await lend(PATRON.alice, 'B11')
      const r = await listLoans(db, { patronId: PATRON.alice }, later, policy)
      if (!r.ok) throw new Error('refused')
      expect(r.value).toMatchObject([
        { title: '銀河鉄道の夜', dueDate: '2026-06-24', overdue: false, barcode: 'B11' },
      ])
      expect(r.value[0]?.renewal).toMatchObject({ ok: true, value: { newDueDate: '2026-06-27' } })
    })

    it('RENEW-WHEN: not on the loan date itself', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      const r = await renewLoan(db, { patronId: PATRON.alice, loanId: loan.loanId }, NOW, policy)
      expect(r).toMatchObject({ ok: false, reason: 'too_soon' })
    })

    it('RENEW-BOOK: renewing moves the due date to R + 14 and counts the renewal', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      const r = await renewLoan(db, { patronId: PATRON.alice, loanId: loan.loanId }, later, policy)
      expect(r).toMatchObject({ ok: true, value: { newDueDate: '2026-06-27', renewals: 1 } })
      const [row] = await db.orm.select().from(loans).where(eq(loans.id, loan.loanId))
      expect(row).toMatchObject({ dueDate: '2026-06-27', renewals: 1 })
    })

    it('RENEW-AV: AV renews once, by 7 days', async () => {
      const loan = await lend(PATRON.alice, 'B211')
      const input = { patronId: PATRON.alice, loanId: loan.loanId }
      expect(await renewLoan(db, input, later, policy)).toMatchObject({
        ok: true,
        value: { newDueDate: '2026-06-20' },
      })
      expect(await renewLoan(db, input, later + DAY_MS, policy)).toMatchObject({
        reason: 'av_limit',
      })
    })

    it('RENEW-HELD: not while another patron waits for the title', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      await lend(PATRON.erin, 'B12')
      await placeHolds(
        db,
        { patronId: PATRON.dave, titleIds: [TITLE.book(1)], pickupPlaceId: 1 },
        NOW,
        policy,
      )
      const r = await renewLoan(db, { patronId: PATRON.alice, loanId: loan.loanId }, later, policy)
      expect(r).toMatchObject({ ok: false, reason: 'held' })
    })

    it('RENEW-OVERDUE: not once past the due date', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      const r = await renewLoan(
        db,
        { patronId: PATRON.alice, loanId: loan.loanId },
        NOW + 20 * DAY_MS,
        policy,
      )
      expect(r).toMatchObject({ ok: false, reason: 'overdue' })
    })

    it('RENEW-REASONS: renew all renews what it can and reports each refusal', async () => {
      await lend(PATRON.alice, 'B11')
      await lend(PATRON.alice, 'B21')
      await lend(PATRON.alice, 'B211', later)
      const r = await renewAllLoans(db, { patronId: PATRON.alice }, later, policy)
      if (!r.ok) throw new Error('refused')
      expect(r.value.map((x) => (x.result.ok ? 'ok' : x.result.reason)).sort()).toEqual([
        'ok',
        'ok',
        'too_soon',
      ])
    })

    it('renewal refuses another patron’s loan and bad ids, changing nothing', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      expect(
        await renewLoan(db, { patronId: PATRON.dave, loanId: loan.loanId }, later, policy),
      ).toMatchObject({ reason: 'unknown_loan' })
      expect(await renewLoan(db, { patronId: 1, loanId: -3 }, later, policy)).toMatchObject({
        reason: 'invalid_input',
      })
      const [row] = await db.orm.select().from(loans).where(eq(loans.id, loan.loanId))
      expect(row?.renewals).toBe(0)
    })

    it('RENEW-BOOK: two renewals arriving together renew once', async () => {
      const loan = await lend(PATRON.alice, 'B11')
      const input = { patronId: PATRON.alice, loanId: loan.loanId }
      await Promise.all([renewLoan(db, input, later, policy), renewLoan(db, input, later, policy)])
      const [row] = await db.orm.select().from(loans).where(eq(loans.id, loan.loanId))
      expect(row?.renewals).toBe(1)
    })
  })

  describe('changing and cancelling holds', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const place = async (patronId: number, titleId: number, pickupPlaceId: number = 1) => {
      const r = await placeHolds(db, { patronId, titleIds: [titleId], pickupPlaceId }, NOW, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value[0]!.id
    }

    it('HOLD-CANCEL: a waiting hold is cancelled; a ready one names the place to phone', async () => {
      const waiting = await place(PATRON.alice, TITLE.book(2))
      expect(
        await cancelHold(db, { patronId: PATRON.alice, holdId: waiting }, NOW, policy),
      ).toEqual({
        ok: true,
        value: { holdId: waiting },
      })
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B11', placeId: 1 }, NOW, policy)
      const ready = await place(PATRON.alice, TITLE.book(1), PLACE.kuzuha)
      await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      const r = await cancelHold(db, { patronId: PATRON.alice, holdId: ready }, NOW, policy)
      expect(r).toMatchObject({ ok: false, reason: 'ready' })
      if (!r.ok) expect(r.message.ja).toContain('050-7102-3113')
    })

    it('HOLD-CANCEL: an inter-library request cannot be cancelled online', async () => {
      const id = await place(PATRON.alice, TITLE.book(3))
      await db.orm.update(holds).set({ interLibrary: true }).where(eq(holds.id, id))
      const r = await cancelHold(db, { patronId: PATRON.alice, holdId: id }, NOW, policy)
      expect(r).toMatchObject({ ok: false, reason: 'inter_library' })
    })

    it('HOLD-CHANGE: the pickup place of a waiting hold can be changed', async () => {
      const id = await place(PATRON.alice, TITLE.book(4))
      const r = await changePickupPlace(
        db,
        { patronId: PATRON.alice, holdId: id, pickupPlaceId: PLACE.branch },
        NOW,
        policy,
      )
      expect(r).toMatchObject({ ok: true })
      const [row] = await db.orm.select().from(holds).where(eq(holds.id, id))
      expect(row?.pickupPlaceId).toBe(PLACE.branch)
    })

    it('HOLD-CHANGE: unknown place, someone else’s hold and bad ids are refused', async () => {
      const id = await place(PATRON.alice, TITLE.book(5))
      const change = (patronId: number, holdId: number, pickupPlaceId: number) =>
        changePickupPlace(db, { patronId, holdId, pickupPlaceId }, NOW, policy)
      expect(await change(PATRON.alice, id, 99)).toMatchObject({ reason: 'pickup' })
      expect(await change(PATRON.dave, id, 2)).toMatchObject({ reason: 'unknown_hold' })
      expect(await change(PATRON.alice, 0, 2)).toMatchObject({ reason: 'invalid_input' })
      expect(
        await cancelHold(db, { patronId: PATRON.dave, holdId: id }, NOW, policy),
      ).toMatchObject({ reason: 'unknown_hold' })
      const [row] = await db.orm.select().from(holds).where(eq(holds.id, id))
      expect(row).toMatchObject({ pickupPlaceId: 1, state: 'waiting' })
    })
  })
}
