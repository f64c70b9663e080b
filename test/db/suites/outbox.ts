/** The notice outbox: claim with a lease, finish once, overdue reminders (NOTICE-*). */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { placeHolds } from '../../../db/holds.ts'
import {
  claimDueNotices,
  markNoticeFailed,
  markNoticeSent,
  markNoticeUndeliverable,
  queueOverdueNotices,
} from '../../../db/notices.ts'
import { holds, notices } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, TITLE } from '../fixture.ts'

export function outboxSuite(open: OpenDb) {
  describe('notice outbox', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    /** A hold made ready at NOW + 1 day 12:00 JST: its notice is due at 16:00 that day. */
    const readyNotice = async () => {
      await checkOut(db, { patronId: PATRON.bob, barcode: 'B11', placeId: 1 }, NOW, policy)
      await placeHolds(
        db,
        { patronId: PATRON.alice, titleIds: [TITLE.book(1)], pickupPlaceId: 1 },
        NOW,
        policy,
      )
      const r = await checkIn(db, { barcode: 'B11', placeId: 1 }, NOW + DAY_MS, policy)
      if (!r.ok || !r.value.noticeId) throw new Error('no notice')
      return r.value.noticeId
    }
    const slot = NOW + DAY_MS + 4 * 3600_000
    const lease = { limit: 10, leaseMs: 60_000 }

    it('NOTICE-SLOTS: a notice is not claimed before its slot', async () => {
      await readyNotice()
      expect(await claimDueNotices(db, { claimer: 'a', ...lease }, slot - 1)).toEqual([])
      expect(await claimDueNotices(db, { claimer: 'a', ...lease }, slot)).toHaveLength(1)
    })

    it('NOTICE-ONCE: two dispatchers claiming together never take the same notice', async () => {
      const id = await readyNotice()
      const [a, b] = await Promise.all([
        claimDueNotices(db, { claimer: 'a', ...lease }, slot),
        claimDueNotices(db, { claimer: 'b', ...lease }, slot),
      ])
      expect([...a!, ...b!].map((n) => n.id)).toEqual([id])
    })

    it('NOTICE-ONCE: a lapsed lease is claimed again with the same id; only the claimer finishes', async () => {
      const id = await readyNotice()
      await claimDueNotices(db, { claimer: 'a', ...lease }, slot)
      const again = await claimDueNotices(db, { claimer: 'b', ...lease }, slot + 61_000)
      expect(again).toMatchObject([{ id, attempts: 2, claimedBy: 'b' }])
      expect(await markNoticeSent(db, { id, claimer: 'a' }, slot)).toBe(false)
      expect(await markNoticeSent(db, { id, claimer: 'b' }, slot)).toBe(true)
      expect(await claimDueNotices(db, { claimer: 'c', ...lease }, slot + DAY_MS)).toEqual([])
      const [hold] = await db.orm.select().from(holds)
      expect(hold?.noticeState).toBe('sent')
    })

    it('a failed attempt goes back to pending for a retry; a final failure shows on the hold', async () => {
      const id = await readyNotice()
      await claimDueNotices(db, { claimer: 'a', ...lease }, slot)
      await markNoticeFailed(
        db,
        { id, claimer: 'a', error: '429', final: false, retryAt: slot + 5000 },
        slot,
      )
      const [n] = await db.orm.select().from(notices).where(eq(notices.id, id))
      expect(n).toMatchObject({ state: 'pending', dueAt: slot + 5000, lastError: '429' })
      await claimDueNotices(db, { claimer: 'a', ...lease }, slot + 5000)
      await markNoticeFailed(db, { id, claimer: 'a', error: '500', final: true }, slot)
      const [hold] = await db.orm.select().from(holds)
      expect(hold?.noticeState).toBe('failed')
    })

    it('an unfollowed patron’s notice is marked undeliverable', async () => {
      const id = await readyNotice()
      await claimDueNotices(db, { claimer: 'a', ...lease }, slot)
      expect(
        await markNoticeUndeliverable(db, { id, claimer: 'a', reason: 'unfollowed' }, slot),
      ).toBe(true)
      const [hold] = await db.orm.select().from(holds)
      expect(hold?.noticeState).toBe('undeliverable')
    })

    it('NOTICE-OVERDUE: the first notice at the slot after the due date, then every 7 days, once each', async () => {
      await checkOut(db, { patronId: PATRON.alice, barcode: 'B21', placeId: 1 }, NOW, policy)
      const afterDue = NOW + 15 * DAY_MS
      expect(await queueOverdueNotices(db, afterDue, policy)).toBe(1)
      expect(await queueOverdueNotices(db, afterDue, policy)).toBe(0)
      expect(await queueOverdueNotices(db, afterDue + 7 * DAY_MS, policy)).toBe(1)
      const rows = await db.orm.select().from(notices)
      expect(rows.map((r) => r.key).sort()).toEqual(['overdue:1:0', 'overdue:1:1'])
    })
  })
}
