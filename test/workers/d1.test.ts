/**
 * The db suite inside workerd, on D1: the same suites test/db/sqlite.test.ts runs on
 * better-sqlite3. Each test starts from an emptied database with the fixture loaded.
 */

import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import { openD1 } from '../../db/client.ts'
import { withFixture } from '../db/drivers.ts'
import { emptyDb } from '../db/fixture.ts'
import { allSuites } from '../db/suites/index.ts'

const binding = (env as { DB: D1Database }).DB

allSuites(
  withFixture(async () => {
    const db = openD1(binding)
    await emptyDb(db)
    return db
  }),
)
