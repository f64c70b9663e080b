import { defineConfig } from 'drizzle-kit'

/** `npx drizzle-kit generate` writes SQL migrations that both drizzle's migrator and wrangler apply. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
})
