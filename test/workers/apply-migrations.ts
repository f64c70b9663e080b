/** Setup for the workerd suite: apply db/migrations to every test D1 database (idempotent). */

import { applyD1Migrations, type D1Migration } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'

export const TEST_DATABASES = [
  'DB',
  'W_WEBHOOK',
  'W_LINK',
  'W_CRON',
  'W_FANOUT',
  'W_STATS',
  'W_IMPORT',
  'W_COUNTER',
] as const

const bindings = env as unknown as Record<string, D1Database> & { TEST_MIGRATIONS: D1Migration[] }
for (const name of TEST_DATABASES)
  await applyD1Migrations(bindings[name]!, bindings.TEST_MIGRATIONS)
