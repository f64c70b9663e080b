/** Catalogue search (trigram FTS, short-term gram index) with availability; favourites, My本棚. */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { getTitle, rebuildTitleGrams, searchTerms, searchTitles } from '../../../db/catalogue.ts'
import { checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { titles } from '../../../db/schema.ts'
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

    it('finds terms of one or two characters through the gram index', async () => {
      expect(await ids('映画')).toHaveLength(8)
      expect(await ids('昔話')).toEqual([34, 35])
      expect(await ids('巻')).toEqual([31, 32, 33])
      expect(await ids('%')).toEqual([])
      expect(await ids('  ')).toEqual([])
    })

    it('lists the volumes of one set in volume order (上・中・下), not newest id first', async () => {
      expect(await ids('大阪の歴史')).toEqual([31, 32, 33])
      // Another year's title still comes by year: a newer title first, then the set in order.
      await db.batch([
        db.orm.update(titles).set({ year: 2020 }).where(eq(titles.id, 32)).returning(),
      ])
      expect(await ids('大阪の歴史')).toEqual([32, 31, 33])
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

  describe('catalogue search finds what LIKE finds, for every length of term', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
      await db.batch(
        EXTRA.map((t) => db.orm.insert(titles).values(t).returning({ id: titles.id })) as never,
      )
    })
    const ids = async (q: string) => (await searchTitles(db, { q, limit: 100 })).map((t) => t.id)
    const same = async (qs: string[]) => {
      const found = await Promise.all(qs.map(async (q) => ({ q, ids: await ids(q) })))
      const like = await Promise.all(qs.map(async (q) => ({ q, ids: await likeIds(db, q) })))
      expect(found).toEqual(like)
    }

    it('1, 2, 3 and 5 characters: kanji, hiragana, katakana, ASCII, ISBN digits, symbols', async () => {
      await same(CASES)
      const found = await Promise.all(CASES.map(async (q) => (await ids(q)).length))
      // Most find something; the rest (97, éd, ｱｲ…) must find nothing, as LIKE does.
      expect(found.filter((n) => n > 0).length).toBeGreaterThanOrEqual(50)
    })

    it('one- and two-character pieces of every title, reading, author and publisher', async () => {
      const rows = await db.orm.select().from(titles)
      const pieces = new Set<string>()
      for (const r of rows)
        for (const f of [r.title, r.yomi, r.author, r.authorYomi, r.publisher]) {
          const cs = [...f]
          for (let i = 0; i < cs.length; i++) pieces.add(cs[i]!).add(cs.slice(i, i + 2).join(''))
        }
      expect(pieces.size).toBeGreaterThan(300)
      // Every third piece in code-point order (all scripts, and quick on D1 too).
      const sample = [...pieces].filter((q) => q.trim() === q).sort()
      await same(sample.filter((_, i) => i % 3 === 0))
    })

    it('keeps the gram index in step as titles are added, changed and removed', async () => {
      const change = (set: Partial<typeof titles.$inferInsert>) =>
        db.batch([db.orm.update(titles).set(set).where(eq(titles.id, 150)).returning()])
      await db.batch([
        db.orm
          .insert(titles)
          .values({
            id: 150,
            title: '鍋料理',
            yomi: 'ナベリョウリ',
            materialType: 'book',
            createdAt: 0,
          })
          .returning(),
      ])
      expect(await ids('鍋')).toEqual([150])
      expect(await ids('なべ')).toEqual([150])
      await change({ title: '焼き魚', publisher: '鍋島書店', year: 2001 })
      expect(await ids('焼き')).toEqual([150])
      expect(await ids('鍋料')).toEqual([])
      expect(await ids('鍋島')).toEqual([150])
      await change({ year: 2002 })
      expect(await ids('焼き')).toEqual([150])
      await integrityCheck(db)
      await db.batch([db.orm.delete(titles).where(eq(titles.id, 150)).returning()])
      expect(await ids('焼き')).toEqual([])
      expect(await ids('鍋')).toEqual([])
      await integrityCheck(db)
    })

    it('rebuildTitleGrams re-reads every title into the index', async () => {
      await db.orm.run(sql`INSERT INTO titles_grams (titles_grams) VALUES ('delete-all')`)
      expect(await ids('料理')).toEqual([])
      await rebuildTitleGrams(db)
      expect(await ids('料理')).toEqual([103, 101])
      await integrityCheck(db)
      await same(['料理', 'の', 'sq'])
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

    it('notice preferences default to all on (the due-soon reminder is opt-in), by LINE, and can be changed', async () => {
      expect(await getNoticePrefs(db, PATRON.alice)).toEqual({
        holdReady: true,
        overdue: true,
        channel: 'line',
        dueSoonDays: null,
        expiry: true,
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

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))

/**
 * What a search must find, by LIKE over the whole catalogue: every term (or its katakana form)
 * inside the title, reading, author, author's reading or publisher (ASCII case-insensitive),
 * or, from three characters on, inside the ISBN too; title matches first, then newest first,
 * a set's volumes of one year in volume order.
 */
export async function likeIds(db: Db, q: string): Promise<number[]> {
  const terms = searchTerms(q)
  if (terms.length === 0) return []
  const conditions = terms.map((term) => {
    const fields = ['title', 'yomi', 'author', 'author_yomi', 'publisher']
    if ([...term].length >= 3) fields.push("coalesce(isbn, '')")
    const likes = [...new Set([term, toKatakana(term)])].flatMap((v) => {
      const pattern = `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      return fields.map((f) => sql`${sql.raw(f)} LIKE ${pattern} ESCAPE '\\'`)
    })
    return sql`(${sql.join(likes, sql` OR `)})`
  })
  // Title (or reading) matches first, as searchTitles ranks them. Checked here with instr over
  // lower() (ASCII folded, no wildcards), not with the LIKE searchTitles now ranks by, so the
  // oracle stays a second way of saying it.
  const inTitle = terms.map((term) => {
    const found = [...new Set([term, toKatakana(term)])].flatMap((v) =>
      ['title', 'yomi'].map((f) => sql`instr(lower(${sql.raw(f)}), lower(${v})) > 0`),
    )
    return sql`(${sql.join(found, sql` OR `)})`
  })
  const rows = await db.all<{ id: number }>(sql`SELECT id FROM titles
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY CASE WHEN ${sql.join(inTitle, sql` AND `)} THEN 0 ELSE 1 END, year DESC, set_id,
      volume, id DESC
    LIMIT 100`)
  return rows.map((r) => r.id)
}

/** FTS5's own check that the gram index holds exactly what its content view says. */
async function integrityCheck(db: Db): Promise<void> {
  await db.orm.run(sql`INSERT INTO titles_grams (titles_grams, rank) VALUES ('integrity-check', 1)`)
}

const book = (id: number, year: number, title: string, more: Partial<typeof titles.$inferInsert>) =>
  ({ id, year, title, materialType: 'book', createdAt: 0, ...more }) as const

/** Titles beside the fixture's, for what patrons type: kana readings, ASCII, digits, symbols. */
const EXTRA = [
  book(101, 2024, 'きょうの料理 2024年版', { yomi: 'キョウノリョウリ', publisher: 'NHK出版' }),
  book(102, 2019, '京都・奈良の歴史散歩', {
    yomi: 'キョウトナラノレキシサンポ',
    author: '佐藤 一郎',
    authorYomi: 'サトウ イチロウ',
    publisher: '京都書房',
  }),
  book(103, 2024, '家庭料理の基本', { yomi: 'カテイリョウリノキホン', author: '土井 善晴' }),
  book(104, 2010, 'SQLite入門 第3版', {
    yomi: 'エスキューライトニュウモン',
    author: 'D. R. Hipp',
    publisher: 'Tech Press',
    isbn: '9784798100012',
  }),
  book(105, 2015, '猫の手も借りたい', {
    yomi: 'ネコノテモカリタイ',
    author: '𠮷田 ハナ',
    authorYomi: 'ヨシダ ハナ',
    publisher: '100%出版',
  }),
  book(106, 2015, 'Ｃａｆé ノート', { yomi: 'カフェノート', author: 'ÉDITIONS' }),
  book(107, 2001, '人々の暮らしと𩸽', { yomi: 'ヒトビトノクラシトホッケ' }),
  book(108, 1999, 'C:\\temp_dir の使い方', { yomi: 'ツカイカタ', publisher: 'ｱｲ出版' }),
  book(109, 2024, 'ねこ', { yomi: 'ネコ' }),
]

/** Searches of 1, 2, 3 and 5 characters (and two terms), each compared with `likeIds`. */
const CASES = [
  ...['料', 'の', 'ネ', 'ね', 'q', 'Q', '4', '9', '%', '_', '\\', '・', '𠮷', '々', 'é', 'Ａ'],
  ...['ア', 'ー', ' ', ''],
  ...['料理', '京都', '歴史', '猫の', 'りょ', 'リョ', 'sq', 'SQ', 'ＳＱ', '97', '20', '0%', '・奈'],
  ...['𩸽', '人々', 'ca', 'fé', 'ÉD', 'éd', 'p_', 'ｱｲ', 'アイ', 'ねこ', '銀河', 'ぎん'],
  ...['鉄道の', '978', '4-1', 'きょうの', 'ギンガ', 'sql', 'Lit', '出版社', '料理の基'],
  ...['ノリョウリ', 'きょうのりょ', '97841', '奈良の歴史', 'ぎんがてつど', '9784101092058'],
  ...['料理 京都', '料理 の', '歴史 下巻', '猫 手', 'の 版'],
]
