/**
 * What the benchmark measures, each through the db layer's own operation on a real SQLite
 * file: list loans, list holds, place a hold, check in (search: test/bench/search.ts). Subjects are drawn at random
 * from the library (SQLite's random(), so each run differs a little; medians are robust).
 */
import { type SQL, sql } from 'drizzle-orm'
import { CHARTS } from '../../bot/counter/stats/charts.ts'
import { statsPeriod } from '../../core/index.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { checkIn } from '../../db/circulation.ts'
import type { Db } from '../../db/client.ts'
import { listHolds, placeHolds } from '../../db/holds.ts'
import { listLoans } from '../../db/loans.ts'
import { statsReport } from '../../db/stats/report.ts'
import { type Summary, timeEach } from './stats.ts'

export const OPERATIONS = [
  'list loans',
  'list holds',
  'place a hold',
  'check in',
  'statistics, 30 days',
  'statistics, fiscal year',
  'statistics page, fiscal year (with charts)',
] as const
export type Operation = (typeof OPERATIONS)[number]

const policy = HIRAKATA_POLICY

/** Statistics pages per kind: staff open them a few times a day. */
const STATS_RUNS = 20
const WARM = 2

async function ids(db: Db, query: SQL): Promise<number[]> {
  return (await db.all<{ id: number }>(query)).map((r) => r.id)
}

/** Runs every operation `n` times (plus warm-up) against `db`, at instant `now`. */
export async function measure(db: Db, n: number, now: number): Promise<Record<Operation, Summary>> {
  const k = n + 20
  const borrowers = await ids(
    db,
    sql`SELECT patron_id AS id FROM loans WHERE returned_at IS NULL
        GROUP BY patron_id ORDER BY random() LIMIT ${k}`,
  )
  const holders = await ids(
    db,
    sql`SELECT patron_id AS id FROM holds WHERE state = 'waiting'
        GROUP BY patron_id ORDER BY random() LIMIT ${k}`,
  )
  const patrons = await ids(db, sql`SELECT id FROM patrons ORDER BY random() LIMIT ${k}`)
  const titles = await ids(
    db,
    sql`SELECT id FROM titles WHERE not_for_loan = 0 AND material_type <> 'audiobook'
        ORDER BY random() LIMIT ${k}`,
  )
  // Half the returns fill a waiting hold (the busy path), half go back to the shelf.
  const barcodes = (withHold: boolean) =>
    db.all<{ barcode: string }>(sql`SELECT c.barcode FROM copies c WHERE c.status = 'on_loan'
      AND ${withHold ? sql`` : sql`NOT`} EXISTS (SELECT 1 FROM holds h
        WHERE h.title_id = c.title_id AND h.state = 'waiting')
      ORDER BY random() LIMIT ${Math.ceil(k / 2)}`)
  const [busy, quiet] = [await barcodes(true), await barcodes(false)]
  const returns = busy.flatMap((b, i) => [b.barcode, quiet[i]?.barcode ?? b.barcode]).slice(0, k)

  return {
    'list loans': await timeEach(borrowers, async (patronId) => {
      const r = await listLoans(db, { patronId }, now, policy)
      return r.ok && r.value.length > 0
    }),
    'list holds': await timeEach(holders, async (patronId) => {
      const r = await listHolds(db, { patronId }, now, policy)
      return r.ok && r.value.length > 0
    }),
    'place a hold': await timeEach(
      patrons.map((patronId, i) => ({ patronId, titleId: titles[i % titles.length]! })),
      async ({ patronId, titleId }) => {
        const r = await placeHolds(
          db,
          { patronId, titleIds: [titleId], pickupPlaceId: 1 },
          now,
          policy,
        )
        return r.ok
      },
    ),
    'check in': await timeEach(returns, async (barcode) => {
      const r = await checkIn(db, { barcode, placeId: 1 }, now, policy)
      return r.ok && r.value.returnedLoanId !== null
    }),
    ...(await measureStats(db, now)),
  }
}

/** The statistics page's queries (issue 20) over the year of activity in test/bench/activity.ts. */
async function measureStats(db: Db, now: number) {
  const runs = Array.from({ length: STATS_RUNS + WARM }, (_, i) => i)
  const report = (kind: '30d' | 'fy') => statsReport(db, statsPeriod(kind, now), now)
  return {
    'statistics, 30 days': await timeEach(runs, async () => (await report('30d')).linked > 0, WARM),
    'statistics, fiscal year': await timeEach(
      runs,
      async () => (await report('fy')).linked > 0,
      WARM,
    ),
    'statistics page, fiscal year (with charts)': await timeEach(
      runs,
      async () => {
        const r = await report('fy')
        return CHARTS.map((c) => c.draw(r)).every((svg) => svg.includes('<svg'))
      },
      WARM,
    ),
  }
}
