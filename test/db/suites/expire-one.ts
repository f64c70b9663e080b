/** Expiring one ready hold from the hold shelf (HOLD-EXPIRE, HOLD-LOCKER), atomically. */
import { eq, isNull } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, jstInstant, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { collectHold, expireHold, expireHolds } from '../../../db/hold-shelf.ts'
import { placeHolds } from '../../../db/holds.ts'
import { copies, holds, loans, notices } from '../../../db/schema.ts'
import { receiveCopy } from '../../../db/transit.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function expireOneSuite(open: OpenDb) {
  describe('expiring ready holds: one (expireHold) and the daily run (expireHolds)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const hold = async (patronId: number, titleIds: number[], pickupPlaceId: number, at = NOW) => {
      const r = await placeHolds(db, { patronId, titleIds, pickupPlaceId }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.map((h) => h.id)
    }
    const holdRow = async (id: number) =>
      (await db.orm.select().from(holds).where(eq(holds.id, id)))[0]!
    const copyRow = async (id: number) =>
      (await db.orm.select().from(copies).where(eq(copies.id, id)))[0]!
    /** Alice's hold on 銀河鉄道の夜 made ready at 中央 on 6/10 (last day 6/17); dave waits after her. */
    const readyWithNext = async (alicePickup: number = PLACE.central) => {
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B11', placeId: 1 }, NOW, policy)
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B12', placeId: 1 }, NOW, policy)
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], alicePickup)
      const [d] = await hold(PATRON.dave, [TITLE.book(1)], PLACE.central, NOW + 1)
      await checkIn(db, { barcode: 'B11', placeId: PLACE.central }, NOW, policy)
      return { a: a!, d: d! }
    }

    it('HOLD-EXPIRE: past its last day the hold ends and the copy passes to the next hold with its notice', async () => {
      const { a, d } = await readyWithNext()
      expect((await holdRow(a)).pickupBy).toBe('2026-06-17')
      const r = await expireHold(db, { holdId: a }, NOW + 8 * DAY_MS, policy)
      expect(r).toEqual({
        ok: true,
        value: { holdId: a, copyId: 11, returnedLoanId: null, nextHoldId: d },
      })
      expect(await holdRow(a)).toMatchObject({ state: 'expired' })
      expect(await holdRow(d)).toMatchObject({ state: 'ready', copyId: 11 })
      const n = await db.orm.select().from(notices).where(eq(notices.holdId, d))
      expect(n).toMatchObject([{ kind: 'hold_ready', state: 'pending' }])
      expect(await copyRow(11)).toMatchObject({
        status: 'on_hold_shelf',
        currentPlaceId: PLACE.central,
      })
    })

    it('HOLD-EXPIRE: with nobody waiting the copy goes back to the shelf', async () => {
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B21', placeId: 1 }, NOW, policy)
      const [a] = await hold(PATRON.alice, [TITLE.book(2)], PLACE.central)
      await checkIn(db, { barcode: 'B21', placeId: PLACE.central }, NOW, policy)
      const r = await expireHold(db, { holdId: a! }, NOW + 8 * DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { nextHoldId: null } })
      expect(await copyRow(21)).toMatchObject({ status: 'on_shelf', currentPlaceId: PLACE.central })
    })

    it('HOLD-EXPIRE + HOLD-TRANSIT: expired away from its home, the copy travels home', async () => {
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B21', placeId: 1 }, NOW, policy)
      const [a] = await hold(PATRON.alice, [TITLE.book(2)], PLACE.kuzuha)
      await checkIn(db, { barcode: 'B21', placeId: PLACE.central }, NOW, policy)
      await receiveCopy(db, { barcode: 'B21', placeId: PLACE.kuzuha }, NOW, policy)
      const r = await expireHold(db, { holdId: a! }, NOW + 8 * DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { nextHoldId: null } })
      expect(await copyRow(21)).toMatchObject({
        status: 'in_transit',
        transitToId: PLACE.central,
        transitFromId: PLACE.kuzuha,
      })
    })

    it('HOLD-EXPIRE: on the last day, or before, it is refused with its reason and nothing changes', async () => {
      const { a, d } = await readyWithNext()
      for (const at of [NOW + DAY_MS, NOW + 7 * DAY_MS]) {
        const r = await expireHold(db, { holdId: a }, at, policy)
        expect(r).toMatchObject({ ok: false, reason: 'not_due' })
        if (!r.ok) expect(r.message.ja).toContain('2026年6月17日')
      }
      expect(await holdRow(a)).toMatchObject({ state: 'ready', copyId: 11 })
      expect(await holdRow(d)).toMatchObject({ state: 'waiting' })
      expect(await db.orm.select().from(notices)).toHaveLength(1)
    })

    it('HOLD-EXPIRE: the daily run (expireHolds) leaves a hold all its last day, ends it the day after', async () => {
      const { a } = await readyWithNext()
      expect(await expireHolds(db, jstInstant('2026-06-17', '23:59'), policy)).toEqual([])
      expect(await holdRow(a)).toMatchObject({ state: 'ready' })
      const next = await expireHolds(db, jstInstant('2026-06-18', '00:00'), policy)
      expect(next).toMatchObject([{ holdId: a }])
    })

    it('HOLD-EXPIRE: only one hold is expired, others past their day are left for their turn', async () => {
      const { a } = await readyWithNext()
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B21', placeId: 1 }, NOW, policy)
      const [other] = await hold(PATRON.erin, [TITLE.book(2)], PLACE.central)
      await checkIn(db, { barcode: 'B21', placeId: PLACE.central }, NOW, policy)
      await expireHold(db, { holdId: a }, NOW + 8 * DAY_MS, policy)
      expect(await holdRow(other!)).toMatchObject({ state: 'ready' })
      // The all-libraries run still finds it.
      expect(await expireHolds(db, NOW + 8 * DAY_MS, policy)).toMatchObject([{ holdId: other }])
    })

    it('refuses a hold that is not ready: waiting, collected or already expired', async () => {
      const { a, d } = await readyWithNext()
      const late = NOW + 8 * DAY_MS
      expect(await expireHold(db, { holdId: d }, late, policy)).toMatchObject({
        ok: false,
        reason: 'not_ready',
      })
      await collectHold(db, { holdId: a, placeId: PLACE.central }, NOW + DAY_MS, policy)
      expect(await expireHold(db, { holdId: a }, late, policy)).toMatchObject({
        reason: 'not_ready',
      })
      expect(await holdRow(d)).toMatchObject({ state: 'waiting' })
    })

    it('refuses a malformed or unknown hold id, changing nothing', async () => {
      expect(await expireHold(db, { holdId: 0 }, NOW, policy)).toMatchObject({
        reason: 'invalid_input',
      })
      expect(await expireHold(db, { holdId: 4242 }, NOW, policy)).toMatchObject({
        reason: 'unknown_hold',
      })
    })

    it('HOLD-LOCKER: expiring a locker hold returns its loan with it', async () => {
      const { a } = await readyWithNext(PLACE.locker)
      const open = await db.orm.select().from(loans).where(isNull(loans.returnedAt))
      const locker = open.find((l) => l.holdId === a)!
      expect((await holdRow(a)).pickupBy).toBe('2026-06-14')
      const r = await expireHold(db, { holdId: a }, NOW + 5 * DAY_MS, policy)
      expect(r).toMatchObject({ ok: true, value: { returnedLoanId: locker.id } })
      const [l] = await db.orm.select().from(loans).where(eq(loans.id, locker.id))
      expect(l?.returnedAt).toBe(NOW + 5 * DAY_MS)
    })

    it('two desks expiring one hold at once: it expires once and the copy goes to one hold', async () => {
      const { a, d } = await readyWithNext()
      const late = NOW + 8 * DAY_MS
      const both = await Promise.all([
        expireHold(db, { holdId: a }, late, policy),
        expireHold(db, { holdId: a }, late, policy),
      ])
      expect(both.filter((r) => r.ok)).toHaveLength(1)
      expect(both.find((r) => !r.ok)).toMatchObject({
        reason: expect.stringMatching(/conflict|not_ready/),
      })
      expect(await holdRow(d)).toMatchObject({ state: 'ready' })
      expect(await db.orm.select().from(notices).where(eq(notices.holdId, d))).toHaveLength(1)
    })
  })
}
