/** `npm run db:seed -- --titles N` writes a working library, and never over an existing one. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { writeLargeLibrary } from './large-write.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-seed-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('writes N titles with copies, patrons, loans and holds, searchable and with triggers back', async () => {
  const path = join(dir, 'small.db')
  const seen: number[] = []
  const n = await writeLargeLibrary(
    path,
    { titles: 1_200, now: Date.UTC(2026, 5, 1), chunk: 400 },
    (d) => seen.push(d),
  )
  expect(n.titles).toBe(1_200)
  expect(seen.at(-1)).toBe(1_200)
  const db = new Database(path, { readonly: true })
  const count = (q: string) => db.prepare(q).pluck().get() as number
  expect(count('SELECT count(*) FROM titles')).toBe(1_200)
  expect(count('SELECT count(*) FROM patrons')).toBe(n.patrons)
  expect(count('SELECT count(*) FROM copies')).toBe(n.copies)
  expect(count('SELECT count(*) FROM loans')).toBe(n.loans)
  expect(count("SELECT count(*) FROM copies WHERE status = 'on_loan'")).toBe(n.loans)
  expect(count('SELECT count(*) FROM titles_fts')).toBe(1_200)
  // The short-term index holds every title too: each is found by its title's first character.
  expect(
    count(`SELECT count(*) FROM titles t WHERE t.id IN (SELECT rowid FROM titles_grams
      WHERE titles_grams MATCH '"' || hex(lower(substr(t.title, 1, 1))) || '"')`),
  ).toBe(1_200)
  expect(
    count("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'titles'"),
  ).toBe(7)
  expect(count('PRAGMA foreign_key_check')).toBeUndefined()
  db.close()
})

it('refuses a file that already holds a library and leaves it as it was', async () => {
  const path = join(dir, 'twice.db')
  await writeLargeLibrary(path, { titles: 50, now: Date.UTC(2026, 5, 1) })
  await expect(writeLargeLibrary(path, { titles: 50, now: Date.UTC(2026, 5, 1) })).rejects.toThrow(
    /already holds/,
  )
  const db = new Database(path, { readonly: true })
  expect(db.prepare('SELECT count(*) FROM titles').pluck().get()).toBe(50)
  const triggers =
    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'titles'"
  expect(db.prepare(triggers).pluck().get()).toBe(7)
  db.close()
})

it('the CLI builds into the given file, refuses bad flags with usage, and changes nothing', () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' })
  const bad = run('--titles', 'many', '--db', join(dir, 'bad.db'))
  expect(bad.status).toBe(2)
  expect(bad.stderr).toContain('usage: npm run db:seed')
  expect(existsSync(join(dir, 'bad.db'))).toBe(false)
  const ok = run('--titles', '30', '--db', join(dir, 'cli.db'))
  expect(ok.stderr).toContain('30 titles')
  expect(ok.status).toBe(0)
  const db = new Database(join(dir, 'cli.db'), { readonly: true })
  expect(db.prepare('SELECT count(*) FROM titles').pluck().get()).toBe(30)
  db.close()
})
