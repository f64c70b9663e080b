/**
 * Whether a patron can be told on LINE that their hold is ready. bunko's notices go by LINE
 * alone, so a patron with no LINE link, who blocked the official account, or who turned the
 * hold-ready notice off (a patron walk: the counter said a notice was on its way) hears
 * nothing unless staff phone them: the counter says so where it would say a notice is on its way,
 * with the phone number on record (shown to staff on screen, never logged).
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { lineLinks, noticePreferences, notices, patrons } from '../../db/schema.ts'

export interface Unreachable {
  why: 'not_linked' | 'blocked' | 'notices_off'
  /** The phone on record; '' when none is. */
  phone: string
}

/** Why a notice cannot reach the patron now, or null when LINE can deliver it. */
export async function unreachable(db: Db, patronId: number): Promise<Unreachable | null> {
  return (await unreachableOf(db, [patronId])).get(patronId) ?? null
}

/** `unreachable` for many patrons in one query: those LINE cannot reach now, by patron id. */
export async function unreachableOf(
  db: Db,
  patronIds: readonly number[],
): Promise<Map<number, Unreachable>> {
  const out = new Map<number, Unreachable>()
  if (patronIds.length === 0) return out
  const rows = await db.orm
    .select({
      id: patrons.id,
      phone: patrons.phone,
      linked: lineLinks.id,
      followed: lineLinks.followed,
      holdReady: noticePreferences.holdReady,
    })
    .from(patrons)
    .leftJoin(lineLinks, eq(lineLinks.patronId, patrons.id))
    .leftJoin(noticePreferences, eq(noticePreferences.patronId, patrons.id))
    .where(inArray(patrons.id, [...new Set(patronIds)]))
  for (const row of rows) {
    const why =
      row.linked === null
        ? 'not_linked'
        : !row.followed
          ? 'blocked'
          : row.holdReady === false
            ? 'notices_off'
            : null
    if (why) out.set(row.id, { why, phone: row.phone })
  }
  return out
}

/**
 * Why each hold's pickup notice was settled undeliverable (`not_linked`, `unfollowed`,
 * `opted_out`), by hold id: the reason the dispatcher recorded on its latest such notice.
 */
export async function undeliveredWhy(db: Db, holdIds: number[]): Promise<Map<number, string>> {
  if (holdIds.length === 0) return new Map()
  const rows = await db.orm
    .select({ holdId: notices.holdId, why: notices.lastError })
    .from(notices)
    .where(
      and(
        inArray(notices.holdId, holdIds),
        eq(notices.kind, 'hold_ready'),
        eq(notices.state, 'undeliverable'),
      ),
    )
    .orderBy(notices.dueAt, notices.createdAt)
  const out = new Map<number, string>()
  for (const r of rows) if (r.holdId !== null && r.why) out.set(r.holdId, r.why)
  return out
}
