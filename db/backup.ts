/**
 * A portable backup of bunko's data: one SQL file of INSERT statements, table by table in
 * the order references need, without schema, migrations' bookkeeping or search indexes.
 * Why: `wrangler d1 export` refuses a database with FTS5 virtual tables ("cannot export
 * databases with Virtual Tables"), and a plain SQL dump also moves a library between the
 * Node start (SQLite) and Workers (D1) in either direction. Restore runs into a database
 * that has the migrations applied and no data; the titles triggers fill both search
 * indexes as the rows go in, and a 'rebuild' at the end makes sure of it.
 */
import { type SQL, sql } from 'drizzle-orm'
import { rebuildTitleGrams } from './catalogue.ts'
import { type Db, raw, type Statement } from './client.ts'
import { compactSearchIndexes } from './search-compact.ts'

/** Tables in an order where every reference points at rows already restored. */
export const BACKUP_TABLES = [
  'places',
  'closed_dates',
  'titles',
  'copies',
  'patrons',
  'line_links',
  'staff',
] as const

const PAGE = 500
/** D1 refuses a statement over 100,000 bytes of SQL (UTF-8); leave room. */
const MAX_STATEMENT_BYTES = 90_000
const utf8 = new TextEncoder()

/** Every data table, references first: the listed ones, then the rest by name. */
export async function backupTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
      AND name NOT IN ('__drizzle_migrations', 'd1_migrations')
      AND name NOT LIKE 'titles_fts%' AND name NOT LIKE 'titles_grams%'
    ORDER BY name`)
  const names = rows.map((r) => r.name)
  const first = BACKUP_TABLES.filter((t) => names.includes(t))
  return [...first, ...names.filter((n) => !(first as string[]).includes(n))]
}

/** A SQL literal; newlines written as char(10) so each statement stays on one line. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return v ? '1' : '0'
  const s = `'${String(v).replaceAll("'", "''")}'`
  return s.replace(/\r?\n/g, "' || char(10) || '")
}

/** The backup as lines (one statement each), page by page: memory stays flat. */
export async function* dumpSql(db: Db): AsyncGenerator<string> {
  yield '-- bunko data backup: restore with `npm run restore -- <file>` into a migrated, empty database'
  for (const table of await backupTables(db)) {
    let after = Number.MIN_SAFE_INTEGER
    for (;;) {
      const rows = await db.all<Record<string, unknown>>(
        sql`SELECT rowid AS "__rowid", * FROM ${sql.identifier(table)} WHERE rowid > ${after} ORDER BY rowid LIMIT ${PAGE}`,
      )
      if (rows.length === 0) break
      const columns = Object.keys(rows[0]!).filter((c) => c !== '__rowid')
      const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
      let values: string[] = []
      let bytes = head.length
      for (const row of rows) {
        const v = `(${columns.map((c) => literal(row[c])).join(', ')})`
        const size = utf8.encode(v).length
        if (values.length > 0 && bytes + size > MAX_STATEMENT_BYTES) {
          yield `${head}${values.join(', ')};`
          values = []
          bytes = head.length
        }
        values.push(v)
        bytes += size + 2
      }
      if (values.length > 0) yield `${head}${values.join(', ')};`
      after = rows[rows.length - 1]!.__rowid as number
      if (rows.length < PAGE) break
    }
  }
}

/**
 * Runs a backup's statements into `db`, `perBatch` at a time (each batch atomic), then
 * rebuilds both search indexes. Refuses a database that already holds a library.
 */
export async function restoreSql(
  db: Db,
  lines: AsyncIterable<string>,
  perBatch = db.driver === 'd1' ? 50 : 500,
): Promise<number> {
  const [held] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM places`)
  if ((held?.n ?? 0) > 0)
    throw new Error(
      '復元先のデータベースには既に図書館のデータがあります。空のデータベースに復元してください / the database already holds a library: restore into an empty one',
    )
  let batch: Statement[] = []
  let n = 0
  const run = async () => {
    if (batch.length > 0) await db.batch(batch as [Statement, ...Statement[]])
    batch = []
  }
  for await (const line of lines) {
    const text = line.trim()
    if (!text || text.startsWith('--')) continue
    if (!/^INSERT INTO "[a-z_]+" \(/.test(text))
      throw new Error(`not a bunko backup line: ${text.slice(0, 60)}`)
    batch.push(raw(sql.raw(`${text.replace(/;$/, '')} RETURNING 1`) as SQL))
    n++
    if (batch.length >= perBatch) await run()
  }
  await run()
  await db.orm.run(sql`INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')`)
  await rebuildTitleGrams(db)
  await compactSearchIndexes(db)
  return n
}
