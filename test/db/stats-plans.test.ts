/**
 * Issue 20: the statistics read indexes, never whole tables. Every query statsReport makes is
 * run through EXPLAIN QUERY PLAN on better-sqlite3: the big tables (audit_log, notices, holds)
 * are searched by an index range, never scanned. Counting the linked LINE accounts walks
 * line_links' smallest covering index (one entry per linked patron), which is allowed.
 */
import { type SQL, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { statsPeriod } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { statsReport } from '../../db/stats/report.ts'
import { NOW } from './fixture.ts'

function explaining(db: Db, plans: string[][]): Db {
  return {
    ...db,
    async all<T>(query: SQL) {
      const rows = await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${query}`)
      plans.push(rows.map((r) => r.detail))
      return db.all<T>(query)
    },
  }
}

describe('statistics query plans', () => {
  for (const kind of ['7d', 'fy'] as const)
    it(`read only by index (${kind})`, async () => {
      const db = openSqlite(':memory:')
      migrate(db)
      const plans: string[][] = []
      await statsReport(explaining(db, plans), statsPeriod(kind, NOW), NOW)
      expect(plans.length).toBeGreaterThanOrEqual(8)
      const steps = plans.flat()
      const scans = steps.filter((d) => /\bSCAN (audit_log|notices|holds|h|n|a)\b/.test(d))
      expect(scans).toEqual([])
      const linkScans = steps.filter((d) => /\bSCAN line_links\b/.test(d))
      for (const d of linkScans) expect(d).toMatch(/USING COVERING INDEX/)
      // The indexes this issue added are the ones used.
      const used = steps.join('\n')
      for (const index of ['audit_log_action_idx', 'notices_stats_idx', 'holds_ended_idx'])
        expect(used).toContain(index)
    })
})
