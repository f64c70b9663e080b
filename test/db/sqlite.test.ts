/** The db suite on better-sqlite3; test/workers/d1.test.ts runs the same suite on D1. */
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { withFixture } from './drivers.ts'
import { allSuites } from './suites/index.ts'

allSuites(
  withFixture(async () => {
    const db = openSqlite(':memory:')
    migrate(db)
    return db
  }),
)
