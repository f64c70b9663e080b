/**
 * Queries prepared once per database instead of built on every call. Building a drizzle
 * select (its SQL text, its selection) costs several times what running a short indexed
 * lookup costs, and the webhook runs the same lookups for every event (issue 21). A drizzle
 * `.prepare()`d query keeps better-sqlite3's native statement, and D1's prepared statement,
 * and takes its arguments through `sql.placeholder`, so it runs on both drivers.
 */
import type { Db, Orm } from './client.ts'

/** `build(db.orm)`, made once for each `Db` and kept as long as that `Db` is. */
export function preparedOnce<T>(build: (orm: Orm) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>()
  return (db) => {
    let query = made.get(db)
    if (query === undefined) {
      query = build(db.orm)
      made.set(db, query)
    }
    return query
  }
}
