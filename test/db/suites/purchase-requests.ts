/** ISBN scan on both drivers: the digits find a hyphenated ISBN; 購入リクエスト kept once. */
import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { type Db, raw } from '../../../db/client.ts'
import {
  addPurchaseRequest,
  listPurchaseRequests,
  titleIdByIsbn,
} from '../../../db/purchase-requests.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, TITLE } from '../fixture.ts'

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
  })
}
