/**
 * The availability a page of search hits shows (issue 21): `titleAvailability` answers the
 * port's `availability` in one statement per 90 ids, without the catalogue rows, and must say
 * what `getTitle` says about the same titles.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { getTitle, titleAvailability } from '../../../db/catalogue.ts'
import type { Db } from '../../../db/client.ts'
import { copies, holds, titles } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE } from '../fixture.ts'

/** Title 301: two copies at 中央 (one on loan), one at 楠葉, one withdrawn; two waiting holds. */
const T = { busy: 301, bare: 302 }

export function searchAvailabilitySuite(open: OpenDb) {
  describe('availability of a page of search hits (issue 21)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
      const copy = (
        n: number,
        home: number,
        status: 'on_shelf' | 'on_loan',
        withdrawnAt?: number,
      ) =>
        db.orm
          .insert(copies)
          .values({
            barcode: `AV${n}`,
            titleId: T.busy,
            homeLibraryId: home,
            status,
            withdrawnAt: withdrawnAt ?? null,
          })
          .returning({ id: copies.id })
      const hold = (patronId: number, state: 'waiting' | 'cancelled') =>
        db.orm
          .insert(holds)
          .values({ patronId, titleId: T.busy, pickupPlaceId: PLACE.central, placedAt: NOW, state })
          .returning({ id: holds.id })
      await db.batch([
        db.orm
          .insert(titles)
          .values([
            { id: T.busy, title: '予約の多い本', materialType: 'book', createdAt: 0 },
            { id: T.bare, title: '所蔵のない本', materialType: 'book', createdAt: 0 },
          ])
          .returning({ id: titles.id }),
        copy(1, PLACE.central, 'on_shelf'),
        copy(2, PLACE.central, 'on_loan'),
        copy(3, PLACE.kuzuha, 'on_shelf'),
        copy(4, PLACE.kuzuha, 'on_shelf', NOW),
        hold(PATRON.alice, 'waiting'),
        hold(PATRON.bob, 'waiting'),
        hold(PATRON.carol, 'cancelled'),
      ])
    })

    it('counts live copies per library and the waiting holds, in the order asked', async () => {
      expect(await titleAvailability(db, [T.bare, T.busy])).toEqual([
        { titleId: T.bare, availability: [], waiting: 0 },
        {
          titleId: T.busy,
          availability: [
            { libraryId: PLACE.central, library: '中央図書館', copies: 2, onShelf: 1 },
            { libraryId: PLACE.kuzuha, library: '楠葉図書館', copies: 1, onShelf: 1 },
          ],
          waiting: 2,
        },
      ])
    })

    it('says what getTitle says about the same title', async () => {
      const [a] = await titleAvailability(db, [T.busy])
      const t = await getTitle(db, T.busy)
      expect(a).toEqual({ titleId: T.busy, availability: t?.availability, waiting: t?.waiting })
    })

    it('leaves out unknown and invalid ids, answers a repeated id once, and reads past 90 ids', async () => {
      expect(await titleAvailability(db, [])).toEqual([])
      expect(await titleAvailability(db, [-1, 0, 1.5, 999_999])).toEqual([])
      const many = [...Array.from({ length: 120 }, (_, i) => 10_000 + i), T.busy, T.busy]
      const found = await titleAvailability(db, many)
      expect(found.map((a) => a.titleId)).toEqual([T.busy])
      expect(found[0]?.waiting).toBe(2)
    })
  })
}
