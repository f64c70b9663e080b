/**
 * The two workerd modules the D1 suite imports, declared narrowly so the project's tsconfig
 * (Node + DOM types) need not load the Workers globals.
 */
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>
}

declare module 'cloudflare:test' {
  import type { D1Database } from '@cloudflare/workers-types/index.ts'
  export interface D1Migration {
    name: string
    queries: string[]
  }
  export function applyD1Migrations(
    db: D1Database,
    migrations: D1Migration[],
    migrationsTableName?: string,
  ): Promise<void>
}
