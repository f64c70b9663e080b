/**
 * A hono-rate-limiter store kept in the database, so every Node process and every Workers
 * isolate counts one client together (D1 or SQLite alike). Each hit is one UPSERT that
 * starts a new window when the old one is over: two racing hits can never both read a
 * stale count. Windows over for a while are pruned as new ones start.
 */
import { sql } from 'drizzle-orm'
import type { ClientRateLimitInfo, Store } from 'hono-rate-limiter'
import { type Db, raw } from './client.ts'

export class DbRateLimitStore implements Store {
  windowMs = 60_000
  readonly localKeys = false

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    /** Keeps limiters that share the table apart ("link", "api"…). */
    private readonly scope: string,
  ) {}

  init(options: { windowMs: number }): void {
    this.windowMs = options.windowMs
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.db.all<{ hits: number; resetAt: number }>(
      sql`SELECT hits, reset_at AS resetAt FROM rate_limits WHERE key = ${this.key(key)}`,
    )
    if (!row || row.resetAt <= this.now()) return undefined
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) }
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now()
    const end = now + this.windowMs
    const [rows] = await this.db.batch([
      raw<{ hits: number; resetAt: number }>(sql`INSERT INTO rate_limits (key, hits, reset_at)
        VALUES (${this.key(key)}, 1, ${end})
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN reset_at <= ${now} THEN 1 ELSE hits + 1 END,
          reset_at = CASE WHEN reset_at <= ${now} THEN ${end} ELSE reset_at END
        RETURNING hits, reset_at AS resetAt`),
    ])
    const row = rows[0]!
    if (row.hits === 1 && Math.random() < 0.01) await this.prune(now)
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) }
  }

  async decrement(key: string): Promise<void> {
    await this.db.batch([
      raw<{ hits: number }>(sql`UPDATE rate_limits SET hits = max(0, hits - 1)
        WHERE key = ${this.key(key)} RETURNING hits`),
    ])
  }

  async resetKey(key: string): Promise<void> {
    await this.db.batch([
      raw<{ key: string }>(sql`DELETE FROM rate_limits WHERE key = ${this.key(key)} RETURNING key`),
    ])
  }

  private key(key: string): string {
    return `${this.scope}:${key.slice(0, 128)}`
  }

  private async prune(now: number): Promise<void> {
    await this.db.batch([
      raw<{ key: string }>(sql`DELETE FROM rate_limits WHERE reset_at <= ${now - 3_600_000}
        RETURNING key`),
    ])
  }
}
