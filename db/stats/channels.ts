/**
 * Renewals, holds placed and cancels by channel, and the LINE account's links, unlinks and
 * blocks, counted from the audit trail per Japan day (issue 20). The index
 * `audit_log_action_idx` (action, at, channel, staff_id) answers these without the table;
 * `staff` is a handful of rows. Channel: 'line' entries are the patron's own (LINE chat or
 * LIFF); a staff entry is the kiosk's when that staff row's role is 'kiosk', else the counter's.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { CHANNEL_ACTIONS, LINK_ACTIONS } from '../line-audit.ts'
import { dateOfDayNumber, inList, jstDayNumber, type Range } from './sql.ts'

export type Channel = 'line' | 'counter' | 'kiosk'
export type ChannelAction = (typeof CHANNEL_ACTIONS)[keyof typeof CHANNEL_ACTIONS]
export type LinkAction = (typeof LINK_ACTIONS)[keyof typeof LINK_ACTIONS]

export interface ChannelDay {
  day: string
  action: ChannelAction
  channel: Channel
  n: number
}

export async function channelDays(db: Db, r: Range): Promise<ChannelDay[]> {
  const rows = await db.all<Omit<ChannelDay, 'day'> & { d: number }>(sql`SELECT
      ${jstDayNumber(sql`a.at`)} AS d, a.action AS action,
      CASE WHEN a.channel = 'line' THEN 'line'
           WHEN s.role = 'kiosk' THEN 'kiosk'
           ELSE 'counter' END AS channel,
      count(*) AS n
    FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
    WHERE a.action IN (${inList(Object.values(CHANNEL_ACTIONS))})
      AND a.at >= ${r.from} AND a.at < ${r.to}
    GROUP BY d, a.action, channel
    ORDER BY d, a.action, channel`)
  return rows.map(({ d, ...r }) => ({ day: dateOfDayNumber(d), ...r }))
}

export interface LinkDay {
  day: string
  action: LinkAction
  n: number
}

export async function linkDays(db: Db, r: Range): Promise<LinkDay[]> {
  const rows = await db.all<Omit<LinkDay, 'day'> & { d: number }>(sql`SELECT
      ${jstDayNumber(sql`at`)} AS d, action, count(*) AS n
    FROM audit_log
    WHERE action IN (${inList(Object.values(LINK_ACTIONS))}) AND at >= ${r.from} AND at < ${r.to}
    GROUP BY d, action
    ORDER BY d, action`)
  return rows.map(({ d, ...r }) => ({ day: dateOfDayNumber(d), ...r }))
}

export interface LinkTotals {
  /** LINE accounts linked to a patron now. */
  linked: number
  /** Of those, how many blocked the account (unfollowed): notices cannot reach them. */
  blocked: number
  /** Links and unlinks recorded from `since` on, to count the total back in time. */
  linksSince: number
  unlinksSince: number
}

/** Today's totals, and what changed since `since`, so a period's running total can be drawn. */
export async function linkTotals(db: Db, since: number): Promise<LinkTotals> {
  const [counts] = await db.all<{ linked: number; blocked: number }>(sql`SELECT
      (SELECT count(*) FROM line_links) AS linked,
      (SELECT count(*) FROM line_links WHERE followed = 0) AS blocked`)
  const changes = await db.all<{ action: string; n: number }>(sql`SELECT action, count(*) AS n
    FROM audit_log
    WHERE action IN (${LINK_ACTIONS.link}, ${LINK_ACTIONS.unlink}) AND at >= ${since}
    GROUP BY action`)
  const n = (a: string) => changes.find((c) => c.action === a)?.n ?? 0
  return {
    linked: counts?.linked ?? 0,
    blocked: counts?.blocked ?? 0,
    linksSince: n(LINK_ACTIONS.link),
    unlinksSince: n(LINK_ACTIONS.unlink),
  }
}
