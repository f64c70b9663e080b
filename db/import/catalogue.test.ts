/**
 * Catalogue import from MARC21 into a migrated SQLite database: hand-written Japanese
 * records written with the MARC serializer (ISO 2709 and MARCXML), imported, read back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { searchTitles } from '../catalogue.ts'
import type { Db } from '../client.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { catalogueKind } from './catalogue.ts'
import { iso2709, JAPANESE_RECORDS, leader, marcxml, record } from './marc-fixtures.ts'
import type { Rejection } from './rejections.ts'
import { runImport } from './run.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-import-'))
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, name)
  writeFileSync(p, body)
  return p
}
let db: Db & { close(): void }
let rejected: Rejection[]
const onRejection = (r: Rejection) => rejected.push(r)
const titles = () =>
  db.all<Record<string, unknown>>(sql`SELECT source_id, title, yomi, author, author_yomi, publisher,
    year, isbn, series, material_type, set_id, volume, withdrawn_at FROM titles ORDER BY source_id`)

beforeEach(() => {
  db = openSqlite(':memory:')
  migrate(db)
  rejected = []
})
afterEach(() => db.close())

describe.each([
  ['ISO 2709', 'books.mrc', () => iso2709(JAPANESE_RECORDS)],
  ['MARCXML', 'books.xml', () => marcxml(JAPANESE_RECORDS)],
])('%s', (_name, name, body) => {
  it('imports every record with readings, set volumes and material types', async () => {
    const s = await runImport(db, catalogueKind, file(name, body()), { onRejection, now: 1000 })
    expect(rejected).toEqual([])
    expect(s).toMatchObject({ read: 7, added: 7, changed: 0, rejected: 0 })
    const rows = await titles()
    expect(rows[0]).toMatchObject({
      source_id: 'JP0001',
      title: '吾輩は猫である',
      yomi: 'ワガハイ ワ ネコ デ アル',
      author: '夏目, 漱石',
      author_yomi: 'ナツメ, ソウセキ',
      publisher: '新潮社',
      year: 2019,
      isbn: '9784101010014',
      series: '新潮文庫',
      material_type: 'book',
      set_id: null,
    })
    const [jou, ge] = [rows[1]!, rows[2]!]
    expect(jou).toMatchObject({ title: '白い鐘 上', yomi: 'シロイカネ', volume: 1 })
    expect(ge).toMatchObject({ title: '白い鐘 下', volume: 3 })
    expect(jou.set_id).not.toBeNull()
    expect(ge.set_id).toBe(jou.set_id)
    expect(rows.slice(3).map((r) => r.material_type)).toEqual(['cd', 'audiobook', 'dvd', 'manga'])
  })
})

it('a kana search finds the kanji title through its reading', async () => {
  await runImport(db, catalogueKind, file('yomi.mrc', iso2709(JAPANESE_RECORDS)), { now: 1000 })
  const hits = await searchTitles(db, { q: 'わがはい' })
  expect(hits.map((h) => h.title)).toEqual(['吾輩は猫である'])
  expect((await searchTitles(db, { q: '鐘' })).map((h) => h.title).sort()).toEqual([
    '白い鐘 上',
    '白い鐘 下',
  ])
})

it('refuses a record with a bad leader, one without an id and one without a title, and loads the rest', async () => {
  // The serializer always writes a good leader, so the bad one is typed over its output.
  const good = iso2709([JAPANESE_RECORDS[1]!])
  const badLeader = `${good.slice(0, 20)}9999${good.slice(24)}`
  const body = [
    iso2709([JAPANESE_RECORDS[0]!]),
    badLeader,
    iso2709([
      record([{ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: '無番' }] }]),
      record([{ tag: '001', value: 'NOTITLE' }]),
      JAPANESE_RECORDS[3]!,
    ]),
  ].join('')
  const s = await runImport(db, catalogueKind, file('bad.mrc', body), { onRejection })
  expect(s).toMatchObject({ read: 5, added: 2, rejected: 3 })
  expect(rejected.map((r) => [r.file, r.at, r.field])).toEqual([
    ['bad.mrc', 2, 'leader'],
    ['bad.mrc', 3, '001'],
    ['bad.mrc', 4, '245$a'],
  ])
  expect(rejected[0]!.ja).toContain('リーダー')
  expect(rejected[0]!.en).toContain('leader')
})

it('refuses a record cut off at the end of the file', async () => {
  const whole = iso2709(JAPANESE_RECORDS.slice(0, 2))
  const s = await runImport(db, catalogueKind, file('cut.mrc', whole.slice(0, -20)), {
    onRejection,
  })
  expect(s).toMatchObject({ read: 2, added: 1, rejected: 1 })
  expect(rejected[0]).toMatchObject({ at: 2, field: 'record' })
})

it('refuses at once a file that is not MARC, and one not in UTF-8, changing nothing', async () => {
  await expect(runImport(db, catalogueKind, file('x.mrc', 'hello,world\n'))).rejects.toThrow(
    /expected ISO 2709/,
  )
  const sjis = Buffer.concat([
    Buffer.from('00100nam a2200049 i 4500'),
    Buffer.from([0x94, 0x92, 0x82, 0xa2, 0x8b]),
  ])
  await expect(runImport(db, catalogueKind, file('sjis.mrc', sjis))).rejects.toThrow(/not UTF-8/)
  expect(await titles()).toEqual([])
})

it('--dry-run reads and checks everything and writes nothing', async () => {
  const s = await runImport(db, catalogueKind, file('dry.mrc', iso2709(JAPANESE_RECORDS)), {
    dryRun: true,
  })
  expect(s).toMatchObject({ read: 7, rejected: 0, dryRun: true })
  expect(await titles()).toEqual([])
})

it('leader positions pick the material type: a serial is a magazine', async () => {
  const mag = record(
    [
      { tag: '001', value: 'M1' },
      { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: '月刊ほん' }] },
    ],
    leader('a', 's'),
  )
  await runImport(db, catalogueKind, file('mag.xml', marcxml([mag])))
  expect((await titles())[0]).toMatchObject({ material_type: 'magazine' })
})
