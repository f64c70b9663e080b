/**
 * The Node side of db/client.ts: a `Db` over a better-sqlite3 file, and the migrator the Node
 * entry runs on start. Workers never imports this file (better-sqlite3 is a native module).
 */
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { SQL } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator'
import { assertReturning, type Db, type Orm, Raw } from './client.ts'
import * as schema from './schema.ts'
import { type CheckpointOptions, checkpointInBackground } from './sqlite-checkpoint.ts'

/** The folder both drizzle's migrator and `wrangler d1 migrations apply` read. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

type SyncRunnable = { all(): unknown }

export interface SqliteOptions {
  /**
   * Checkpoint the WAL on a worker thread instead of inside this connection's writes
   * (db/sqlite-checkpoint.ts): for the server, whose every request waits behind a write's
   * checkpoint. Ignored for `:memory:`.
   */
  backgroundCheckpoint?: boolean | CheckpointOptions
}

/**
 * Opens (or creates) a SQLite file. WAL lets readers run beside the one writer; busy_timeout
 * makes a second process wait for the lock instead of failing; foreign keys are off by default
 * in SQLite and must be switched on per connection. `:memory:` works for tests.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): Db & { close(): void } {
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const { backgroundCheckpoint: background } = options
  const stopCheckpoints =
    background && !sqlite.memory
      ? checkpointInBackground(sqlite, path, background === true ? {} : background)
      : undefined
  const orm = drizzle(sqlite, { schema })
  const { dialect } = orm as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } }
  }
  const prepared = statementCache(sqlite)
  // What drizzle's `orm.all(sql)` does, less the prepare: raw SQL has no placeholders.
  const runAll = (query: SQL) => {
    const q = dialect.sqlToQuery(query)
    return prepared(q.sql).all(...q.params)
  }
  const runBatch = sqlite.transaction((statements: readonly unknown[]) =>
    statements.map((s) => (s instanceof Raw ? runAll(s.query) : (s as SyncRunnable).all())),
  )
  return {
    orm: orm as unknown as Orm,
    driver: 'sqlite',
    async batch(statements) {
      for (const s of statements) assertReturning(s)
      return runBatch(statements) as never
    },
    async all<T>(query: SQL) {
      return runAll(query) as T[]
    },
    close: () => {
      sqlite.close()
      stopCheckpoints?.()
    },
  }
}

/**
 * Prepared statements by their SQL text, the most recently used `max` kept. Preparing a
 * statement costs more CPU than running a short one, and the webhook, the dispatcher and the
 * LIFF API run the same few statements over and over (issue 21).
 */
function statementCache(sqlite: Database.Database, max = 256) {
  const cache = new Map<string, Database.Statement>()
  return (text: string): Database.Statement => {
    let stmt = cache.get(text)
    if (stmt) cache.delete(text)
    else {
      stmt = sqlite.prepare(text)
      if (cache.size >= max) cache.delete(cache.keys().next().value as string)
    }
    cache.set(text, stmt)
    return stmt
  }
}

/** Applies every migration not yet applied (drizzle's journal in `__drizzle_migrations`). */
export function migrate(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  if (db.driver !== 'sqlite') throw new Error('migrate() is for SQLite; D1 uses wrangler')
  drizzleMigrate(db.orm as never, { migrationsFolder })
}
