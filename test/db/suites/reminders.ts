/**
 * The reminders patrons ask for, in the outbox (NOTICE-DUE-SOON, NOTICE-EXPIRY): queued once
 * per patron per day (or per expiry date), only when opted in and reachable, and settled
 * unsent when there is nothing left to tell at send time.
 */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { jstInstant, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { renewLoan } from '../../../db/loans.ts'
import {
  dueSoonLoans,
  queueDueSoonNotices,
  queueExpiryNotices,
  settleUnsendableNotices,
} from '../../../db/notices.ts'
import { notices, patrons } from '../../../db/schema.ts'
import { getNoticePrefs, setNoticePrefs } from '../../../db/shelf.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE } from '../fixture.ts'

const jst = (date: string, time: string) => jstInstant(date, time)

export function remindersSuite(open: OpenDb) {
  describe('reminders in the outbox', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const lend = async (barcode: string, patronId: number = PATRON.bob) => {
      const r = await checkOut(db, { patronId, barcode, placeId: PLACE.central }, NOW, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.loanId
    }
    const rows = () => db.orm.select().from(notices)

    it('NOTICE-DUE-SOON: opt-in, with a lead time of 1, 2 or 3 days only', async () => {
      expect((await getNoticePrefs(db, PATRON.bob)).dueSoonDays).toBeNull()
      const bad = { patronId: PATRON.bob, dueSoonDays: 5 as never }
      expect(await setNoticePrefs(db, bad, NOW)).toBeNull()
      expect(await setNoticePrefs(db, { patronId: PATRON.bob, dueSoonDays: 2 }, NOW)).toMatchObject(
        { dueSoonDays: 2, holdReady: true, expiry: true },
      )
      expect((await getNoticePrefs(db, PATRON.bob)).dueSoonDays).toBe(2)
    })

    it('NOTICE-DUE-SOON: one reminder per patron per day for everything due that date', async () => {
      await lend('B11')
      await lend('B21')
      const at = jst('2026-06-22', '10:00')
      expect(await queueDueSoonNotices(db, at, at)).toBe(0) // not opted in
      await setNoticePrefs(db, { patronId: PATRON.bob, dueSoonDays: 2 }, NOW)
      expect(await queueDueSoonNotices(db, jst('2026-06-21', '10:00'), at)).toBe(0)
      expect(await queueDueSoonNotices(db, at, at)).toBe(1)
      expect(await queueDueSoonNotices(db, at, at)).toBe(0)
      const later = jst('2026-06-22', '16:00')
      expect(await queueDueSoonNotices(db, later, later)).toBe(0)
      const [row] = await rows()
      expect(row).toMatchObject({
        key: `due_soon:${PATRON.bob}:2026-06-22`,
        kind: 'due_soon',
        aboutDate: '2026-06-24',
        dueAt: at,
        state: 'pending',
      })
      expect((await dueSoonLoans(db, [row!.id])).map((l) => l.dueDate)).toEqual([
        '2026-06-24',
        '2026-06-24',
      ])
    })

    it('NOTICE-DUE-SOON: none for a patron who cannot be pushed (not linked)', async () => {
      await lend('B11', PATRON.alice)
      await setNoticePrefs(db, { patronId: PATRON.alice, dueSoonDays: 1 }, NOW)
      const at = jst('2026-06-23', '10:00')
      expect(await queueDueSoonNotices(db, at, at)).toBe(0)
    })

    it('NOTICE-DUE-SOON: an item renewed or returned before the push is left out; none left, none sent', async () => {
      const first = await lend('B11')
      await lend('B21')
      await setNoticePrefs(db, { patronId: PATRON.bob, dueSoonDays: 3 }, NOW)
      const at = jst('2026-06-21', '10:00')
      expect(await queueDueSoonNotices(db, at, at)).toBe(1)
      const [row] = await rows()
      const renewed = await renewLoan(db, { patronId: PATRON.bob, loanId: first }, at, policy)
      expect(renewed.ok).toBe(true)
      expect((await dueSoonLoans(db, [row!.id])).map((l) => l.loanId)).not.toContain(first)
      expect(await settleUnsendableNotices(db, at)).toEqual([])
      await checkIn(db, { barcode: 'B21', placeId: PLACE.central }, at, policy)
      expect(await dueSoonLoans(db, [row!.id])).toEqual([])
      expect(await settleUnsendableNotices(db, at)).toEqual([{ id: row!.id, reason: 'obsolete' }])
    })

    it('NOTICE-DUE-SOON: switched off before the slot, it is not pushed', async () => {
      await lend('B11')
      await setNoticePrefs(db, { patronId: PATRON.bob, dueSoonDays: 1 }, NOW)
      const at = jst('2026-06-23', '10:00')
      expect(await queueDueSoonNotices(db, at, at)).toBe(1)
      await setNoticePrefs(db, { patronId: PATRON.bob, dueSoonDays: null }, NOW)
      expect(await settleUnsendableNotices(db, at)).toMatchObject([{ reason: 'opted_out' }])
    })

    it('NOTICE-EXPIRY: told once, 30 days ahead, per expiry date', async () => {
      const setExpiry = (d: string) =>
        db.orm.update(patrons).set({ expiresOn: d }).where(eq(patrons.id, PATRON.bob))
      await setExpiry('2026-07-11')
      const at = jst('2026-06-10', '16:00')
      expect(await queueExpiryNotices(db, at, at)).toBe(0) // 31 days ahead
      await setExpiry('2026-07-10')
      expect(await queueExpiryNotices(db, at, at)).toBe(1)
      const next = jst('2026-06-11', '10:00')
      expect(await queueExpiryNotices(db, next, next)).toBe(0)
      const [row] = await rows()
      expect(row).toMatchObject({ key: `expiry:${PATRON.bob}:2026-07-10`, aboutDate: '2026-07-10' })
      // Renewed at the counter before the push: nothing to tell.
      await setExpiry('2029-07-10')
      expect(await settleUnsendableNotices(db, next)).toEqual([{ id: row!.id, reason: 'obsolete' }])
    })

    it('NOTICE-EXPIRY: not for a patron who turned it off, nor one already lapsed', async () => {
      await db.orm
        .update(patrons)
        .set({ expiresOn: '2026-06-20' })
        .where(eq(patrons.id, PATRON.bob))
      await setNoticePrefs(db, { patronId: PATRON.bob, expiry: false }, NOW)
      const at = jst('2026-06-10', '16:00')
      expect(await queueExpiryNotices(db, at, at)).toBe(0)
      await setNoticePrefs(db, { patronId: PATRON.bob, expiry: true }, NOW)
      const after = jst('2026-06-21', '10:00')
      expect(await queueExpiryNotices(db, after, after)).toBe(0)
      expect(await queueExpiryNotices(db, at, at)).toBe(1)
    })
  })
}
