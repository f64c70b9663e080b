/**
 * Export writes the forms import reads: a library loaded from CSV, exported, imported into
 * an empty database and exported again gives the same files, byte for byte (UTF-8 and
 * Shift_JIS). The demo library exports and imports too (its titles get `bunko-<id>` ids).
 */
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { afterEach, expect, it } from 'vitest'
import type { Db } from '../client.ts'
import { EXPORTS } from '../import-export.ts'
import { seedDemo } from '../seed/load.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { calendarKind } from './calendar.ts'
import { catalogueKind } from './catalogue.ts'
import { copiesKind } from './copies.ts'
import { CATALOGUE, COPIES, PATRONS, PLACES } from './csv-fixtures.ts'
import type { Encoding } from './csv-read.ts'
import { writeCsv } from './csv-write.ts'
import type { Kind } from './kind.ts'
import { patronsKind } from './patrons.ts'
import { placesKind } from './places.ts'
import { runImport } from './run.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-export-'))
const ORDER: [string, Kind<never>][] = [
  ['places', placesKind as Kind<never>],
  ['calendar', calendarKind as Kind<never>],
  ['catalogue', catalogueKind as Kind<never>],
  ['copies', copiesKind as Kind<never>],
  ['patrons', patronsKind as Kind<never>],
]
const open: (Db & { close(): void })[] = []
const fresh = () => {
  const db = openSqlite(':memory:')
  migrate(db)
  open.push(db)
  return db
}
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

async function exportAll(db: Db, tag: string, encoding: Encoding): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const [name] of ORDER) {
    const path = join(dir, `${tag}-${name}.csv`)
    await writeCsv(db, EXPORTS[name]!, createWriteStream(path), encoding)
    files[name] = path
  }
  return files
}
async function importAll(db: Db, files: Record<string, string>, encoding: Encoding) {
  for (const [name, kind] of ORDER) {
    const s = await runImport(db, kind, files[name]!, { encoding })
    expect(s.rejected, name).toBe(0)
  }
}

it.each(['utf-8', 'shift_jis'] as const)(
  'round-trips a library through export and import (%s)',
  async (encoding) => {
    const first = fresh()
    const src = (name: string, lines: string[]) => {
      const p = join(dir, `src-${name}.csv`)
      writeFileSync(p, `${lines.join('\n')}\n`)
      return p
    }
    await importAll(
      first,
      {
        places: src('places', PLACES),
        calendar: src('calendar', ['place,date,note', 'central,2026-06-25,館内整理日']),
        catalogue: src('catalogue', CATALOGUE),
        copies: src('copies', COPIES),
        patrons: src('patrons', PATRONS),
      },
      'utf-8',
    )
    const a = await exportAll(first, `a-${encoding}`, encoding)
    const second = fresh()
    await importAll(second, a, encoding)
    const b = await exportAll(second, `b-${encoding}`, encoding)
    for (const [name] of ORDER) expect(readFileSync(b[name]!), name).toEqual(readFileSync(a[name]!))
    const text = (name: string) =>
      encoding === 'utf-8'
        ? readFileSync(a[name]!, 'utf8')
        : iconv.decode(readFileSync(a[name]!), 'Shift_JIS')
    expect(text('catalogue')).toContain('T2,白い鐘,シロイカネ,上,')
    expect(text('places')).toContain('tue 09:30-19:00')
    expect(text('patrons')).not.toMatch(/pbkdf2/)
  },
)

it('exports the demo library, which imports into an empty database whole', async () => {
  const demo = fresh()
  await seedDemo(demo, Date.UTC(2026, 5, 10, 3))
  const files = await exportAll(demo, 'demo', 'utf-8')
  const copy = fresh()
  await importAll(copy, files, 'utf-8')
  const count = (db: Db, t: string) =>
    db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${t}`))
  for (const t of ['places', 'titles', 'copies', 'patrons'])
    expect(await count(copy, t), t).toEqual(await count(demo, t))
})
