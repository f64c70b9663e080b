/**
 * Reading records are private: after the Policy's readingRecordDays (Hirakata 3) bunko forgets
 * whom a returned loan, an ended hold and a finished notice were for (db/retention.ts).
 */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import { loans, readingHistory } from '../../../db/schema.ts'
import { setHistoryOptIn } from '../../../db/shelf.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'
import {
  at,
  history,
  hold,
  ids,
  loan,
  NOTHING,
  notice,
  OLD,
  policy,
  RECENT,
  snapshot,
} from './retention-rows.ts'

export function retentionSuite(open: OpenDb) {
  describe('reading records are erased after readingRecordDays', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const { alice, bob } = PATRON

    it('a loan returned before the cutoff is gone; its My本棚 entry keeps the return date', async () => {
      await setHistoryOptIn(db, { patronId: alice, optIn: true })
      const lent = await checkOut(
        db,
        { patronId: alice, barcode: 'B11', placeId: PLACE.central },
        at('2026-05-20'),
        policy,
      )
      if (!lent.ok) throw new Error(lent.reason)
      await checkIn(
        db,
        { barcode: 'B11', placeId: PLACE.central },
        at('2026-06-06', '19:30'),
        policy,
      )
      // Another loan since, so the returned one is not the newest.
      await checkOut(db, { patronId: bob, barcode: 'B21', placeId: PLACE.central }, NOW, policy)
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({
        ...NOTHING,
        history: 1,
        loans: 1,
      })
      expect(await db.orm.select().from(loans).where(eq(loans.id, lent.value.loanId))).toEqual([])
      expect(await db.orm.select().from(readingHistory)).toMatchObject([
        { patronId: alice, titleId: TITLE.book(1), loanId: null, returnedOn: '2026-06-06' },
      ])
    })

    it('leaves a loan returned on the cutoff day, an open loan, active holds and an unsent notice alone', async () => {
      await loan(db, { id: 1, patronId: alice, copyId: 11, returnedAt: OLD })
      await loan(db, { id: 2, patronId: alice, copyId: 21, returnedAt: at('2026-06-07', '00:00') })
      await loan(db, { id: 3, patronId: bob, copyId: 31, returnedAt: at('2026-06-01') })
      await loan(db, { id: 4, patronId: bob, copyId: 41, returnedAt: null })
      await history(db, { id: 1, patronId: alice, titleId: TITLE.book(2), loanId: 2 })
      // An overdue reminder still to be settled keeps its (returned, old) loan.
      await notice(db, {
        id: 'n3',
        patronId: bob,
        kind: 'overdue',
        loanId: 3,
        state: 'pending',
        dueAt: OLD,
      })
      for (const [id, state] of [
        [1, 'waiting'],
        [2, 'in_transit'],
        [3, 'ready'],
      ] as const)
        await hold(db, { id, patronId: alice, titleId: TITLE.book(10 + id), state })
      await hold(db, {
        id: 4,
        patronId: bob,
        titleId: TITLE.book(14),
        state: 'collected',
        endedAt: OLD,
      })
      await notice(db, {
        id: 'n4',
        patronId: bob,
        kind: 'hold_ready',
        holdId: 4,
        state: 'sending',
        dueAt: OLD,
      })
      await hold(db, { id: 5, patronId: bob, titleId: TITLE.book(15), state: 'waiting' })
      const before = await snapshot(db)
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, loans: 1 })
      const after = await snapshot(db)
      expect(ids(after.loans)).toEqual([2, 3, 4])
      expect({ ...after, loans: null }).toEqual({ ...before, loans: null })
    })

    it('ended holds go with their finished notices; expired ones are counted for the statistics', async () => {
      const ended = [
        [1, 'collected'],
        [2, 'cancelled'],
        [3, 'expired'],
        [4, 'expired'],
      ] as const
      for (const [id, state] of ended)
        await hold(db, { id, patronId: alice, titleId: TITLE.book(id), state, endedAt: OLD })
      await hold(db, {
        id: 5,
        patronId: bob,
        titleId: TITLE.book(5),
        state: 'expired',
        endedAt: RECENT,
      })
      await hold(db, { id: 6, patronId: bob, titleId: TITLE.book(6), state: 'waiting' })
      await notice(db, {
        id: 'n1',
        patronId: alice,
        kind: 'hold_ready',
        holdId: 1,
        state: 'sent',
        dueAt: at('2026-06-01', '10:00'),
      })
      await notice(db, {
        id: 'n3',
        patronId: alice,
        kind: 'hold_ready',
        holdId: 3,
        state: 'undeliverable',
        dueAt: at('2026-05-28', '16:00'),
      })
      await notice(db, {
        id: 'n5',
        patronId: bob,
        kind: 'hold_ready',
        holdId: 5,
        state: 'sent',
        dueAt: at('2026-06-01', '10:00'),
      })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({
        ...NOTHING,
        notices: 2,
        holds: 4,
      })
      const after = await snapshot(db)
      expect(ids(after.holds)).toEqual([5, 6])
      expect(ids(after.notices)).toEqual(['n5'])
      expect(after.tallies).toEqual([
        {
          day: '2026-05-28',
          minute: 960,
          slot_kind: 'standard',
          kind: 'hold_ready',
          sent: 0,
          failed: 0,
          undeliverable: 1,
          retried: 0,
        },
        {
          day: '2026-06-01',
          minute: 600,
          slot_kind: 'standard',
          kind: 'hold_ready',
          sent: 1,
          failed: 0,
          undeliverable: 0,
          retried: 0,
        },
        { day: '2026-06-01', minutes: 61, n: 1 },
        { day: '2026-06-05', place_id: PLACE.central, n: 2 },
      ])
    })

    it('HOLD-SET: an ended volume stays while its set is still being filled (「3巻中2巻目」)', async () => {
      const vol = (id: number, state: string, endedAt: number | null) =>
        hold(db, {
          id,
          patronId: alice,
          titleId: TITLE.setVol(id as 1 | 2 | 3),
          state,
          endedAt,
          setGroup: 7,
          volume: id,
        })
      await vol(1, 'collected', OLD)
      await vol(2, 'cancelled', OLD)
      await vol(3, 'waiting', null)
      await hold(db, { id: 9, patronId: bob, titleId: TITLE.book(9), state: 'waiting' })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
      await db.all(
        sql`UPDATE holds SET state = 'collected', ended_at = ${OLD} WHERE id = 3 RETURNING id`,
      )
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, holds: 3 })
    })

    it('an overdue notice of a loan still out and an expiry notice about a date to come stay', async () => {
      await loan(db, { id: 1, patronId: bob, copyId: 11, returnedAt: null })
      const finished = { patronId: bob, state: 'sent', dueAt: at('2026-06-01', '10:00') } as const
      await notice(db, { ...finished, id: 'overdue', kind: 'overdue', loanId: 1 })
      await notice(db, { ...finished, id: 'expiry-ahead', kind: 'expiry', aboutDate: '2026-06-20' })
      await notice(db, { ...finished, id: 'expiry-past', kind: 'expiry', aboutDate: '2026-06-09' })
      await notice(db, { ...finished, id: 'due-soon', kind: 'due_soon', aboutDate: '2026-06-03' })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, notices: 2 })
      expect(ids((await snapshot(db)).notices)).toEqual(['expiry-ahead', 'overdue'])
    })
  })
}
