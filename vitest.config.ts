import { defineConfig } from 'vitest/config'

/** The Node suite: unit tests beside their code and cross-folder tests under test/. */
export default defineConfig({
  test: {
    include: ['{core,db,bot,liff,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'test/workers/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
