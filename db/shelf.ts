/**
 * What a patron keeps for themselves: favourites, My本棚 (reading history, only while opted
 * in, deletable one by one or all; want-to-read) and notice preferences. Reading records are
 * private: every query is scoped to the patron asking.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { type DueSoonLeadDays, isDueSoonLeadDays } from '../core/notice-reminders.ts'
import type { Db } from './client.ts'
import { isId } from './refusals.ts'
import {
  favourites,
  noticePreferences,
  patrons,
  readingHistory,
  titles,
  wantToRead,
} from './schema.ts'

type List = typeof favourites | typeof wantToRead

function listOf(table: List) {
  return {
    /** Add a title; adding twice is a no-op. False for a bad id or unknown title. */
    async add(db: Db, input: { patronId: number; titleId: number }, now: number) {
      if (!isId(input.patronId) || !isId(input.titleId)) return false
      const [rows] = await db.batch([
        db.orm
          .insert(table)
          .select(
            sql`SELECT ${input.patronId}, id, ${table === wantToRead ? sql`NULL, ` : sql``}${now}
              FROM titles WHERE id = ${input.titleId}
                AND EXISTS (SELECT 1 FROM patrons WHERE id = ${input.patronId})`,
          )
          .onConflictDoNothing()
          .returning({ titleId: table.titleId }),
      ])
      return rows.length > 0
    },
    async remove(db: Db, input: { patronId: number; titleId: number }) {
      if (!isId(input.patronId) || !isId(input.titleId)) return false
      const [rows] = await db.batch([
        db.orm
          .delete(table)
          .where(and(eq(table.patronId, input.patronId), eq(table.titleId, input.titleId)))
          .returning({ titleId: table.titleId }),
      ])
      return rows.length > 0
    },
    async list(db: Db, patronId: number) {
      if (!isId(patronId)) return []
      return db.orm
        .select({
          titleId: titles.id,
          title: titles.title,
          author: titles.author,
          materialType: titles.materialType,
          addedAt: table.createdAt,
        })
        .from(table)
        .innerJoin(titles, eq(titles.id, table.titleId))
        .where(eq(table.patronId, patronId))
        .orderBy(desc(table.createdAt), desc(titles.id))
    },
  }
}

export const favouriteList = listOf(favourites)
export const wantToReadList = listOf(wantToRead)

/** Whether the patron keeps reading history (bunko's own setting): false for an unknown id. */
export async function historyOptInOf(db: Db, patronId: number): Promise<boolean> {
  if (!isId(patronId)) return false
  const [row] = await db.orm
    .select({ optIn: patrons.historyOptIn })
    .from(patrons)
    .where(eq(patrons.id, patronId))
  return row?.optIn ?? false
}

/**
 * Turn reading history on or off. Off stops recording; what was kept stays until the patron
 * deletes it (they may want it back), and the LIFF app offers "delete all" beside the switch.
 */
export async function setHistoryOptIn(db: Db, input: { patronId: number; optIn: boolean }) {
  if (!isId(input.patronId) || typeof input.optIn !== 'boolean') return false
  const [rows] = await db.batch([
    db.orm
      .update(patrons)
      .set({ historyOptIn: input.optIn })
      .where(eq(patrons.id, input.patronId))
      .returning({ id: patrons.id }),
  ])
  return rows.length > 0
}

export async function listHistory(db: Db, input: { patronId: number; limit?: number }) {
  if (!isId(input.patronId)) return []
  return db.orm
    .select({
      id: readingHistory.id,
      titleId: titles.id,
      title: titles.title,
      author: titles.author,
      materialType: titles.materialType,
      borrowedOn: readingHistory.borrowedOn,
    })
    .from(readingHistory)
    .innerJoin(titles, eq(titles.id, readingHistory.titleId))
    .where(eq(readingHistory.patronId, input.patronId))
    .orderBy(desc(readingHistory.borrowedOn), desc(readingHistory.id))
    .limit(Math.max(1, Math.min(1000, input.limit ?? 200)))
}

/** Delete one history entry (`id`), or all of them when `id` is omitted. Returns how many. */
export async function deleteHistory(db: Db, input: { patronId: number; id?: number }) {
  if (!isId(input.patronId) || (input.id !== undefined && !isId(input.id))) return 0
  const mine = eq(readingHistory.patronId, input.patronId)
  const [rows] = await db.batch([
    db.orm
      .delete(readingHistory)
      .where(input.id === undefined ? mine : and(mine, eq(readingHistory.id, input.id)))
      .returning({ id: readingHistory.id }),
  ])
  return rows.length
}

export interface NoticePrefs {
  holdReady: boolean
  overdue: boolean
  channel: 'line' | 'email'
  /** NOTICE-DUE-SOON: 1, 2 or 3 days ahead; null = off (opt-in). */
  dueSoonDays: DueSoonLeadDays | null
  /** NOTICE-EXPIRY: told before the registration lapses. */
  expiry: boolean
}

export const DEFAULT_PREFS: NoticePrefs = {
  holdReady: true,
  overdue: true,
  channel: 'line',
  dueSoonDays: null,
  expiry: true,
}

export async function getNoticePrefs(db: Db, patronId: number): Promise<NoticePrefs> {
  if (!isId(patronId)) return DEFAULT_PREFS
  const [row] = await db.orm
    .select()
    .from(noticePreferences)
    .where(eq(noticePreferences.patronId, patronId))
  return row
    ? {
        holdReady: row.holdReady,
        overdue: row.overdue,
        channel: row.channel,
        dueSoonDays: isDueSoonLeadDays(row.dueSoonDays) ? row.dueSoonDays : null,
        expiry: row.expiry,
      }
    : DEFAULT_PREFS
}

export async function setNoticePrefs(
  db: Db,
  input: { patronId: number } & Partial<NoticePrefs>,
  now: number,
): Promise<NoticePrefs | null> {
  if (!isId(input.patronId)) return null
  const [patron] = await db.orm
    .select({ id: patrons.id })
    .from(patrons)
    .where(eq(patrons.id, input.patronId))
  if (!patron) return null
  const next = { ...(await getNoticePrefs(db, input.patronId)), ...pick(input) }
  if (!['line', 'email'].includes(next.channel)) return null
  if (next.dueSoonDays !== null && !isDueSoonLeadDays(next.dueSoonDays)) return null
  const [rows] = await db.batch([
    db.orm
      .insert(noticePreferences)
      .values({ patronId: input.patronId, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: noticePreferences.patronId, set: { ...next, updatedAt: now } })
      .returning(),
  ])
  return rows[0] ? next : null
}

function pick(p: Partial<NoticePrefs>): Partial<NoticePrefs> {
  const out: Partial<NoticePrefs> = {}
  if (typeof p.holdReady === 'boolean') out.holdReady = p.holdReady
  if (typeof p.overdue === 'boolean') out.overdue = p.overdue
  if (p.channel !== undefined) out.channel = p.channel
  if (p.dueSoonDays !== undefined) out.dueSoonDays = p.dueSoonDays
  if (typeof p.expiry === 'boolean') out.expiry = p.expiry
  return out
}

/** Whether the patron keeps the title among favourites and want-to-read (the 詳細 page's marks). */
export async function titleMarks(
  db: Db,
  input: { patronId: number; titleId: number },
): Promise<{ favourite: boolean; wanted: boolean }> {
  const { patronId, titleId } = input
  const [fav, want] = await Promise.all([
    db.orm
      .select({ id: favourites.titleId })
      .from(favourites)
      .where(and(eq(favourites.patronId, patronId), eq(favourites.titleId, titleId))),
    db.orm
      .select({ id: wantToRead.titleId })
      .from(wantToRead)
      .where(and(eq(wantToRead.patronId, patronId), eq(wantToRead.titleId, titleId))),
  ])
  return { favourite: fav.length > 0, wanted: want.length > 0 }
}
