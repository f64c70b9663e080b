/** The counter: check out, check in to the next hold, collect, expire, lockers, and races. */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { collectHold, expireHolds } from '../../../db/hold-shelf.ts'
import { placeHolds } from '../../../db/holds.ts'
import { copies, holds, loans, notices } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function circulationSuite(open: OpenDb) {
  describe('circulation at the counter', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = (patronId: number, barcode: string, at = NOW) =>
      checkOut(db, { patronId, barcode, placeId: PLACE.central }, at, policy)
    const hold = async (patronId: number, titleIds: number[], pickupPlaceId: number, at = NOW) => {
      const r = await placeHolds(db, { patronId, titleIds, pickupPlaceId }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value
    }
    const holdRow = async (id: number) =>
      (await db.orm.select().from(holds).where(eq(holds.id, id)))[0]!
    const copyRow = async (id: number) =>
      (await db.orm.select().from(copies).where(eq(copies.id, id)))[0]!
    const noticeRows = () => db.orm.select().from(notices)

    it('LOAN-PERIOD: a book is lent for 14 days, a DVD for 7', async () => {
      const book = await lend(PATRON.bob, 'B11')
      const dvd = await lend(PATRON.bob, 'B211')
      expect(book).toMatchObject({ ok: true, value: { dueDate: '2026-06-24' } })
      expect(dvd).toMatchObject({ ok: true, value: { dueDate: '2026-06-17' } })
      expect((await copyRow(11)).status).toBe('on_loan')
    })

    it('refuses to lend what cannot be lent, changing nothing', async () => {
      await lend(PATRON.bob, 'B11')
      expect(await lend(PATRON.alice, 'B11')).toMatchObject({ reason: 'on_loan' })
      expect(await lend(PATRON.alice, 'B361')).toMatchObject({ reason: 'not_for_loan' })
      expect(await lend(PATRON.expired, 'B21')).toMatchObject({ reason: 'expired' })
      expect(await lend(PATRON.alice, 'NOPE')).toMatchObject({ reason: 'unknown_copy' })
      expect(await lend(999, 'B21')).toMatchObject({ reason: 'unknown_patron' })
      expect(
        await checkOut(db, { patronId: 1, barcode: '', placeId: 1 }, NOW, policy),
      ).toMatchObject({ reason: 'invalid_input' })
      const open = await db.orm.select().from(loans)
      expect(open).toHaveLength(1)
    })

    it('ACC-BLOCK-OVERDUE: a patron with an item over 60 days late cannot borrow', async () => {
      await lend(PATRON.blocked, 'B21', NOW - 80 * DAY_MS)
      expect(await lend(PATRON.blocked, 'B31')).toMatchObject({ ok: false, reason: 'blocked' })
    })

    it('HOLD-READY: a returned copy goes to the first waiting hold, with its notice queued', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.central)
      await hold(PATRON.dave, [TITLE.book(1)], PLACE.central, NOW + 1)
      const r = await checkIn(db, { barcode: 'B11', placeId: PLACE.central }, NOW + DAY_MS, policy)
      if (!r.ok) throw new Error(r.reason)
      expect(r.value.returnedLoanId).not.toBeNull()
      expect(r.value.hold).toMatchObject({ id: a!.id, patronId: PATRON.alice, state: 'ready' })
      expect(r.value.copyStatus).toBe('on_hold_shelf')
      expect(r.value.placeId).toBe(PLACE.central)
      const h = await holdRow(a!.id)
      expect(h).toMatchObject({ state: 'ready', copyId: 11, noticeState: 'pending' })
      expect(h.pickupBy).toMatch(/^2026-06-1\d$/)
      const n = await noticeRows()
      expect(n).toHaveLength(1)
      expect(n[0]).toMatchObject({ id: r.value.noticeId, kind: 'hold_ready', holdId: a!.id })
    })

    it('HOLD-READY: two concurrent check-ins never give one copy to two holds', async () => {
      await lend(PATRON.bob, 'B11')
      await hold(PATRON.alice, [TITLE.book(1)], PLACE.central)
      await hold(PATRON.dave, [TITLE.book(1)], PLACE.central, NOW + 1)
      await hold(PATRON.erin, [TITLE.book(1)], PLACE.central, NOW + 2)
      const at = NOW + DAY_MS
      const both = await Promise.all([
        checkIn(db, { barcode: 'B11', placeId: PLACE.central }, at, policy),
        checkIn(db, { barcode: 'B11', placeId: PLACE.kuzuha }, at, policy),
      ])
      expect(both.every((r) => r.ok)).toBe(true)
      const ready = await db.orm.select().from(holds).where(eq(holds.state, 'ready'))
      expect(ready).toHaveLength(1)
      expect(await noticeRows()).toHaveLength(1)
      expect((await copyRow(11)).status).toBe('on_hold_shelf')
    })

    it('HOLD-SET: a later volume waits until the earlier one is set aside', async () => {
      await lend(PATRON.bob, 'B311')
      await lend(PATRON.bob, 'B312')
      await lend(PATRON.bob, 'B321')
      await lend(PATRON.bob, 'B322')
      const set = await hold(PATRON.alice, [TITLE.setVol(1), TITLE.setVol(2)], PLACE.central)
      const vol2 = await checkIn(db, { barcode: 'B321', placeId: 1 }, NOW + DAY_MS, policy)
      expect(vol2).toMatchObject({ ok: true, value: { hold: null, copyStatus: 'on_shelf' } })
      await checkIn(db, { barcode: 'B311', placeId: 1 }, NOW + DAY_MS, policy)
      const again = await checkIn(db, { barcode: 'B322', placeId: 1 }, NOW + DAY_MS, policy)
      expect(again).toMatchObject({ ok: true, value: { hold: { id: set[1]!.id } } })
    })

    it('collecting a ready hold lends the copy (ACC-BLOCK-OVERDUE checked by core)', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.central)
      await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      expect(await lend(PATRON.dave, 'B11')).toMatchObject({ reason: 'held_for_other' })
      const r = await collectHold(db, { holdId: a!.id, placeId: 1 }, NOW + 2 * DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { holdId: a!.id, dueDate: '2026-06-26' } })
      expect((await holdRow(a!.id)).state).toBe('collected')
      expect((await copyRow(11)).status).toBe('on_loan')
      const again = await collectHold(db, { holdId: a!.id, placeId: 1 }, NOW, policy)
      expect(again).toMatchObject({ ok: false, reason: 'not_ready' })
    })

    it('HOLD-EXPIRE: an uncollected hold expires and the copy passes to the next hold', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.central)
      const [d] = await hold(PATRON.dave, [TITLE.book(1)], PLACE.central, NOW + 1)
      await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      expect(await expireHolds(db, NOW + 3 * DAY_MS, policy)).toEqual([])
      const expired = await expireHolds(db, NOW + 10 * DAY_MS, policy)
      expect(expired).toEqual([
        { holdId: a!.id, copyId: 11, returnedLoanId: null, nextHoldId: d!.id },
      ])
      expect((await holdRow(a!.id)).state).toBe('expired')
      expect((await holdRow(d!.id)).state).toBe('ready')
      expect(await noticeRows()).toHaveLength(2)
      const last = await expireHolds(db, NOW + 20 * DAY_MS, policy)
      expect(last).toMatchObject([{ holdId: d!.id, nextHoldId: null }])
      expect((await copyRow(11)).status).toBe('on_shelf')
    })

    it('HOLD-LOCKER: made ready at a locker, the copy is lent at once; after 4 days it is returned', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.locker)
      const r = await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { copyStatus: 'on_loan', placeId: PLACE.locker } })
      const open = await db.orm.select().from(loans).where(sql`returned_at IS NULL`)
      expect(open).toMatchObject([{ patronId: PATRON.alice, locker: true, holdId: a!.id }])
      expect((await noticeRows())[0]).toMatchObject({ slotKind: 'locker' })
      const h = await holdRow(a!.id)
      expect(h.pickupBy).toBe('2026-06-15')
      const expired = await expireHolds(db, NOW + 6 * DAY_MS, policy)
      expect(expired).toMatchObject([{ holdId: a!.id, returnedLoanId: open[0]!.id }])
      expect((await copyRow(11)).status).toBe('on_shelf')
    })

    it('HOLD-LOCKER, ACC-BLOCK-OVERDUE: a blocked patron’s locker copy waits on the shelf of the library that fills the locker', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.locker)
      // Alice now has an item 80 − 14 = 66 days overdue: blocked.
      expect(await lend(PATRON.alice, 'B21', NOW - 80 * DAY_MS)).toMatchObject({ ok: true })
      const r = await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      expect(r).toMatchObject({
        ok: true,
        value: { copyStatus: 'on_hold_shelf', placeId: PLACE.central, hold: { locker: false } },
      })
      expect(await holdRow(a!.id)).toMatchObject({ state: 'ready', copyId: 11, loanId: null })
      expect(await copyRow(11)).toMatchObject({
        status: 'on_hold_shelf',
        currentPlaceId: PLACE.central,
        transitToId: null,
      })
      const lockerLoans = await db.orm.select().from(loans).where(eq(loans.copyId, 11))
      expect(lockerLoans.filter((l) => l.returnedAt === null)).toEqual([])
    })

    it('HOLD-LOCKER: collecting from the locker ends the hold and keeps the loan', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.locker)
      await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      const r = await collectHold(
        db,
        { holdId: a!.id, placeId: PLACE.locker },
        NOW + 2 * DAY_MS,
        policy,
      )
      expect(r.ok).toBe(true)
      expect((await holdRow(a!.id)).state).toBe('collected')
      expect(await db.orm.select().from(loans).where(sql`returned_at IS NULL`)).toHaveLength(1)
    })

    it('check-in refuses bad input and unknown copies, changing nothing', async () => {
      expect(await checkIn(db, { barcode: 'X', placeId: 1 }, NOW, policy)).toMatchObject({
        reason: 'unknown_copy',
      })
      expect(await checkIn(db, { barcode: 'B11', placeId: 0 }, NOW, policy)).toMatchObject({
        reason: 'invalid_input',
      })
      expect(await checkIn(db, { barcode: 'B11', placeId: 77 }, NOW, policy)).toMatchObject({
        reason: 'unknown_place',
      })
    })
  })
}
