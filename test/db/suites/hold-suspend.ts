/**
 * HOLD-SUSPEND on both drivers: a suspended hold keeps its queue place and counts toward
 * HOLD-LIMIT, but check-in, an expired hold's copy and the pick list pass it over — in the
 * set-aside statement itself, so a suspension saved after the next hold was chosen still wins.
 * "until" is inclusive: the day after, the hold is served again without anything running.
 */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { assignStatements } from '../../../db/copy-moves.ts'
import { listHolds } from '../../../db/hold-list.ts'
import { expireHolds } from '../../../db/hold-shelf.ts'
import { resumeHold, suspendHold } from '../../../db/hold-suspend.ts'
import { placeHolds } from '../../../db/holds.ts'
import { embeddedLibrarySystem } from '../../../db/library-system.ts'
import { pickList } from '../../../db/pick-list.ts'
import { holds } from '../../../db/schema.ts'
import { copyByBarcode, nextHoldFor } from '../../../db/serve.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function holdSuspendSuite(open: OpenDb) {
  describe('HOLD-SUSPEND (休止)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const hold = async (patronId: number, titleId: number, at = NOW) => {
      const r = await placeHolds(
        db,
        { patronId, titleIds: [titleId], pickupPlaceId: PLACE.central },
        at,
        policy,
      )
      if (!r.ok) throw new Error(r.reason)
      return r.value[0]!.id
    }
    const holdRow = async (id: number) =>
      (await db.orm.select().from(holds).where(eq(holds.id, id)))[0]!
    const suspend = (patronId: number, holdId: number, until: string, at = NOW) =>
      suspendHold(db, { patronId, holdId, until }, at, policy)
    const returnB11 = (at: number) =>
      checkIn(db, { barcode: 'B11', placeId: PLACE.central }, at, policy)

    it('HOLD-SUSPEND: a suspended hold keeps its queue place and is shown with its date', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1))
      await hold(PATRON.bob, TITLE.book(1), NOW + 1)
      expect(await suspend(PATRON.alice, a, '2026-06-20')).toEqual({
        ok: true,
        value: { holdId: a, until: '2026-06-20' },
      })
      const list = await listHolds(db, { patronId: PATRON.alice }, NOW, policy)
      expect(list.ok && list.value[0]).toMatchObject({
        suspendedUntil: '2026-06-20',
        queuePosition: 1,
      })
      // The day after its last day it is active again by itself.
      const later = await listHolds(db, { patronId: PATRON.alice }, NOW + 11 * DAY_MS, policy)
      expect(later.ok && later.value[0]).toMatchObject({ suspendedUntil: null, queuePosition: 1 })
    })

    it('HOLD-SUSPEND: check-in passes over a suspended hold to the next one; the suspended one keeps first place', async () => {
      await checkOut(
        db,
        { patronId: PATRON.carol, barcode: 'B11', placeId: PLACE.central },
        NOW,
        policy,
      )
      const a = await hold(PATRON.alice, TITLE.book(1))
      const b = await hold(PATRON.bob, TITLE.book(1), NOW + 1)
      await suspend(PATRON.alice, a, '2026-06-20')
      const r = await returnB11(NOW + DAY_MS)
      expect(r.ok && r.value.hold).toMatchObject({ id: b, state: 'ready' })
      expect(await holdRow(a)).toMatchObject({ state: 'waiting', copyId: null })
    })

    it('HOLD-SUSPEND: with only a suspended hold the copy goes to the shelf; after "until" it is served', async () => {
      await checkOut(
        db,
        { patronId: PATRON.carol, barcode: 'B11', placeId: PLACE.central },
        NOW,
        policy,
      )
      const a = await hold(PATRON.alice, TITLE.book(1))
      await suspend(PATRON.alice, a, '2026-06-11')
      const onLastDay = await returnB11(NOW + DAY_MS) // 2026-06-11, still suspended
      expect(onLastDay.ok && onLastDay.value).toMatchObject({ hold: null, copyStatus: 'on_shelf' })
      await checkOut(
        db,
        { patronId: PATRON.carol, barcode: 'B11', placeId: PLACE.central },
        NOW + DAY_MS,
        policy,
      )
      const dayAfter = await returnB11(NOW + 2 * DAY_MS) // 2026-06-12
      expect(dayAfter.ok && dayAfter.value.hold).toMatchObject({ id: a, state: 'ready' })
    })

    it('HOLD-SUSPEND: a suspension saved after the next hold was chosen still wins in the statement', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1))
      const found = await copyByBarcode(db, 'B11')
      const next = await nextHoldFor(db, found!.ref, policy, { now: NOW })
      expect(next?.holdId).toBe(a)
      await suspend(PATRON.alice, a, '2026-06-20')
      const [first, ...rest] = assignStatements(
        found!.ref,
        next!.target,
        PLACE.central,
        NOW,
        policy,
      )
      const results = await db.batch([first!, ...rest])
      expect(results[0]).toEqual([])
      expect(await holdRow(a)).toMatchObject({ state: 'waiting', copyId: null })
    })

    it('HOLD-SUSPEND: an expired hold passes its copy over a suspended hold', async () => {
      await checkOut(
        db,
        { patronId: PATRON.carol, barcode: 'B11', placeId: PLACE.central },
        NOW,
        policy,
      )
      const first = await hold(PATRON.dave, TITLE.book(1))
      const a = await hold(PATRON.alice, TITLE.book(1), NOW + 1)
      const b = await hold(PATRON.bob, TITLE.book(1), NOW + 2)
      await returnB11(NOW)
      expect(await holdRow(first)).toMatchObject({ state: 'ready' })
      await suspend(PATRON.alice, a, '2026-07-31')
      const expired = await expireHolds(db, NOW + 10 * DAY_MS, policy)
      expect(expired).toEqual([expect.objectContaining({ holdId: first, nextHoldId: b })])
      expect(await holdRow(a)).toMatchObject({ state: 'waiting' })
    })

    it('HOLD-SUSPEND: the pick list leaves a suspended hold out until it is resumed', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1))
      await suspend(PATRON.alice, a, '2026-06-20')
      const picks = async () => {
        const r = await pickList(db, { placeId: PLACE.central }, NOW, policy)
        return r.ok ? r.value.map((p) => p.holdId) : r.reason
      }
      expect(await picks()).toEqual([])
      expect(await resumeHold(db, { patronId: PATRON.alice, holdId: a }, NOW, policy)).toEqual({
        ok: true,
        value: { holdId: a },
      })
      expect(await picks()).toEqual([a])
      expect((await holdRow(a)).suspendedUntil).toBeNull()
    })

    it('HOLD-SUSPEND: refused for a ready hold, past 90 days, or someone else’s hold, changing nothing', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1))
      expect(await suspend(PATRON.alice, a, '2026-09-09')).toMatchObject({
        ok: false,
        reason: 'too_far',
      })
      expect(await suspend(PATRON.alice, a, '2026-09-08')).toMatchObject({ ok: true })
      expect(await suspend(PATRON.bob, a, '2026-06-20')).toMatchObject({
        ok: false,
        reason: 'unknown_hold',
      })
      expect((await holdRow(a)).suspendedUntil).toBe('2026-09-08')
      await returnB11(NOW + 100 * DAY_MS)
      expect(await holdRow(a)).toMatchObject({ state: 'ready' })
      const ready = await suspend(PATRON.alice, a, '2026-09-30', NOW + 100 * DAY_MS)
      expect(ready).toMatchObject({ ok: false, reason: 'ready' })
      const resume = await resumeHold(db, { patronId: PATRON.alice, holdId: a }, NOW, policy)
      expect(resume).toMatchObject({ ok: false, reason: 'not_suspended' })
    })

    it('HOLD-SUSPEND: a suspended hold still counts toward HOLD-LIMIT', async () => {
      const a = await hold(PATRON.alice, TITLE.book(1))
      await suspend(PATRON.alice, a, '2026-06-20')
      const library = embeddedLibrarySystem(db, policy)
      const standing = await library.standing(PATRON.alice, NOW)
      expect(standing.ok && standing.value.holds.total).toBe(1)
      expect(library.capabilities().suspendHolds).toBe(true)
      const viaPort = await library.resumeHold({ patronId: PATRON.alice, holdId: a }, NOW)
      expect(viaPort).toEqual({ ok: true, value: { holdId: a } })
    })
  })
}
