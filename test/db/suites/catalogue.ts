/** Catalogue search (trigram FTS, short-term LIKE) with availability; favourites and My本棚. */
import { beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { getTitle, searchTitles } from '../../../db/catalogue.ts'
import { checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import {
  deleteHistory,
  favouriteList,
  getNoticePrefs,
  listHistory,
  setHistoryOptIn,
  setNoticePrefs,
  wantToReadList,
} from '../../../db/shelf.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, TITLE } from '../fixture.ts'

export function catalogueSuite(open: OpenDb) {
  describe('catalogue search', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const ids = async (q: string) => (await searchTitles(db, { q })).map((t) => t.id)

    it('finds a Japanese word inside a title (trigram)', async () => {
      expect(await ids('鉄道の')).toEqual([37, 1])
      expect(await ids('歴史 下巻')).toEqual([33])
    })

    it('finds by reading in katakana or hiragana, by author, and by ISBN with hyphens', async () => {
      expect(await ids('ギンガテツ')).toEqual([1])
      expect(await ids('ぎんがてつ')).toEqual([1])
      expect(await ids('宮沢賢治')).toEqual([1])
      expect(await ids('978-4-10-109205-8')).toEqual([1])
    })

    it('falls back to LIKE for terms shorter than three characters', async () => {
      expect(await ids('映画')).toHaveLength(8)
      expect(await ids('%')).toEqual([])
      expect(await ids('  ')).toEqual([])
    })

    it('shows availability per library and the hold queue', async () => {
      await checkOut(db, { patronId: PATRON.alice, barcode: 'B11', placeId: 1 }, NOW, policy)
      const t = await getTitle(db, TITLE.book(1))
      expect(t?.availability).toEqual([
        { libraryId: 1, library: '中央図書館', copies: 1, onShelf: 0 },
        { libraryId: 2, library: '楠葉図書館', copies: 1, onShelf: 1 },
      ])
      expect(t?.waiting).toBe(0)
      expect(await getTitle(db, -1)).toBeNull()
    })
  })

  describe('favourites and My本棚', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })

    it('favourites and want-to-read: add once, list, remove', async () => {
      for (const list of [favouriteList, wantToReadList]) {
        expect(await list.add(db, { patronId: PATRON.alice, titleId: 1 }, NOW)).toBe(true)
        expect(await list.add(db, { patronId: PATRON.alice, titleId: 1 }, NOW)).toBe(false)
        expect(await list.add(db, { patronId: PATRON.alice, titleId: 9999 }, NOW)).toBe(false)
        expect(await list.list(db, PATRON.alice)).toMatchObject([
          { titleId: 1, title: '銀河鉄道の夜' },
        ])
        expect(await list.list(db, PATRON.bob)).toEqual([])
        expect(await list.remove(db, { patronId: PATRON.alice, titleId: 1 })).toBe(true)
      }
    })

    it('history is kept only while opted in, and can be deleted one by one or all', async () => {
      const lend = (barcode: string) =>
        checkOut(db, { patronId: PATRON.alice, barcode, placeId: 1 }, NOW, policy)
      await lend('B11')
      expect(await listHistory(db, { patronId: PATRON.alice })).toEqual([])
      await setHistoryOptIn(db, { patronId: PATRON.alice, optIn: true })
      await lend('B21')
      await lend('B31')
      const kept = await listHistory(db, { patronId: PATRON.alice })
      expect(kept.map((h) => h.titleId).sort()).toEqual([2, 3])
      expect(await deleteHistory(db, { patronId: PATRON.bob, id: kept[0]!.id })).toBe(0)
      expect(await deleteHistory(db, { patronId: PATRON.alice, id: kept[0]!.id })).toBe(1)
      expect(await deleteHistory(db, { patronId: PATRON.alice })).toBe(1)
    })

    it('notice preferences default to all on, by LINE, and can be changed', async () => {
      expect(await getNoticePrefs(db, PATRON.alice)).toEqual({
        holdReady: true,
        overdue: true,
        channel: 'line',
      })
      expect(
        await setNoticePrefs(db, { patronId: PATRON.alice, overdue: false }, NOW),
      ).toMatchObject({ overdue: false })
      expect(await getNoticePrefs(db, PATRON.alice)).toMatchObject({
        overdue: false,
        holdReady: true,
      })
      expect(await setNoticePrefs(db, { patronId: 999, overdue: false }, NOW)).toBeNull()
    })
  })
}
