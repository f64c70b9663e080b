/** Setup for the workerd suite: apply db/migrations to the test D1 database (once; idempotent). */

import { applyD1Migrations, type D1Migration } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'

const bindings = env as unknown as { DB: D1Database; TEST_MIGRATIONS: D1Migration[] }
await applyD1Migrations(bindings.DB, bindings.TEST_MIGRATIONS)
