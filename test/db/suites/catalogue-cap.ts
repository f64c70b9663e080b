/**
 * Catalogue search with a bounded candidate set (issue 21): a common word is ranked and counted
 * within the newest `cap` matches, never over every match. A small `cap` stands for the real
 * 1,000 so the same cases run quickly on both drivers.
 */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { countTitles, searchTitles } from '../../../db/catalogue.ts'
import type { Db } from '../../../db/client.ts'
import { titles } from '../../../db/schema.ts'
import { SEARCH_CAP } from '../../../db/search-candidates.ts'
import type { OpenDb } from '../drivers.ts'
import { likeIds } from './catalogue.ts'

/**
 * Titles 201–224, every one holding 「の」 and 「料理」. Even ids have the words in the title;
 * odd ids only in the publisher (料理の友社). Years run against ids, so "newest id" and
 * "newest year" disagree; 220 and 222 are 録音図書.
 */
const MANY = Array.from({ length: 24 }, (_, i) => {
  const id = 201 + i
  const inTitle = id % 2 === 0
  return {
    id,
    title: inTitle ? `季節の料理 ${i}` : `台所ノート ${i}`,
    yomi: inTitle ? 'キセツノリョウリ' : 'ダイドコロノート',
    publisher: inTitle ? '' : '料理の友社',
    year: 2030 - i,
    materialType: id === 220 || id === 222 ? 'audiobook' : 'book',
    createdAt: 0,
  } as const
})
const ALL = MANY.map((t) => t.id)

export function catalogueCapSuite(open: OpenDb) {
  describe('catalogue search within a bounded candidate set (issue 21)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
      await db.batch(
        MANY.map((t) => db.orm.insert(titles).values(t).returning({ id: titles.id })) as never,
      )
    })
    const ids = async (q: string, cap: number, audiobooksLast = false) =>
      (await searchTitles(db, { q, cap, limit: 100, audiobooksLast })).map((t) => t.id)
    /** What LIKE finds among titles 201–224, in searchTitles' order. */
    const likeAmong = async (q: string, keep: number[]) =>
      (await likeIds(db, q)).filter((id) => keep.includes(id))

    it('counts no further than the cap and says so; below it the count is exact', async () => {
      expect(await countTitles(db, { q: '料理', cap: 10 })).toEqual({ count: 10, capped: true })
      expect(await countTitles(db, { q: '季節の料理', cap: 10 })).toEqual({
        count: 10,
        capped: true,
      })
      expect(await countTitles(db, { q: '料理', cap: 24 })).toEqual({ count: 24, capped: false })
      expect(await countTitles(db, { q: '料理の友', cap: 12 })).toEqual({
        count: 12,
        capped: false,
      })
      expect(await countTitles(db, { q: '存在しない', cap: 10 })).toEqual({
        count: 0,
        capped: false,
      })
      expect(await countTitles(db, { q: '  ' })).toEqual({ count: 0, capped: false })
      // The default cap is the API's deepest page: 50 pages of 20.
      expect(SEARCH_CAP).toBe(1000)
      expect((await countTitles(db, { q: '料理' })).capped).toBe(false)
    })

    it('ranks the newest `cap` matches: title matches first, then by year', async () => {
      // The newest ten: 215–224; within them title matches (even ids) first, newest year first.
      const newest = ALL.slice(-10)
      expect(await ids('料理', 10)).toEqual([216, 218, 220, 222, 224, 215, 217, 219, 221, 223])
      expect(await ids('料理', 10)).toEqual(await likeAmong('料理', newest))
      // Hiragana finds the katakana reading (title matches only: the even ids).
      expect(await ids('りょうり', 5)).toEqual([216, 218, 220, 222, 224])
      // Three or more characters go through the trigram index, bounded the same way: 料理の
      // is only in the publisher (odd ids), so the newest six of those, by year.
      expect(await ids('料理の', 6)).toEqual([213, 215, 217, 219, 221, 223])
      // With a cap above the matches, the whole catalogue's order (what it was before the cap).
      expect(await ids('料理', 1000)).toEqual(await likeAmong('料理', ALL))
    })

    it('pages within the cap: the pages of a capped search are the ranked candidates in turn', async () => {
      const page = (offset: number) =>
        searchTitles(db, { q: 'の', cap: 10, limit: 4, offset }).then((h) => h.map((t) => t.id))
      const pages = [
        ...(await page(0)),
        ...(await page(4)),
        ...(await page(8)),
        ...(await page(12)),
      ]
      expect(pages).toEqual(await ids('の', 10))
      expect(new Set(pages).size).toBe(10)
    })

    it('ranks a window of candidates at a time; a page may straddle two windows', async () => {
      const page = async (offset: number, limit: number) =>
        (await searchTitles(db, { q: '料理', cap: 10, window: 4, limit, offset })).map((t) => t.id)
      // Windows of the newest ten, newest first: 221–224, 217–220, 215–216; each ranked.
      const ranked = [222, 224, 221, 223, 218, 220, 217, 219, 216, 215]
      expect(await page(0, 100)).toEqual(ranked)
      expect(await page(3, 3)).toEqual(ranked.slice(3, 6))
      const pages = [...(await page(0, 3)), ...(await page(3, 3)), ...(await page(6, 3))]
      expect([...pages, ...(await page(9, 3))]).toEqual(ranked)
      expect(await page(10, 3)).toEqual([])
    })

    it('HOLD-AUDIOBOOK: 録音図書 stay last within the cap', async () => {
      const order = await ids('料理', 10, true)
      expect(order.slice(-2)).toEqual([220, 222])
      expect(order.slice(0, 3)).toEqual([216, 218, 224])
    })

    it('a withdrawn title takes no place in the cap', async () => {
      await db.batch([
        db.orm.update(titles).set({ withdrawnAt: 1 }).where(eq(titles.id, 224)).returning(),
      ])
      expect(await ids('料理', 3)).toEqual([222, 221, 223])
      expect(await countTitles(db, { q: '料理', cap: 23 })).toEqual({ count: 23, capped: false })
    })

    it('terms of both kinds (3+ and 1–2 characters) find what LIKE finds', async () => {
      for (const q of ['季節の 料理', '料理の友 ノ', 'キセツ 0', 'ノート の', '料理の 台所'])
        expect(
          (await ids(q, 1000)).filter((id) => id > 200),
          q,
        ).toEqual(await likeAmong(q, ALL))
      expect(await ids('料理の友 ノ', 1000)).toHaveLength(12)
      expect(await ids('季節の 台所', 1000)).toEqual([])
    })
  })
}
