/**
 * Fast bulk writing into a SQLite file for the large benchmark library (Node only). Rows are
 * shaped by tables.ts against the drizzle schema; this file only turns them into prepared
 * multi-row INSERTs, one transaction per chunk. The catalogue's FTS triggers are set aside
 * while loading and the index is rebuilt once at the end, which is several times faster than
 * indexing title by title; the triggers are put back exactly as the migration wrote them.
 */
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { getTableColumns } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { getTableConfig } from 'drizzle-orm/sqlite-core'
import { migrate, openSqlite } from '../sqlite.ts'

const ROWS_PER_STATEMENT = 200

export class BulkWriter {
  private readonly sqlite: Database.Database
  private readonly statements = new Map<string, Database.Statement>()
  private readonly triggers: string[]

  /** Opens `path` for loading; refuses, before changing anything, a file that holds a library. */
  constructor(path: string) {
    if (holdsLibrary(path)) throw new Error(`${path} already holds a library; choose a new file`)
    const db = openSqlite(path)
    migrate(db)
    db.close()
    this.sqlite = new Database(path)
    this.sqlite.pragma('journal_mode = OFF')
    this.sqlite.pragma('foreign_keys = OFF')
    this.sqlite.pragma('synchronous = OFF')
    this.sqlite.pragma('cache_size = -65536')
    this.sqlite.pragma('temp_store = MEMORY')
    this.triggers = this.sqlite
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'titles'`)
      .pluck()
      .all() as string[]
    this.sqlite.exec(
      this.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'titles'`)
        .pluck()
        .all()
        .map((name) => `DROP TRIGGER "${name}";`)
        .join('\n'),
    )
  }

  /** Writes each table's rows (in the order given) in one transaction. */
  write(parts: [SQLiteTable, Record<string, unknown>[]][]): void {
    this.sqlite.transaction(() => {
      for (const [table, rows] of parts) this.insert(table, rows)
    })()
  }

  private insert(table: SQLiteTable, rows: Record<string, unknown>[]): void {
    if (rows.length === 0) return
    const name = getTableConfig(table).name
    const columns = getTableColumns(table)
    const keys = Object.keys(rows[0]!)
    const sqlNames = keys.map((k) => {
      const c = columns[k]
      if (!c) throw new Error(`bulk: ${name} has no column ${k}`)
      return `"${c.name}"`
    })
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
      const values: unknown[] = []
      for (const row of chunk)
        for (const k of keys) {
          const v = row[k]
          values.push(typeof v === 'boolean' ? Number(v) : (v ?? null))
        }
      this.statement(name, sqlNames, chunk.length).run(values)
    }
  }

  private statement(table: string, columns: string[], rows: number): Database.Statement {
    const key = `${table}:${columns.join(',')}:${rows}`
    let s = this.statements.get(key)
    if (!s) {
      const one = `(${columns.map(() => '?').join(',')})`
      const sql = `INSERT INTO "${table}" (${columns.join(',')}) VALUES ${Array(rows).fill(one).join(',')}`
      s = this.sqlite.prepare(sql)
      this.statements.set(key, s)
    }
    return s
  }

  /** Rebuilds the search index, puts the triggers back, and leaves the file ready to serve. */
  finish(): void {
    this.sqlite.exec(`INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')`)
    for (const sql of this.triggers) this.sqlite.exec(sql)
    this.sqlite.pragma('journal_mode = WAL')
    this.sqlite.pragma('synchronous = NORMAL')
    this.sqlite.close()
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close()
  }
}

function holdsLibrary(path: string): boolean {
  if (!existsSync(path)) return false
  const db = new Database(path, { readonly: true })
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'places'`).get()
    return table !== undefined && db.prepare('SELECT count(*) FROM places').pluck().get() !== 0
  } finally {
    db.close()
  }
}
