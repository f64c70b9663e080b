/**
 * Loads the demo library into an empty database through drizzle, in one `db.batch`: on
 * better-sqlite3 that is one transaction, on D1 one implicit transaction, so a failed seed
 * leaves the database as empty as it found it. Rows go in as multi-row INSERTs sized to the
 * driver's limit on bound parameters (D1 allows 100 per statement).
 */
import { getTableColumns, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { jstDate } from '../../core/dates.ts'
import type { Db, Statement } from '../client.ts'
import { hashPassword } from '../password.ts'
import * as schema from '../schema.ts'
import { buildDemo, type DemoOptions } from './demo.ts'
import type { Library } from './rows.ts'
import * as v from './tables.ts'

const MAX_PARAMS = { sqlite: 32_000, d1: 100 }
const MAX_ROWS = 500

/** Multi-row INSERTs of `rows` into `table`, as many rows per statement as the driver allows. */
export function inserts(db: Db, table: SQLiteTable, rows: Record<string, unknown>[]): Statement[] {
  if (rows.length === 0) return []
  // drizzle binds a parameter for every column with a default too, not just the keys given.
  const columns = Object.keys(getTableColumns(table)).length
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS[db.driver] / columns)))
  const out: Statement[] = []
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    // Batched writes must say what they changed; one constant column per row is enough.
    out.push(
      db.orm
        .insert(table)
        .values(chunk as never)
        .returning({ ok: sql`1` }) as Statement,
    )
  }
  return out
}

/** The statements that write a whole library (places first, so every reference resolves). */
export async function libraryStatements(db: Db, lib: Library, now: number): Promise<Statement[]> {
  const today = jstDate(now)
  const hashes = await Promise.all(
    lib.patrons.map((p) => (p.password === null ? null : hashPassword(p.password))),
  )
  const loansById = new Map(lib.loans.map((l) => [l.id, l]))
  const personal = (kind: string) => lib.personal.filter((r) => r.kind === kind)
  return [
    ...inserts(db, schema.places, lib.places.map(v.placeValues)),
    ...inserts(
      db,
      schema.closedDates,
      lib.places.flatMap((p) => v.closedDateValues(p, today)),
    ),
    ...inserts(
      db,
      schema.titles,
      lib.titles.map((t) => v.titleValues(t, now)),
    ),
    ...inserts(db, schema.copies, lib.copies.map(v.copyValues)),
    ...inserts(
      db,
      schema.patrons,
      lib.patrons.map((p, i) => v.patronValues(p, hashes[i] ?? null)),
    ),
    ...inserts(db, schema.loans, lib.loans.map(v.loanValues)),
    ...inserts(db, schema.holds, lib.holds.map(v.holdValues)),
    ...inserts(db, schema.favourites, personal('favourite').map(v.favouriteValues)),
    ...inserts(
      db,
      schema.readingHistory,
      personal('history').map((r) => v.historyValues(r, loansById.get(r.loanId!)!.loanDate)),
    ),
    ...inserts(db, schema.wantToRead, personal('want').map(v.wantValues)),
  ]
}

/**
 * Seeds the demo library if the database has no places yet; returns whether it did. `now`
 * anchors every date, so the demo cases (due soon, 5 days overdue, 70 days overdue…) hold
 * on whatever day it runs.
 */
export async function seedDemo(
  db: Db,
  now: number,
  options: Omit<DemoOptions, 'now'> = {},
): Promise<boolean> {
  const [existing] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM places`)
  if ((existing?.n ?? 0) > 0) return false
  const statements = await libraryStatements(db, buildDemo({ ...options, now }), now)
  await db.batch(statements as [Statement, ...Statement[]])
  return true
}
