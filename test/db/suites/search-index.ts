/**
 * The search indexes hold live titles only (issue 21, migration 0015): a withdrawn title leaves
 * both the trigram and the gram index through the triggers, comes back when an import restores
 * it, and stays out after a 'rebuild'; so a count reads the FTS5 doclist alone. FTS5's own
 * integrity check compares each index with its content view after every step.
 */
import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { countTitles, rebuildTitleGrams, searchTitles } from '../../../db/catalogue.ts'
import { type Db, raw } from '../../../db/client.ts'
import { titles } from '../../../db/schema.ts'
import { compactSearchIndexes } from '../../../db/search-compact.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW } from '../fixture.ts'

/** Titles 401–404, all holding 「灯台守」 (trigram) and 「灯台」 (grams). */
const IDS = [401, 402, 403, 404]

export function searchIndexSuite(open: OpenDb) {
  describe('search indexes hold live titles only (issue 21)', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
      await db.batch([
        db.orm
          .insert(titles)
          .values(
            IDS.map((id) => ({
              id,
              title: `灯台守の記録 ${id}`,
              materialType: 'book' as const,
              createdAt: 0,
              // 404 arrives withdrawn (an import may write such a row).
              withdrawnAt: id === 404 ? NOW : null,
              isbn: id === 401 ? '9784101092058' : null,
              author: id === 403 ? 'トウダイ モリコ' : '',
            })),
          )
          .returning({ id: titles.id }),
      ])
    })
    const run = (q: ReturnType<typeof sql>) =>
      db.batch([raw(sql`${q} RETURNING id`)]).then(() => undefined)
    /** What each index holds for the words, read from the index alone. */
    const indexed = async () => {
      const fts = await db.all<{ id: number }>(
        sql`SELECT rowid AS id FROM titles_fts WHERE titles_fts MATCH '"灯台守"' ORDER BY rowid`,
      )
      // 灯台 as the gram index's token: the hex of its UTF-8 bytes.
      const grams = await db.all<{ id: number }>(
        sql`SELECT rowid AS id FROM titles_grams WHERE titles_grams MATCH ${`"${hex('灯台')}"`}
          ORDER BY rowid`,
      )
      return { fts: fts.map((r) => r.id), grams: grams.map((r) => r.id) }
    }
    const intact = async () => {
      await db.orm.run(sql`INSERT INTO titles_fts (titles_fts, rank) VALUES ('integrity-check', 1)`)
      await db.orm.run(
        sql`INSERT INTO titles_grams (titles_grams, rank) VALUES ('integrity-check', 1)`,
      )
    }
    const found = async (q: string) => ({
      ids: (await searchTitles(db, { q, limit: 100 })).map((t) => t.id),
      count: (await countTitles(db, { q })).count,
    })

    it('leaves a title out while it is withdrawn and takes it back when it is restored', async () => {
      expect(await indexed()).toEqual({ fts: [401, 402, 403], grams: [401, 402, 403] })
      expect(await found('灯台守')).toEqual({ ids: [403, 402, 401], count: 3 })
      expect(await found('灯台')).toEqual({ ids: [403, 402, 401], count: 3 })
      await intact()

      await run(sql`UPDATE titles SET withdrawn_at = ${NOW} WHERE id = 402`)
      expect(await indexed()).toEqual({ fts: [401, 403], grams: [401, 403] })
      expect(await found('灯台守')).toEqual({ ids: [403, 401], count: 2 })
      expect(await found('灯台')).toEqual({ ids: [403, 401], count: 2 })
      await intact()

      // Renamed while withdrawn: still out; restored: found under its new title only.
      await run(sql`UPDATE titles SET title = '灯台守の日誌' WHERE id = 402`)
      expect(await indexed()).toEqual({ fts: [401, 403], grams: [401, 403] })
      await run(sql`UPDATE titles SET withdrawn_at = NULL WHERE id IN (402, 404)`)
      expect(await indexed()).toEqual({ fts: [401, 402, 403, 404], grams: [401, 402, 403, 404] })
      expect((await found('日誌')).ids).toEqual([402])
      expect((await found('灯台守の日')).ids).toEqual([402])
      expect(await found('灯台守の記')).toEqual({ ids: [404, 403, 401], count: 3 })
      await intact()
    })

    it('deletes a withdrawn title without touching the indexes, a live one from both', async () => {
      await run(sql`DELETE FROM titles WHERE id IN (403, 404)`)
      expect(await indexed()).toEqual({ fts: [401, 402], grams: [401, 402] })
      await intact()
    })

    it('long and short terms together: the whole long term is checked, the ISBN still found', async () => {
      // 灯台守の記録 holds 灯台 … の記 … 記録: the first and last pairs of 灯台の記録 but not the
      // term itself, so the pair prefilter alone would find it.
      expect(await found('灯台の記録 守')).toEqual({ ids: [], count: 0 })
      expect(await found('灯台守の記録 40')).toEqual({ ids: [403, 402, 401], count: 3 })
      // Hiragana finds the katakana author through the gram index too.
      expect(await found('とうだい モリ')).toEqual({ ids: [403], count: 1 })
      expect(await found('とうだいもり 記')).toEqual({ ids: [], count: 0 })
      expect(await found('とうだい もりこ 灯')).toEqual({ ids: [403], count: 1 })
      // Only the trigram index holds the ISBN: a digits term with a short term still finds it.
      expect(await found('9784101 灯台')).toEqual({ ids: [401], count: 1 })
      expect(await found('978-4-10-109205-8 記録')).toEqual({ ids: [401], count: 1 })
    })

    it('a rebuild of either index leaves withdrawn titles out', async () => {
      await run(sql`UPDATE titles SET withdrawn_at = ${NOW} WHERE id = 401`)
      await db.orm.run(sql`INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')`)
      await rebuildTitleGrams(db)
      expect(await indexed()).toEqual({ fts: [402, 403], grams: [402, 403] })
      expect(await found('灯台')).toEqual({ ids: [403, 402], count: 2 })
      await intact()
    })

    /** How many FTS5 segments an index is split into (its %_data rowids carry the segment id). */
    const segments = async (index: 'titles_fts' | 'titles_grams') => {
      const [row] = await db.all<{ n: number }>(
        sql`SELECT count(DISTINCT id >> 37) AS n FROM ${sql.identifier(`${index}_data`)}
          WHERE id >> 37 > 0`,
      )
      return Number(row?.n)
    }

    it('compacting merges each index into one segment and every search finds the same', async () => {
      // Two more transactions through the triggers: a rename and a new title, a segment each.
      await run(sql`UPDATE titles SET title = '灯台守の日誌 402' WHERE id = 402`)
      await db.batch([
        db.orm
          .insert(titles)
          .values({ id: 405, title: '灯台のある町', materialType: 'book', createdAt: 0 })
          .returning({ id: titles.id }),
      ])
      expect(await segments('titles_fts')).toBeGreaterThan(1)
      expect(await segments('titles_grams')).toBeGreaterThan(1)
      const queries = [
        '灯台守',
        '灯台',
        '日誌',
        '灯',
        '9784101092058',
        'とうだい モリ',
        'のある町 灯',
      ]
      const before = await Promise.all(queries.map(found))
      expect(before.map((f) => f.count)).toEqual([3, 4, 1, 4, 2, 1, 1])

      await compactSearchIndexes(db)
      expect(await segments('titles_fts')).toBe(1)
      expect(await segments('titles_grams')).toBe(1)
      expect(await Promise.all(queries.map(found))).toEqual(before)
      expect(await indexed()).toEqual({ fts: [401, 402, 403], grams: [401, 402, 403, 405] })
      await intact()
    })
  })
}

const hex = (s: string) =>
  Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('')
