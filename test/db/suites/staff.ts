/** Counter staff accounts, sessions, the audit log and scheduler state. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../db/client.ts'
import {
  appendAudit,
  createStaffSession,
  endStaffSession,
  findStaffSession,
  kvCompareAndSet,
  kvGet,
  listAudit,
  upsertStaff,
  verifyStaff,
} from '../../../db/staff.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW } from '../fixture.ts'

export function staffSuite(open: OpenDb) {
  describe('staff, audit and scheduler state', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })

    it('staff sign in, hold a session by token, and sign out', async () => {
      const s = await upsertStaff(db, { login: 'kato', name: '加藤', password: 'desk-pass-1' }, NOW)
      expect(await verifyStaff(db, 'kato', 'wrong')).toBeNull()
      expect(await verifyStaff(db, 'kato', 'desk-pass-1')).toMatchObject({ id: s!.id })
      const session = await createStaffSession(db, { staffId: s!.id, ttlMs: 3600_000 }, NOW)
      expect(await findStaffSession(db, session!.token, NOW + 1)).toMatchObject({
        staff: { login: 'kato' },
      })
      expect(await findStaffSession(db, session!.token, NOW + 3600_001)).toBeNull()
      await endStaffSession(db, session!.token, NOW)
      expect(await findStaffSession(db, session!.token, NOW + 1)).toBeNull()
    })

    it('the audit log records who did what, before and after', async () => {
      const s = await upsertStaff(db, { login: 'kato', name: '加藤', password: 'desk-pass-1' }, NOW)
      await appendAudit(
        db,
        {
          staffId: s!.id,
          action: 'check_in',
          subject: 'copy:11',
          before: { status: 'on_loan' },
          after: { status: 'on_shelf' },
        },
        NOW,
      )
      expect(await listAudit(db)).toMatchObject([
        {
          staffName: '加藤',
          entry: { action: 'check_in', subject: 'copy:11', before: '{"status":"on_loan"}' },
        },
      ])
    })

    it('scheduler state: compare-and-set lets one of two claimers win', async () => {
      const both = await Promise.all([
        kvCompareAndSet(db, 'slot', null, 'a', NOW),
        kvCompareAndSet(db, 'slot', null, 'b', NOW),
      ])
      expect(both.filter(Boolean)).toHaveLength(1)
      const value = await kvGet(db, 'slot')
      expect(await kvCompareAndSet(db, 'slot', value, 'c', NOW)).toBe(true)
      expect(await kvCompareAndSet(db, 'slot', value, 'd', NOW)).toBe(false)
    })
  })
}
