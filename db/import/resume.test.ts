/**
 * Interruption and resume: a run that dies mid-file (here the database refuses the third
 * batch, as a dropped connection to D1 would) leaves whole chunks and a checkpoint; the next
 * run of the same file carries on after the last committed chunk and ends with the same
 * library as an uninterrupted run. Also: every statement fits D1's limits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Db } from '../client.ts'
import { upsertCopies, upsertPatrons } from '../import-rows.ts'
import { markSeen, upsertTitles } from '../import-upsert.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { catalogueKind } from './catalogue.ts'
import { readCheckpoint } from './checkpoint.ts'
import { iso2709, record } from './marc-fixtures.ts'
import { runImport } from './run.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-resume-'))
const N = 950
const records = Array.from({ length: N }, (_, i) =>
  record([
    { tag: '001', value: `R${String(i + 1).padStart(5, '0')}` },
    { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: `資料 ${i + 1} 号` }] },
  ]),
)
const path = join(dir, 'big.mrc')
writeFileSync(path, iso2709(records))

let db: Db & { close(): void }
beforeEach(() => {
  db = openSqlite(':memory:')
  migrate(db)
})
afterEach(() => db.close())

/** The same database, but its `failAt`-th batch throws (a connection lost mid-import). */
function failing(inner: Db, failAt: number): Db {
  let n = 0
  return {
    ...inner,
    orm: inner.orm,
    driver: inner.driver,
    all: inner.all.bind(inner),
    async batch(statements) {
      if (++n === failAt) throw new Error('connection lost')
      return inner.batch(statements)
    },
  }
}
const count = async () => (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM titles`))[0]!.n

it('carries on after an interruption, with no record lost or written twice', async () => {
  await expect(runImport(failing(db, 3), catalogueKind, path, { chunk: 200 })).rejects.toThrow(
    'connection lost',
  )
  expect(await count()).toBe(400)
  expect(await readCheckpoint(db, 'catalogue')).toMatchObject({ done: 400 })
  const s = await runImport(db, catalogueKind, path, { chunk: 200 })
  expect(s).toMatchObject({ read: N, resumedAfter: 400, added: N - 400, changed: 0, rejected: 0 })
  expect(await count()).toBe(N)
  expect(await readCheckpoint(db, 'catalogue')).toBeNull()
  const [distinct] = await db.all<{ n: number }>(
    sql`SELECT count(DISTINCT source_id) AS n FROM titles`,
  )
  expect(distinct!.n).toBe(N)
})

it('a checkpoint from another file is not used: the new file starts from its beginning', async () => {
  await runImport(db, catalogueKind, path, { chunk: 200, stopAfterChunks: 1 })
  const other = join(dir, 'other.mrc')
  writeFileSync(other, iso2709(records.slice(0, 300)))
  const s = await runImport(db, catalogueKind, other, { chunk: 200 })
  expect(s).toMatchObject({ read: 300, added: 100, unchanged: 200 })
})

it('keeps every statement within D1 limits (100 bound parameters, 100 KB of SQL)', () => {
  const d1: Db = { ...db, driver: 'd1' }
  const { dialect } = d1.orm as unknown as {
    dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } }
  }
  const long = 'あ'.repeat(2000)
  const titles = Array.from({ length: 500 }, (_, i) => ({
    sourceId: `X${i}`,
    title: long,
    yomi: long,
    author: long,
    authorYomi: '',
    publisher: '',
    year: 2020,
    isbn: null,
    series: '',
    materialType: 'book' as const,
    volume: null,
    setKey: null,
  }))
  const statements = [
    ...upsertTitles(d1, titles, 1),
    ...markSeen(
      d1,
      'titles',
      'source_id',
      titles.map((t) => t.sourceId),
      1,
    ),
    ...upsertCopies(
      d1,
      titles.map((_, i) => ({
        barcode: `B${i}`,
        titleId: 1,
        libraryId: 1,
        callNumber: '',
        notForLoan: false,
        status: 'on_shelf' as const,
      })),
      1,
    ),
    ...upsertPatrons(
      d1,
      titles.map((_, i) => ({
        number: `P${i}`,
        name: 'x',
        nameYomi: '',
        phone: '',
        email: null,
        category: 'general' as const,
        expiresOn: null,
        homeLibraryId: null,
      })),
      1,
    ),
  ]
  for (const s of statements) {
    const q = dialect.sqlToQuery(s.query)
    expect(q.params.length).toBeLessThanOrEqual(100)
    expect(new TextEncoder().encode(q.sql).length).toBeLessThanOrEqual(100_000)
  }
})
