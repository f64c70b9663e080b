/**
 * The workerd modules the Workers suite imports, declared narrowly so the project's tsconfig
 * (Node + DOM types) need not load the Workers globals.
 */
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>
}

declare module 'cloudflare:test' {
  import type { D1Database } from '@cloudflare/workers-types/index.ts'
  import type { ExecutionContext } from 'hono'
  export interface D1Migration {
    name: string
    queries: string[]
  }
  export function applyD1Migrations(
    db: D1Database,
    migrations: D1Migration[],
    migrationsTableName?: string,
  ): Promise<void>
  export function createExecutionContext(): ExecutionContext
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>
  export function createScheduledController(options?: {
    scheduledTime?: Date | number
    cron?: string
  }): { scheduledTime: number; cron: string; noRetry(): void }
}
