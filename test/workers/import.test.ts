/**
 * The import on D1 inside workerd: MARC records written with the serializer and parsed back
 * here, mapped and written in D1-sized chunks by the same runner the CLI uses; interrupted
 * and resumed; re-imported without change; withdrawn by a full export. And the portable
 * backup D1 needs (wrangler d1 export refuses FTS5 tables): dumped and restored on D1.
 */

import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import { MarcRecord } from '@natlibfi/marc-record'
import { ISO2709 } from '@natlibfi/marc-record-serializers'
import { sql } from 'drizzle-orm'
import { beforeEach, expect, it } from 'vitest'
import { dumpSql, restoreSql } from '../../db/backup.ts'
import { searchTitles } from '../../db/catalogue.ts'
import { type Db, openD1 } from '../../db/client.ts'
import { type CatalogueRow, catalogueWriter } from '../../db/import/catalogue-write.ts'
import { readCheckpoint } from '../../db/import/checkpoint.ts'
import type { Item } from '../../db/import/kind.ts'
import { DEFAULT_MARC_MAP } from '../../db/import/marc-map.ts'
import { titleFromMarc } from '../../db/import/marc-title.ts'
import { runItems } from '../../db/import/run-items.ts'
import { syncFromUrl } from '../../db/import/sync.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { emptyDb } from '../db/fixture.ts'

const db: Db = openD1((env as { W_IMPORT: D1Database }).W_IMPORT)

const marc = (n: number, volume?: string) =>
  ISO2709.to(
    new MarcRecord(
      {
        leader: '00000nam a2200000 i 4500',
        fields: [
          { tag: '001', value: `W${n}` },
          {
            tag: '245',
            ind1: '0',
            ind2: '0',
            subfields: [
              { code: 'a', value: volume ? '白い鐘' : `本の題 ${n}` },
              ...(volume ? [{ code: 'n', value: volume }] : []),
            ],
          },
          {
            tag: '880',
            ind1: '0',
            ind2: '0',
            subfields: [
              { code: '6', value: '245-01' },
              { code: 'a', value: 'ホンノダイ' },
            ],
          },
        ],
      },
      { subfieldValues: false },
    ),
  )

/** The records of an ISO 2709 string, parsed and mapped as the CLI does from a file. */
async function* items(file: string, fail?: number): AsyncGenerator<Item<CatalogueRow>> {
  let n = 0
  for (const raw of file.split('\x1D').filter(Boolean)) {
    n++
    if (n === fail) throw new Error('connection lost')
    const mapped = titleFromMarc(ISO2709.from(raw, { subfieldValues: false }), DEFAULT_MARC_MAP)
    yield mapped.ok ? { at: n, value: mapped.value } : { at: n, refusal: mapped.refusal }
  }
}

const N = 450
const all =
  Array.from({ length: N }, (_, i) => marc(i + 1)).join('') + marc(N + 1, '上') + marc(N + 2, '下')
const file = { name: 'books.mrc', fingerprint: 'f1', unit: 'record' as const }
const count = async () => (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM titles`))[0]!.n

beforeEach(() => emptyDb(db))

it('loads MARC records into D1 in chunks, sets linked, searchable', async () => {
  const s = await runItems(db, catalogueWriter, items(all), file, { now: 1 })
  expect(s).toMatchObject({ read: N + 2, added: N + 2, rejected: 0 })
  const sets = await db.all<{ set_id: number; volume: number }>(
    sql`SELECT set_id, volume FROM titles WHERE set_key IS NOT NULL ORDER BY volume`,
  )
  expect(sets.map((r) => r.volume)).toEqual([1, 3])
  expect(sets[0]!.set_id).toBe(sets[1]!.set_id)
  const hits = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM titles_fts WHERE titles_fts MATCH '"ホンノダイ"'`,
  )
  expect(hits[0]!.n).toBe(N + 2)
})

it('resumes an interrupted run on D1 and ends with every record once', async () => {
  await expect(runItems(db, catalogueWriter, items(all, 430), file, { now: 1 })).rejects.toThrow(
    'connection lost',
  )
  expect(await count()).toBe(400)
  expect(await readCheckpoint(db, 'catalogue')).toMatchObject({ done: 400 })
  const s = await runItems(db, catalogueWriter, items(all), file, { now: 2 })
  expect(s).toMatchObject({ resumedAfter: 400, added: N + 2 - 400 })
  expect(await count()).toBe(N + 2)
  const [d] = await db.all<{ n: number }>(sql`SELECT count(DISTINCT source_id) AS n FROM titles`)
  expect(d!.n).toBe(N + 2)
  expect(await readCheckpoint(db, 'catalogue')).toBeNull()
})

it('a re-run changes nothing; a shorter full export withdraws the rest', async () => {
  await runItems(db, catalogueWriter, items(all), file, { now: 1 })
  const again = await runItems(
    db,
    catalogueWriter,
    items(all),
    { ...file, fingerprint: 'f2' },
    { now: 2 },
  )
  expect(again).toMatchObject({ added: 0, changed: 0, unchanged: N + 2, withdrawn: 0 })
  const fewer = Array.from({ length: 100 }, (_, i) => marc(i + 1)).join('')
  const s = await runItems(
    db,
    catalogueWriter,
    items(fewer),
    { ...file, fingerprint: 'f3' },
    { now: 3 },
  )
  expect(s).toMatchObject({ withdrawn: N + 2 - 100 })
  expect(await count()).toBe(N + 2)
})

it('backs D1 up as SQL despite its FTS5 tables and restores it, searchable', async () => {
  await seedDemo(db, Date.UTC(2026, 5, 10, 3))
  const dump: string[] = []
  for await (const line of dumpSql(db)) dump.push(line)
  const before = (await searchTitles(db, { q: '京都' })).map((h) => h.id)
  await emptyDb(db)
  await db.orm.run(sql`INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')`)
  expect(await searchTitles(db, { q: '京都' })).toEqual([])
  await restoreSql(
    db,
    (async function* () {
      yield* dump
    })(),
  )
  const again: string[] = []
  for await (const line of dumpSql(db)) again.push(line)
  expect(again).toEqual(dump)
  expect((await searchTitles(db, { q: '京都' })).map((h) => h.id)).toEqual(before)
})

it('the nightly sync runs in the Worker: an HTTP body of MARC records streamed into D1', async () => {
  const served: string[] = []
  const fetchDelta = (async (input: RequestInfo | URL) => {
    served.push(String(input))
    return new Response(new TextEncoder().encode(all), { headers: { etag: '"n1"' } })
  }) as typeof fetch
  const r = await syncFromUrl(db, 'https://opac.example.jp/delta.mrc', {
    fetch: fetchDelta,
    now: 5,
  })
  expect(r).toMatchObject({ status: 'imported', summary: { added: N + 2, withdrawn: 0 } })
  expect(served).toEqual(['https://opac.example.jp/delta.mrc'])
  expect(await count()).toBe(N + 2)
})
