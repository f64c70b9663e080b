/**
 * One database handle for both drivers. Operations build drizzle queries on `db.orm` and
 * change data only through `db.batch`, which is D1's `batch` (one implicit transaction) on
 * Workers and one synchronous transaction on better-sqlite3. There are no interactive
 * transactions anywhere: D1 has none, so every rule that must survive a race is re-checked
 * in the statements' own WHERE clauses, and racing requests are serialised by the database.
 *
 * This file must stay importable on Workers: the better-sqlite3 opener is in db/sqlite.ts.
 */
import { is, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { type AnyD1Database, type DrizzleD1Database, drizzle } from 'drizzle-orm/d1'
import {
  type BaseSQLiteDatabase,
  SQLiteDeleteBase,
  SQLiteInsertBase,
  SQLiteUpdateBase,
} from 'drizzle-orm/sqlite-core'
import * as schema from './schema.ts'

/** The drizzle database, typed so that queries built on it run on either driver. */
export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>

/** A raw SQL statement for `batch`, returning rows of `T` (use `RETURNING` for writes). */
export class Raw<T> {
  declare readonly _row: T
  constructor(readonly query: SQL) {}
}

/** A raw statement whose rows are `T`. Column names are the SQL ones: alias them in the query. */
export function raw<T>(query: SQL): Raw<T> {
  return new Raw<T>(query)
}

/** Anything `batch` runs: a drizzle select, a write with `.returning()`, or a `raw` statement. */
export type Statement = BatchItem<'sqlite'> | Raw<unknown>

export type BatchResults<T extends readonly Statement[]> = {
  [K in keyof T]: T[K] extends Raw<infer R>
    ? R[]
    : T[K] extends BatchItem<'sqlite'>
      ? T[K]['_']['result']
      : never
}

export interface Db {
  readonly orm: Orm
  readonly driver: 'sqlite' | 'd1'
  /** Runs the statements in order, atomically: all take effect or, on an error, none. */
  batch<T extends readonly [Statement, ...Statement[]]>(statements: T): Promise<BatchResults<T>>
  /** Runs one raw statement and returns its rows. */
  all<T>(query: SQL): Promise<T[]>
}

/**
 * Writes in a batch must say what they changed with `.returning()`, so the caller reads the
 * same shape (rows) from both drivers and can tell a guarded write that matched nothing.
 */
export function assertReturning(statement: Statement): void {
  if (statement instanceof Raw) return
  const isWrite =
    is(statement, SQLiteInsertBase) ||
    is(statement, SQLiteUpdateBase) ||
    is(statement, SQLiteDeleteBase)
  if (isWrite && !(statement as unknown as { config: { returning?: unknown } }).config.returning)
    throw new Error('db.batch: a write must use .returning() so both drivers report the same rows')
}

interface D1Like {
  prepare(sql: string): { bind(...params: unknown[]): unknown }
  batch(statements: unknown[]): Promise<{ results?: unknown[] }[]>
}
interface Prepared {
  getQuery(): { sql: string; params: unknown[] }
  mapResult(result: unknown, isFromBatch?: boolean): unknown
}

/**
 * A `Db` over a Cloudflare D1 binding. `batch` talks to D1's own `batch` (one implicit
 * transaction): drizzle's D1 batch cannot bind parameters of raw SQL statements, so each
 * statement is rendered here and its rows mapped back the way drizzle maps them.
 */
export function openD1(binding: AnyD1Database): Db {
  const orm = drizzle(binding, { schema })
  const d1 = binding as unknown as D1Like
  const { dialect } = orm as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } }
  }
  const render = (query: SQL) => dialect.sqlToQuery(query)
  return {
    orm: orm as unknown as Orm,
    driver: 'd1',
    async batch(statements) {
      const mappers: ((r: { results?: unknown[] }) => unknown)[] = []
      const prepared = statements.map((s) => {
        assertReturning(s)
        if (s instanceof Raw) {
          const q = render(s.query)
          mappers.push((r) => r.results ?? [])
          return d1.prepare(q.sql).bind(...q.params)
        }
        const p = (s as unknown as { _prepare(): Prepared })._prepare()
        const q = p.getQuery()
        mappers.push((r) => p.mapResult(r, true))
        return d1.prepare(q.sql).bind(...q.params)
      })
      const results = await d1.batch(prepared)
      return results.map((r, i) => mappers[i]!(r)) as never
    },
    async all<T>(query: SQL) {
      return (await orm.all(query)) as T[]
    },
  }
}

export type { DrizzleD1Database }
