/**
 * Retention (db/retention.ts) runs at every notice slot: each of its statements finds its rows
 * through an index, so a run costs what there is left to erase, not the history kept (checked
 * with EXPLAIN QUERY PLAN on better-sqlite3). The audit trail is read through the partial index
 * of entries that still name a patron, so entries already stripped are never read again, and
 * so are decided purchase requests; front mode's announcements through their created_at.
 */
import { type SQL, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import type { Db, Raw } from '../../db/client.ts'
import { eraseReadingRecords } from '../../db/retention.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { NOW } from './fixture.ts'

it('every retention statement reads by index, never a whole table', async () => {
  const db = openSqlite(':memory:')
  migrate(db)
  const plans: string[][] = []
  const explaining: Db = {
    ...db,
    async batch(statements) {
      for (const s of statements) {
        const query = (s as Raw<unknown>).query as SQL
        const rows = await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${query}`)
        plans.push(rows.map((r) => r.detail))
      }
      return db.batch(statements)
    },
  }
  await eraseReadingRecords(explaining, NOW, HIRAKATA_POLICY)
  expect(plans).toHaveLength(10)
  const steps = plans.flat()
  const tables =
    'loans|holds|notices|audit_log|reading_history|notice_announcements|purchase_requests'
  expect(steps.filter((d) => new RegExp(`\\bSCAN (${tables}|l|h|n|s|r|a|b)\\b`).test(d))).toEqual(
    [],
  )
  const used = steps.join('\n')
  for (const index of [
    'loans_returned_idx',
    'holds_ended_idx',
    'audit_log_names_patron_idx',
    'notice_announcements_created_idx',
    'purchase_requests_decided_idx',
  ])
    expect(used).toContain(index)
  // The tallies and deletes take their rows by id.
  for (const plan of plans.slice(1, 7)) expect(plan[0]).toMatch(/\((id|rowid)=\?\)$/)
})
