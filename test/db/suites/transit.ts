/**
 * HOLD-TRANSIT and HOLD-BOOKMOBILE in db/: check-in away from the pickup place sends the copy
 * (回送中, no notice), receiving it at the destination makes the hold ready with its notice,
 * copies travel home, lockers lend on arrival, set volumes keep their order, and two desks
 * receiving one copy make one notice.
 */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, jstInstant, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { cancelHold } from '../../../db/hold-changes.ts'
import { placeHolds } from '../../../db/holds.ts'
import { pickList } from '../../../db/pick-list.ts'
import { copies, holds, loans, notices } from '../../../db/schema.ts'
import { incomingList, overdueTransits, receiveCopy, transitList } from '../../../db/transit.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function transitSuite(open: OpenDb) {
  describe('copies in transit (回送)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = (patronId: number, barcode: string) =>
      checkOut(db, { patronId, barcode, placeId: PLACE.central }, NOW, policy)
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
    const back = (barcode: string, placeId: number, at: number) =>
      checkIn(db, { barcode, placeId }, at, policy)
    const receive = (barcode: string, placeId: number, at: number) =>
      receiveCopy(db, { barcode, placeId }, at, policy)
    /** Thursday 06-11 12:00 and Friday 06-12 09:00, Japan time. */
    const T1 = NOW + DAY_MS
    const T2 = jstInstant('2026-06-12', '09:00')

    it('HOLD-TRANSIT: returned at 中央 for a 楠葉 pickup, the copy travels and no notice is queued', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      const r = await back('B11', PLACE.central, T1)
      expect(r).toMatchObject({
        ok: true,
        value: {
          hold: { id: a!.id, state: 'in_transit' },
          noticeId: null,
          copyStatus: 'in_transit',
          transitToId: PLACE.kuzuha,
        },
      })
      expect(await holdRow(a!.id)).toMatchObject({
        state: 'in_transit',
        copyId: 11,
        readyAt: null,
        pickupBy: null,
      })
      expect(await copyRow(11)).toMatchObject({
        status: 'in_transit',
        transitToId: PLACE.kuzuha,
        transitFromId: PLACE.central,
        transitSince: T1,
      })
      expect(await noticeRows()).toHaveLength(0)
    })

    it('HOLD-TRANSIT: received at 楠葉 the hold becomes ready, its notice queued and its 7 days counted from then', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await back('B11', PLACE.central, T1)
      const r = await receive('B11', PLACE.kuzuha, T2)
      if (!r.ok) throw new Error(r.reason)
      expect(r.value).toMatchObject({
        received: true,
        hold: { id: a!.id, state: 'ready' },
        copyStatus: 'on_hold_shelf',
        placeId: PLACE.kuzuha,
        transitToId: null,
      })
      expect(await holdRow(a!.id)).toMatchObject({
        state: 'ready',
        readyAt: T2,
        pickupBy: '2026-06-19',
      })
      const n = await noticeRows()
      expect(n).toMatchObject([
        { id: r.value.noticeId, holdId: a!.id, dueAt: jstInstant('2026-06-12', '10:00') },
      ])
      expect(await copyRow(11)).toMatchObject({ transitToId: null, transitSince: null })
    })

    it('HOLD-TRANSIT: a copy scanned at the wrong library is refused with where it should go', async () => {
      await lend(PATRON.bob, 'B11')
      await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await back('B11', PLACE.central, T1)
      const wrong = await receive('B11', PLACE.branch, T2)
      expect(wrong).toMatchObject({ ok: false, reason: 'wrong_place' })
      if (!wrong.ok) expect(wrong.message.ja).toContain('回送先は楠葉図書館です')
      expect(await receive('B21', PLACE.central, T2)).toMatchObject({
        ok: false,
        reason: 'not_in_transit',
      })
      expect(await receive('NOPE', PLACE.kuzuha, T2)).toMatchObject({ reason: 'unknown_copy' })
      expect(await receive('B11', 0, T2)).toMatchObject({ reason: 'invalid_input' })
      expect((await copyRow(11)).status).toBe('in_transit')
      expect(await noticeRows()).toHaveLength(0)
    })

    it('HOLD-TRANSIT: two staff receiving the same copy at once make it ready once, with one notice', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await back('B11', PLACE.central, T1)
      const both = await Promise.all([
        receive('B11', PLACE.kuzuha, T2),
        receive('B11', PLACE.kuzuha, T2 + 1),
      ])
      const done = both.filter((r) => r.ok && r.value.received)
      expect(done).toHaveLength(1)
      expect(await noticeRows()).toHaveLength(1)
      expect((await holdRow(a!.id)).state).toBe('ready')
      expect((await copyRow(11)).status).toBe('on_hold_shelf')
    })

    it('HOLD-TRANSIT: checking the copy in at its destination receives it too (kiosks, SIP2)', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await back('B11', PLACE.central, T1)
      const r = await back('B11', PLACE.kuzuha, T2)
      expect(r).toMatchObject({ ok: true, value: { hold: { id: a!.id, state: 'ready' } } })
      expect(await noticeRows()).toHaveLength(1)
    })

    it('HOLD-TRANSIT: a copy returned away from home travels home and is shelved on arrival', async () => {
      await lend(PATRON.bob, 'B12')
      const r = await back('B12', PLACE.central, T1)
      expect(r).toMatchObject({
        ok: true,
        value: { hold: null, copyStatus: 'in_transit', transitToId: PLACE.kuzuha },
      })
      const list = await transitList(db, { fromPlaceId: PLACE.central }, T1, policy)
      expect(list).toMatchObject([
        { barcode: 'B12', toName: '楠葉図書館', holdId: null, overdue: false },
      ])
      expect(await incomingList(db, { toPlaceId: PLACE.kuzuha }, T1, policy)).toHaveLength(1)
      const got = await receive('B12', PLACE.kuzuha, T2)
      expect(got).toMatchObject({ ok: true, value: { hold: null, copyStatus: 'on_shelf' } })
      expect(await copyRow(12)).toMatchObject({ currentPlaceId: PLACE.kuzuha, transitToId: null })
      expect(await transitList(db, { fromPlaceId: PLACE.central }, T2, policy)).toEqual([])
    })

    it('HOLD-TRANSIT: a copy coming home serves a hold placed while it travelled', async () => {
      await lend(PATRON.bob, 'B12')
      await back('B12', PLACE.central, T1)
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha, T1 + 1)
      const got = await receive('B12', PLACE.kuzuha, T2)
      expect(got).toMatchObject({ ok: true, value: { hold: { id: a!.id, state: 'ready' } } })
      expect(await noticeRows()).toHaveLength(1)
    })

    it('HOLD-TRANSIT + HOLD-LOCKER: a locker copy travels unlent and is lent into the locker on arrival', async () => {
      await lend(PATRON.bob, 'B12')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.locker)
      const r = await back('B12', PLACE.kuzuha, T1)
      expect(r).toMatchObject({ ok: true, value: { transitToId: PLACE.central } })
      const open = () => db.orm.select().from(loans).where(sql`returned_at IS NULL`)
      expect(await open()).toHaveLength(0)
      const got = await receive('B12', PLACE.central, T2)
      expect(got).toMatchObject({
        ok: true,
        value: { hold: { locker: true }, copyStatus: 'on_loan' },
      })
      expect(await open()).toMatchObject([{ patronId: PATRON.alice, locker: true, holdId: a!.id }])
      expect(await holdRow(a!.id)).toMatchObject({ state: 'ready', pickupBy: '2026-06-16' })
      expect(await noticeRows()).toMatchObject([{ slotKind: 'locker' }])
    })

    it('HOLD-TRANSIT + HOLD-SET: a later volume waits on the shelf while the first is in transit, then follows', async () => {
      await lend(PATRON.bob, 'B311')
      await lend(PATRON.bob, 'B322')
      const set = await hold(PATRON.alice, [TITLE.setVol(1), TITLE.setVol(2)], PLACE.kuzuha)
      await back('B311', PLACE.central, T1)
      const vol2 = await back('B322', PLACE.kuzuha, T1)
      expect(vol2).toMatchObject({ ok: true, value: { hold: null, copyStatus: 'on_shelf' } })
      expect((await holdRow(set[1]!.id)).state).toBe('waiting')
      await receive('B311', PLACE.kuzuha, T2)
      const picks = await pickList(db, { placeId: PLACE.kuzuha }, T2, policy)
      expect(picks).toMatchObject({ ok: true, value: [{ holdId: set[1]!.id, barcode: 'B322' }] })
    })

    it('HOLD-TRANSIT + HOLD-CANCEL: the patron cannot cancel online while it travels; told 回送中 and whom to phone', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      await back('B11', PLACE.central, T1)
      const r = await cancelHold(db, { patronId: PATRON.alice, holdId: a!.id }, T2, policy)
      expect(r).toMatchObject({ ok: false, reason: 'ready' })
      if (!r.ok) expect(r.message.ja).toContain('回送中')
      expect((await holdRow(a!.id)).state).toBe('in_transit')
    })

    it('HOLD-TRANSIT: a copy never received is on the 回送 overdue list after policy.transit.overdueDays', async () => {
      await lend(PATRON.bob, 'B12')
      await back('B12', PLACE.central, T1)
      expect(await overdueTransits(db, T1 + 6 * DAY_MS, policy)).toEqual([])
      const late = await overdueTransits(db, T1 + 7 * DAY_MS, policy)
      expect(late).toMatchObject([{ barcode: 'B12', fromName: '中央図書館', overdue: true }])
      const short = { ...policy, transit: { ...policy.transit, overdueDays: 2 } }
      expect(await overdueTransits(db, T1 + 2 * DAY_MS, short)).toHaveLength(1)
      await receive('B12', PLACE.kuzuha, T1 + 8 * DAY_MS)
      expect(await overdueTransits(db, T1 + 9 * DAY_MS, policy)).toEqual([])
    })

    it('HOLD-BOOKMOBILE: loaded at the base, a station hold is ready for the next visit and lasts to the one after', async () => {
      await lend(PATRON.bob, 'B11')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.station)
      const r = await back('B11', PLACE.central, T1)
      expect(r).toMatchObject({ ok: true, value: { hold: { state: 'ready' } } })
      expect(await holdRow(a!.id)).toMatchObject({
        state: 'ready',
        visitStartsAt: jstInstant('2026-06-23', '10:30'),
        visitEndsAt: jstInstant('2026-06-23', '11:00'),
        pickupBy: '2026-07-07',
      })
      expect(await noticeRows()).toMatchObject([{ dueAt: jstInstant('2026-06-11', '16:00') }])
    })

    it('HOLD-BOOKMOBILE + HOLD-TRANSIT: returned elsewhere, a station copy travels to the base first', async () => {
      await lend(PATRON.bob, 'B12')
      const [a] = await hold(PATRON.alice, [TITLE.book(1)], PLACE.station)
      await back('B12', PLACE.kuzuha, T1)
      expect(await holdRow(a!.id)).toMatchObject({ state: 'in_transit', visitStartsAt: null })
      await receive('B12', PLACE.central, T2)
      expect(await holdRow(a!.id)).toMatchObject({
        state: 'ready',
        visitStartsAt: jstInstant('2026-06-23', '10:30'),
      })
    })
  })
}
