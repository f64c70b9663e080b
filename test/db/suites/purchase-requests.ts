/**
 * ISBN scan on both drivers: the digits find a hyphenated ISBN; 購入リクエスト kept once,
 * decided by staff, and let go of its patron readingRecordDays after the decision.
 */
import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { type Db, raw } from '../../../db/client.ts'
import {
  addPurchaseRequest,
  countPurchaseRequests,
  decidePurchaseRequest,
  listPurchaseRequests,
  titleIdByIsbn,
} from '../../../db/purchase-requests.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, TITLE } from '../fixture.ts'
import { at, NOTHING, OLD, policy, RECENT } from './retention-rows.ts'

export function purchaseRequestSuite(open: OpenDb) {
  describe('ISBN lookup and purchase suggestions', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const ask = (patronId: number, isbn: string) =>
      addPurchaseRequest(
        db,
        { patronId, isbn, title: 'ない本', author: '', note: '' },
        NOW,
        NOW - 1000,
      )

    it('finds a title by the ISBN’s digits, hyphenated or not, and not a withdrawn one', async () => {
      expect(await titleIdByIsbn(db, '9784101092058')).toBe(TITLE.book(1))
      await db.batch([
        raw(sql`UPDATE titles SET isbn = '978-4-10-109205-8' WHERE id = 1 RETURNING id`),
      ])
      expect(await titleIdByIsbn(db, '9784101092058')).toBe(TITLE.book(1))
      await db.batch([raw(sql`UPDATE titles SET withdrawn_at = ${NOW} WHERE id = 1 RETURNING id`)])
      expect(await titleIdByIsbn(db, '9784101092058')).toBeNull()
    })

    it('keeps a suggestion once per patron and ISBN, and lists the newest first', async () => {
      expect(await ask(PATRON.alice, '9784000000017')).toMatchObject({
        ok: true,
        value: { duplicate: false },
      })
      expect(await ask(PATRON.alice, '978-4-00-000001-7')).toMatchObject({
        ok: true,
        value: { duplicate: true },
      })
      expect(await ask(PATRON.bob, '9784000000017')).toMatchObject({ ok: true })
      expect(await ask(PATRON.bob, '9784101092058')).toMatchObject({ ok: false, reason: 'held' })
      expect(await ask(PATRON.bob, '9784000000018')).toMatchObject({
        ok: false,
        reason: 'check_digit',
      })
      const list = await listPurchaseRequests(db)
      expect(list.map((r) => r.patronId)).toEqual([PATRON.bob, PATRON.alice])
      expect(list[0]).toMatchObject({ isbn: '9784000000017', title: 'ない本' })
    })

    it('staff decide a request, or open it again; the open ones are listed first', async () => {
      const add = (patronId: number, isbn: string, when: number) =>
        addPurchaseRequest(db, { patronId, isbn, title: 'ない本', author: '', note: '' }, when, 0)
      const first = await add(PATRON.alice, '9784000000017', at('2026-06-01'))
      const second = await add(PATRON.bob, '9784000000024', at('2026-06-02'))
      if (!first.ok || !second.ok) throw new Error('not added')
      const [a, b] = [first.value.id!, second.value.id!]
      expect(await decidePurchaseRequest(db, a, 'bought', at('2026-06-03'))).toEqual({
        changed: true,
      })
      expect((await listPurchaseRequests(db)).map((r) => [r.id, r.decision])).toEqual([
        [b, null],
        [a, 'bought'],
      ])
      expect(await decidePurchaseRequest(db, a, null, at('2026-06-04'))).toEqual({ changed: true })
      expect((await listPurchaseRequests(db))[1]).toMatchObject({
        id: a,
        decision: null,
        decidedAt: null,
      })
      const missing = { changed: false, why: 'missing' }
      expect(await decidePurchaseRequest(db, 999, 'declined', NOW)).toEqual(missing)
      expect(await decidePurchaseRequest(db, a, 'lost' as never, NOW)).toEqual(missing)
      // A colleague's decision made meanwhile is never overwritten from a stale page.
      expect(await decidePurchaseRequest(db, b, 'declined', at('2026-06-05'))).toEqual({
        changed: true,
      })
      expect(await decidePurchaseRequest(db, b, 'bought', at('2026-06-05'))).toEqual({
        changed: false,
        why: 'already',
        decision: 'declined',
        title: 'ない本',
      })
      expect(await decidePurchaseRequest(db, a, null, at('2026-06-05'))).toEqual({
        changed: false,
        why: 'already',
        decision: null,
        title: 'ない本',
      })
      // 未処理に戻す from a page still showing 購入 does not undo a colleague's 見送り.
      expect(await decidePurchaseRequest(db, b, null, at('2026-06-05'), 'bought')).toEqual({
        changed: false,
        why: 'already',
        decision: 'declined',
        title: 'ない本',
      })
      expect(await decidePurchaseRequest(db, b, null, at('2026-06-05'), 'declined')).toEqual({
        changed: true,
      })
      expect(await decidePurchaseRequest(db, b, 'declined', at('2026-06-05'))).toEqual({
        changed: true,
      })
      expect((await listPurchaseRequests(db)).find((r) => r.id === b)).toMatchObject({
        decision: 'declined',
        decidedAt: at('2026-06-05'),
      })
      expect(await countPurchaseRequests(db)).toEqual({ open: 1, decided: 1 })
    })

    it('a request decided before the cutoff lets go of its patron and note; an open one keeps them however old', async () => {
      const add = (patronId: number, isbn: string, note = 'うちの子が読みたがっています') =>
        addPurchaseRequest(
          db,
          { patronId, isbn, title: 'ない本', author: '著者', note },
          at('2026-05-01'),
          0,
        ).then((r) => (r.ok ? r.value.id! : Number.NaN))
      const bought = await add(PATRON.alice, '9784000000017')
      const declined = await add(PATRON.bob, '9784000000017')
      const recent = await add(PATRON.carol, '9784000000017')
      const open = await add(PATRON.alice, '9784000000024')
      expect(await decidePurchaseRequest(db, bought, 'bought', at('2026-05-02'))).toEqual({
        changed: true,
      })
      expect(await decidePurchaseRequest(db, declined, 'declined', OLD)).toEqual({ changed: true })
      expect(await decidePurchaseRequest(db, recent, 'borrowed', RECENT)).toEqual({ changed: true })

      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({ ...NOTHING, requests: 2 })
      const rows = await db.all<Record<string, unknown>>(sql`SELECT id, patron_id AS patronId,
          isbn, title, note, decision FROM purchase_requests ORDER BY id`)
      const book = { isbn: '9784000000017', title: 'ない本' }
      expect(rows).toEqual([
        { id: bought, patronId: null, ...book, note: '', decision: 'bought' },
        { id: declined, patronId: null, ...book, note: '', decision: 'declined' },
        {
          id: recent,
          patronId: PATRON.carol,
          ...book,
          note: expect.any(String),
          decision: 'borrowed',
        },
        {
          id: open,
          patronId: PATRON.alice,
          isbn: '9784000000024',
          title: 'ない本',
          note: expect.any(String),
          decision: null,
        },
      ])
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
      // Nobody left to tell: the decision stands.
      expect(await decidePurchaseRequest(db, bought, null, NOW)).toEqual({
        changed: false,
        why: 'forgotten',
      })
      // The same patron may ask for the book again: a new request, not "already received".
      expect(await ask(PATRON.alice, '9784000000017')).toMatchObject({
        ok: true,
        value: { duplicate: false },
      })
      // The library still counts every request for the book, whoever sent it.
      const [{ n }] = (await db.all<{ n: number }>(sql`SELECT count(*) AS n
        FROM purchase_requests WHERE isbn = '9784000000017'`)) as [{ n: number }]
      expect(n).toBe(4)
    })
  })
}
