/**
 * The portable SQL backup (what D1 needs, since `wrangler d1 export` refuses FTS5 tables) and
 * the online copy of the SQLite file: the demo library dumped and restored into an empty
 * database is the same library, search indexes included; restore refuses a database that
 * holds a library and a file that is not a backup.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterEach, expect, it } from 'vitest'
import { dumpSql, restoreSql } from './backup.ts'
import { searchTitles } from './catalogue.ts'
import type { Db } from './client.ts'
import { seedDemo } from './seed/load.ts'
import { migrate, openSqlite } from './sqlite.ts'

const NOW = Date.UTC(2026, 5, 10, 3)
const dir = mkdtempSync(join(tmpdir(), 'bunko-backup-'))
const open: (Db & { close(): void })[] = []
const fresh = (path = ':memory:') => {
  const db = openSqlite(path)
  migrate(db)
  open.push(db)
  return db
}
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})
const collect = async (db: Db) => {
  const out: string[] = []
  for await (const line of dumpSql(db)) out.push(line)
  return out
}
async function* from(lines: string[]) {
  yield* lines
}

it('dumps the demo library and restores it whole, searchable, into an empty database', async () => {
  const demo = fresh()
  await seedDemo(demo, NOW)
  const dump = await collect(demo)
  expect(dump.join('\n')).not.toMatch(/titles_fts|titles_grams|__drizzle/)
  const copy = fresh()
  await restoreSql(copy, from(dump))
  expect(await collect(copy)).toEqual(dump)
  for (const q of ['京都', '猫', 'きょうと', '残響事件簿'])
    expect(
      (await searchTitles(copy, { q })).map((h) => h.id),
      q,
    ).toEqual((await searchTitles(demo, { q })).map((h) => h.id))
})

it('refuses to restore over a library, and refuses a file that is not a backup', async () => {
  const demo = fresh()
  await seedDemo(demo, NOW)
  const dump = await collect(demo)
  await expect(restoreSql(demo, from(dump))).rejects.toThrow(/already holds a library/)
  await expect(restoreSql(fresh(), from(['DROP TABLE titles;']))).rejects.toThrow(
    /not a bunko backup/,
  )
})

it('npm run backup copies a live WAL database, writes not yet checkpointed included', async () => {
  const path = join(dir, 'live.db')
  const live = fresh(path)
  await seedDemo(live, NOW)
  await live.all(sql`UPDATE titles SET title = '追記されたタイトル' WHERE id = 1 RETURNING id`)
  const out = join(dir, 'copy.db')
  execFileSync(
    join(process.cwd(), 'node_modules/.bin/tsx'),
    ['db/import/backup-cli.ts', '--out', out],
    {
      env: { ...process.env, DATABASE_PATH: path },
      stdio: 'pipe',
    },
  )
  const copy = fresh(out)
  const [row] = await copy.all<{ title: string }>(sql`SELECT title FROM titles WHERE id = 1`)
  expect(row!.title).toBe('追記されたタイトル')
  expect((await searchTitles(copy, { q: '追記された' })).map((h) => h.id)).toEqual([1])
})
