/**
 * What retention (db/retention.ts) keeps while it forgets the patron: the audit trail (its
 * entries about items lose the keys naming a patron), the statistics (read the same from the
 * tallies), and in front mode the announcements that stop a polled notice being sent twice.
 */
import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { statsPeriod } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { queuePolledNotices } from '../../../db/notice-poll.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import { statsReport } from '../../../db/stats/report.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON } from '../fixture.ts'
import { at, audit, NOTHING, OLD, policy, RECENT, snapshot } from './retention-rows.ts'
import { seedHistory } from './stats-history.ts'

export function retentionKeptSuite(open: OpenDb) {
  describe('what retention keeps', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const { alice, bob } = PATRON

    it('audit entries about an item lose the patron keys once old; account entries keep them', async () => {
      const named = { patronId: alice, borrowerId: bob, holderId: alice }
      await audit(db, {
        at: OLD,
        subject: 'copy:11',
        before: { copyId: 11, ...named },
        after: { copyId: 11, borrowerId: null },
      })
      await audit(db, {
        at: OLD,
        subject: 'loan:3',
        before: { loanId: 3, patronId: bob, dueDate: '2026-06-01' },
      })
      await audit(db, {
        at: OLD,
        subject: 'hold:5',
        after: { holdId: 5, holderId: alice, titleId: 3 },
      })
      await audit(db, { at: OLD, subject: 'title:4', before: { patronId: alice, titleId: 4 } })
      await audit(db, {
        at: OLD,
        subject: 'barcode:X9',
        after: { patronId: alice, reason: 'unknown_copy' },
      })
      await audit(db, { at: OLD, subject: 'patron:1', after: { patronId: alice } })
      await audit(db, { at: OLD, subject: 'copy:13', before: { copyId: 13, borrowerId: null } })
      await audit(db, { at: OLD, subject: 'hold:6' })
      await audit(db, { at: RECENT, subject: 'copy:12', after: { copyId: 12, borrowerId: bob } })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, audit: 5 })
      const rows = (await snapshot(db)).audit.map((r) => [
        r.subject,
        r.before === null ? null : JSON.parse(r.before as string),
        r.after === null ? null : JSON.parse(r.after as string),
      ])
      expect(rows).toEqual([
        ['copy:11', { copyId: 11 }, { copyId: 11 }],
        ['loan:3', { loanId: 3, dueDate: '2026-06-01' }, null],
        ['hold:5', null, { holdId: 5, titleId: 3 }],
        ['title:4', { titleId: 4 }, null],
        ['barcode:X9', null, { reason: 'unknown_copy' }],
        ['patron:1', null, { patronId: alice }],
        ['copy:13', { copyId: 13, borrowerId: null }, null],
        ['hold:6', null, null],
        ['copy:12', null, { copyId: 12, borrowerId: bob }],
      ])
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
    })

    it('the statistics read the same after the rows they count are erased', async () => {
      await seedHistory(db)
      const reports = () =>
        Promise.all(
          (['7d', '30d', '12m', 'fy'] as const).map((k) =>
            statsReport(db, statsPeriod(k, NOW), NOW),
          ),
        )
      const before = await reports()
      // A year on, everything finished is past the cutoff (the newest hold, 15, stays).
      const later = at('2027-06-10')
      expect(await eraseReadingRecords(db, later, policy)).toEqual({
        ...NOTHING,
        notices: 3,
        holds: 6,
      })
      expect(await reports()).toEqual(before)
    })

    it('front mode: a polled notice goes once sent, its announcement stays, and it is not queued again', async () => {
      const polled = {
        key: `poll:hold_ready:${bob}:77:2026-06-01`,
        patronId: bob,
        kind: 'hold_ready',
        slotKind: 'standard',
        dueAt: at('2026-06-01', '10:00'),
        title: '銀河鉄道の夜',
        author: '宮沢賢治',
      } as const
      expect(await queuePolledNotices(db, [polled], at('2026-06-01', '09:00'))).toBe(1)
      await db.all(sql`UPDATE notices SET state = 'sent', sent_at = ${at('2026-06-01', '10:01')}
        RETURNING id`)
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, notices: 1 })
      expect((await snapshot(db)).notices).toEqual([])
      const announced = await db.all<{ key: string }>(sql`SELECT key FROM notice_announcements`)
      expect(announced).toEqual([{ key: polled.key }])
      expect(await queuePolledNotices(db, [polled], NOW)).toBe(0)
      expect((await snapshot(db)).notices).toEqual([])
    })
  })
}
