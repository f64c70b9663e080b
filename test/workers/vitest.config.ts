/**
 * The db suite inside workerd against D1 (@cloudflare/vitest-pool-workers). Migrations are
 * read here, in Node, from db/migrations (the folder wrangler applies) and applied by
 * test/workers/apply-migrations.ts before the tests run.
 */
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig(async () => {
  const migrations = await readD1Migrations(here('../../db/migrations'))
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: here('./wrangler.jsonc') },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      root: here('../..'),
      include: ['test/workers/**/*.test.ts'],
      setupFiles: [here('./apply-migrations.ts')],
      testTimeout: 30_000,
    },
  }
})
