/**
 * The returns this staff member scanned today (Japan time), newest first, read back from the
 * audit trail: a result on the screen is gone at the next scan, and a returns clerk putting
 * thirty books away needs to see which one went to the hold shelf or the van. One line each,
 * from what the trail recorded (the copy's state after the return), never who had it.
 */
import { sql } from 'drizzle-orm'
import { jstDate, jstInstant } from '../../core/index.ts'
import type { Counter } from './context.ts'

export interface RecentReturn {
  at: number
  refused: boolean
  barcode: string
  title: string
  /** After the return: the hold it was set aside for (ready or in transit), or null. */
  holdState: string | null
  pickupName: string | null
  /** Where it travels (回送), or null. */
  transitName: string | null
  /** A refusal's code. */
  reason: string | null
  /** False when the copy was not on loan (a second scan, a shelf copy): no return happened. */
  wasOnLoan: boolean
}

/** How many lines the desk shows. */
const SHOWN = 20

export async function recentReturns(k: Counter, staffId: number): Promise<RecentReturn[]> {
  const since = jstInstant(jstDate(k.now()))
  const rows = await k.db.all<RecentReturn>(sql`
    SELECT a.at, a.action = 'checkin.refused' AS refused,
      coalesce(c.barcode,
        CASE WHEN a.subject LIKE 'barcode:%' THEN substr(a.subject, 9) ELSE '' END) AS barcode,
      coalesce(t.title, '') AS title,
      json_extract(a.after, '$.holdState') AS holdState, pp.name AS pickupName,
      tp.name AS transitName, json_extract(a.after, '$.reason') AS reason,
      coalesce(json_extract(a.after, '$.wasOnLoan'), 1) AS wasOnLoan
    FROM audit_log a
    LEFT JOIN copies c ON a.subject LIKE 'copy:%'
      AND c.id = CAST(substr(a.subject, 6) AS INTEGER)
    LEFT JOIN titles t ON t.id = c.title_id
    LEFT JOIN places pp ON pp.id = json_extract(a.after, '$.pickupPlaceId')
    LEFT JOIN places tp ON tp.id = json_extract(a.after, '$.transitToId')
    WHERE a.action IN ('checkin', 'checkin.refused') AND a.at >= ${since}
      AND a.staff_id = ${staffId}
    ORDER BY a.at DESC, a.id DESC LIMIT ${SHOWN}`)
  return rows.map((r) => ({ ...r, refused: Boolean(r.refused), wasOnLoan: Boolean(r.wasOnLoan) }))
}
