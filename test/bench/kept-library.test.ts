/**
 * The kept bench library (test/bench/kept-library.ts): built once with its search indexes
 * compacted, and a file kept from before compaction is compacted once on reuse, finding the
 * same titles. A small library (200 titles) built for real by the bench's own generator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { countTitles, searchTitles } from '../../db/catalogue.ts'
import { openSqlite } from '../../db/sqlite.ts'
import { keptLibrary } from './kept-library.ts'
import { LATIN_EVERY } from './search.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-kept-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Segments per index, and what a few searches find. */
async function look(path: string) {
  const db = openSqlite(path)
  try {
    const segments = async (table: string) => {
      const [row] = await db.all<{ n: number }>(
        sql`SELECT count(DISTINCT id >> 37) AS n FROM ${sql.identifier(table)} WHERE id >> 37 > 0`,
      )
      return Number(row?.n)
    }
    const found = []
    for (const q of ['の', 'python', 'ex', '図書'])
      found.push({
        ids: (await searchTitles(db, { q, limit: 100 })).map((t) => t.id),
        count: await countTitles(db, { q }),
      })
    return {
      fts: await segments('titles_fts_data'),
      grams: await segments('titles_grams_data'),
      found,
    }
  } finally {
    db.close()
  }
}

describe('kept bench library', () => {
  it('is built with both search indexes in one segment, and an older kept file is compacted once', async () => {
    const now = Date.UTC(2026, 11, 1)
    const built = await keptLibrary(dir, 200, now)
    expect(built.reused).toBe(false)
    const fresh = await look(built.path)
    expect(fresh).toMatchObject({ fts: 1, grams: 1 })
    expect(fresh.found[1]!.count.count).toBeGreaterThan(0)

    // A file kept before compaction: its sidecar says nothing, and its indexes hold segments
    // written through the triggers after the load.
    const meta = `${built.path}.json`
    const { compacted, ...older } = JSON.parse(readFileSync(meta, 'utf8'))
    expect(compacted).toBe(true)
    writeFileSync(meta, JSON.stringify(older))
    const db = openSqlite(built.path)
    for (const id of [1, 2, 3])
      await db.orm.run(sql`UPDATE titles SET title = title || ' ' WHERE id = ${id}`)
    db.close()
    expect((await look(built.path)).fts).toBeGreaterThan(1)

    const reused = await keptLibrary(dir, 200, now + 1)
    expect(reused).toMatchObject({ reused: true, now })
    const after = await look(built.path)
    expect(after).toMatchObject({ fts: 1, grams: 1 })
    expect(after.found).toEqual(fresh.found)
    expect(JSON.parse(readFileSync(meta, 'utf8')).compacted).toBe(true)
  })
  it('is built again when its Latin words were added at another rate (one title in a hundred, before 2026-12-05)', async () => {
    const now = Date.UTC(2026, 11, 1)
    const first = await keptLibrary(dir, 100, now)
    const meta = `${first.path}.json`
    expect(JSON.parse(readFileSync(meta, 'utf8')).latinEvery).toBe(LATIN_EVERY)
    const { latinEvery, ...older } = JSON.parse(readFileSync(meta, 'utf8'))
    writeFileSync(meta, JSON.stringify(older))
    const again = await keptLibrary(dir, 100, now + 1)
    expect(again).toMatchObject({ reused: false, now: now + 1 })
    expect(JSON.parse(readFileSync(meta, 'utf8')).latinEvery).toBe(latinEvery)
    expect(await keptLibrary(dir, 100, now + 2)).toMatchObject({ reused: true, now: now + 1 })
  })
})
