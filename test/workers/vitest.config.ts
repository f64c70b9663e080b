/**
 * The Workers suite. Project `workerd`: the db suite on D1 and the Worker itself (webhook,
 * link flow, cron, queue fan-out) inside workerd (@cloudflare/vitest-pool-workers).
 * Migrations are read here, in Node, from db/migrations (the folder wrangler applies) and
 * applied by test/workers/apply-migrations.ts before the tests run. Project `bundle`: in
 * Node, the Worker bundled by wrangler, checked for Node-only modules.
 */
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig(async () => {
  const migrations = await readD1Migrations(here('../../db/migrations'))
  return {
    test: {
      root: here('../..'),
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: here('./wrangler.jsonc') },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: 'workerd',
            root: here('../..'),
            include: ['test/workers/**/*.test.ts'],
            exclude: ['test/workers/**/*.node.test.ts'],
            setupFiles: [here('./apply-migrations.ts')],
            globalSetup: [here('./sip2-server.setup.ts')],
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: 'bundle',
            root: here('../..'),
            environment: 'node',
            include: ['test/workers/**/*.node.test.ts'],
            testTimeout: 120_000,
          },
        },
      ],
    },
  }
})
