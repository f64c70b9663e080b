/**
 * `npm run import` as a library's IT person runs it: exit codes (0 all loaded, 1 some rows
 * refused, 2 the file refused and nothing changed), refusals on stderr in Japanese and
 * English, the summary table on stdout, and a mapping file that moves the reading elsewhere.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { openSqlite } from '../sqlite.ts'
import { iso2709, record } from './marc-fixtures.ts'
import { DEFAULT_MARC_MAP, marcMapWith } from './marc-map.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-cli-'))
const SLOW = 90_000
const run = (db: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'db/import/cli.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: db },
    encoding: 'utf8',
  })
const title = (id: string, t: string, extra: object[] = []) =>
  record([
    { tag: '001', value: id },
    { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: t }] },
    ...extra,
  ])

it(
  'exits 0, 1 or 2 and says why, and leaves the search indexes compacted',
  async () => {
    const db = join(dir, 'a.db')
    const good = join(dir, 'good.mrc')
    writeFileSync(good, iso2709([title('A1', '本一'), title('A2', '本二')]))
    const ok = run(db, ['catalogue', good])
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/2\s+新規 \/ added/)
    const some = join(dir, 'some.mrc')
    writeFileSync(some, iso2709([title('A3', '本三'), record([{ tag: '001', value: 'A4' }])]))
    const partly = run(db, ['catalogue', some])
    expect(partly.status).toBe(1)
    expect(partly.stderr).toContain(
      'some.mrc 2件目 (record 2) [245$a] タイトルがありません / no title',
    )
    const wrong = run(db, ['copies', good])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toContain('nothing was changed')
    expect(run(db, ['nonsense', good]).status).toBe(2)
    expect(run(db, ['catalogue', join(dir, 'missing.mrc')]).stderr).toContain('no such file')
    // Two catalogue imports, each written in its own transactions: the gram index (these
    // two-character titles give the trigram index nothing) is left compacted, one segment.
    const check = openSqlite(db)
    const [row] = await check.all<{ n: number }>(
      sql`SELECT count(DISTINCT id >> 37) AS n FROM titles_grams_data WHERE id >> 37 > 0`,
    )
    expect(Number(row?.n)).toBe(1)
    check.close()
  },
  SLOW,
)

it(
  '--map reads the reading from a local field the default table does not know',
  async () => {
    const db = join(dir, 'b.db')
    const file = join(dir, 'map.mrc')
    writeFileSync(
      file,
      iso2709([
        title('M1', '猫の本', [
          { tag: '950', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'ネコノホン' }] },
        ]),
      ]),
    )
    const map = join(dir, 'map.json')
    writeFileSync(map, JSON.stringify({ yomi: ['950$a'] }))
    const plain = run(join(dir, 'c.db'), ['catalogue', file])
    expect(plain.status, plain.stderr).toBe(0)
    const other = openSqlite(join(dir, 'c.db'))
    expect(await other.all(sql`SELECT yomi FROM titles`)).toEqual([{ yomi: '' }])
    other.close()
    const r = run(db, ['catalogue', file, '--map', map])
    expect(r.status, r.stderr).toBe(0)
    const sqlite = openSqlite(db)
    try {
      expect(await sqlite.all(sql`SELECT yomi FROM titles`)).toEqual([{ yomi: 'ネコノホン' }])
    } finally {
      sqlite.close()
    }
  },
  SLOW,
)

it('a mapping file is checked: unknown keys and sources are refused by name', () => {
  expect(marcMapWith({ yomi: ['246$a'] })).toEqual({ ...DEFAULT_MARC_MAP, yomi: ['246$a'] })
  expect(() => marcMapWith({ yomo: ['246$a'] })).toThrow('unknown key "yomo"')
  expect(() => marcMapWith({ title: ['245a'] })).toThrow('"title" must be a list of sources')
  expect(() => marcMapWith({ material: [{ leader06: 'i', type: 'tape' }] })).toThrow('"material"')
  expect(() => marcMapWith([])).toThrow('expected a JSON object')
})
