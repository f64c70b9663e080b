/**
 * Issue 21: a catalogue search reads at most `cap` matches from an FTS5 index in the index's
 * own (rowid) order, and never scans `titles` or sorts every match. Every query searchTitles
 * and countTitles make is run through EXPLAIN QUERY PLAN on better-sqlite3.
 */
import { type SQL, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { countTitles, searchTitles } from '../../db/catalogue.ts'
import type { Db } from '../../db/client.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

function explaining(db: Db, plans: string[][]): Db {
  return {
    ...db,
    async all<T>(query: SQL) {
      const rows = await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${query}`)
      plans.push(rows.map((r) => r.detail))
      return db.all<T>(query)
    },
  }
}

describe('catalogue search query plans', () => {
  for (const q of ['の', '料理', 'ひらかた', 'Python', '京都 の歴史', '料理 の'])
    it(`reads a bounded run of an FTS5 index («${q}»)`, async () => {
      const db = openSqlite(':memory:')
      migrate(db)
      const search: string[][] = []
      const count: string[][] = []
      await searchTitles(explaining(db, search), { q, audiobooksLast: true })
      await countTitles(explaining(db, count), { q })
      const [ranked, counted] = [search[0]!, count[0]!]
      for (const plan of [ranked, counted]) {
        expect(plan.join('\n')).toMatch(/SCAN m VIRTUAL TABLE INDEX/)
        // titles is only ever looked up by id, never scanned.
        expect(plan.filter((d) => /\bSCAN (t|titles)\b/.test(d))).toEqual([])
      }
      // The only sort is the page's ranking of the (at most 1,000) candidates; counting sorts nothing.
      expect(ranked.filter((d) => d.includes('TEMP B-TREE'))).toEqual([
        'USE TEMP B-TREE FOR ORDER BY',
      ])
      expect(counted.filter((d) => d.includes('TEMP B-TREE'))).toEqual([])
    })
})
