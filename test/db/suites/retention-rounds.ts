/**
 * How retention's rounds (db/retention.ts) take their rows: oldest first in chunks, never the
 * newest loan or hold (its id would be handed on), never held up by rows that cannot go yet,
 * and a second run finds nothing more to do.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../db/client.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, TITLE } from '../fixture.ts'
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
  snapshot,
} from './retention-rows.ts'

export function retentionRoundsSuite(open: OpenDb) {
  describe('retention rounds', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const { alice, bob } = PATRON

    it('the newest loan and hold stay until another is made, so their ids are never handed on', async () => {
      await loan(db, { id: 1, patronId: alice, copyId: 11, returnedAt: OLD })
      await loan(db, { id: 2, patronId: bob, copyId: 21, returnedAt: OLD })
      await hold(db, {
        id: 1,
        patronId: alice,
        titleId: TITLE.book(1),
        state: 'cancelled',
        endedAt: OLD,
      })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, loans: 1 })
      expect(ids((await snapshot(db)).loans)).toEqual([2])
      await loan(db, { id: 3, patronId: bob, copyId: 31, returnedAt: null })
      await hold(db, { id: 2, patronId: bob, titleId: TITLE.book(2), state: 'waiting' })
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, loans: 1, holds: 1 })
    })

    it('a loan or hold waiting for its notice to be sent does not hold up the older rest', async () => {
      await loan(db, { id: 1, patronId: bob, copyId: 11, returnedAt: at('2026-06-01') })
      await loan(db, { id: 2, patronId: alice, copyId: 21, returnedAt: OLD })
      await loan(db, { id: 3, patronId: alice, copyId: 31, returnedAt: null })
      await hold(db, {
        id: 1,
        patronId: bob,
        titleId: TITLE.book(1),
        state: 'expired',
        endedAt: at('2026-06-01'),
      })
      await hold(db, {
        id: 2,
        patronId: alice,
        titleId: TITLE.book(2),
        state: 'cancelled',
        endedAt: OLD,
      })
      await hold(db, { id: 3, patronId: alice, titleId: TITLE.book(3), state: 'waiting' })
      const unsent = { patronId: bob, state: 'pending', dueAt: NOW } as const
      await notice(db, { ...unsent, id: 'n1', kind: 'overdue', loanId: 1 })
      await notice(db, { ...unsent, id: 'n2', kind: 'hold_ready', holdId: 1 })
      // One row of each kind per round: the first oldest would be the one that cannot go.
      expect(await eraseReadingRecords(db, NOW, policy, 1)).toEqual({
        ...NOTHING,
        loans: 1,
        holds: 1,
      })
      expect(ids((await snapshot(db)).loans)).toEqual([1, 3])
      expect(ids((await snapshot(db)).holds)).toEqual([1, 3])
    })

    it('running again changes nothing more; a backlog goes in rounds of a chunk', async () => {
      for (let id = 1; id <= 7; id++) {
        await loan(db, { id, patronId: alice, copyId: id * 10 + 1, returnedAt: OLD + id })
        await history(db, { id, patronId: alice, titleId: TITLE.book(id), loanId: id })
        await notice(db, {
          id: `n${id}`,
          patronId: alice,
          kind: 'overdue',
          loanId: id,
          state: 'sent',
          dueAt: at('2026-06-01', '10:00'),
        })
      }
      await loan(db, { id: 8, patronId: bob, copyId: 81, returnedAt: null })
      expect(await eraseReadingRecords(db, NOW, policy, 2)).toEqual({
        ...NOTHING,
        history: 7,
        notices: 7,
        loans: 7,
      })
      const once = await snapshot(db)
      expect(once.tallies).toEqual([
        {
          day: '2026-06-01',
          minute: 600,
          slot_kind: 'standard',
          kind: 'overdue',
          sent: 7,
          failed: 0,
          undeliverable: 0,
          retried: 0,
        },
      ])
      expect(once.history.map((h) => [h.loan_id, h.returned_on])).toEqual(
        Array.from({ length: 7 }, () => [null, '2026-06-05']),
      )
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
      expect(await snapshot(db)).toEqual(once)
    })
  })
}
