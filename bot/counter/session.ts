/**
 * Counter sessions. The cookie holds a random 256-bit token; the database keeps only its
 * SHA-256 (staff_sessions.id), so a copy of the database cannot be replayed as a cookie.
 * A session ends after IDLE_MS without use, and in any case MAX_MS after sign-in (one
 * working day), or at sign-out. Each session has its own CSRF token, which every form posts.
 *
 * Times here are wall-clock: moving the demo clock a week ahead must not sign staff out.
 */
import { and, eq, gt, lt, or, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../../db/client.ts'
import { constantTimeEqual, randomToken, sha256Hex } from '../../db/password.ts'
import { staff, staffSessions } from '../../db/schema.ts'
import { type Staff, toStaff } from './staff.ts'

export const SESSION_COOKIE = 'bunko_counter'
export const COUNTER_PATH = '/counter'
export const IDLE_MS = 8 * 60 * 60 * 1000
export const MAX_MS = 12 * 60 * 60 * 1000
/** A session's expiry is pushed forward at most once a minute, not on every scan. */
const TOUCH_EVERY_MS = 60 * 1000

export interface Session {
  id: string
  staff: Staff
  csrf: string
  createdAt: number
  /** The last POST's outcome, waiting for its GET (flash.ts), as stored; null when none. */
  flash: string | null
}

/** Start a session for `staffId`; returns the cookie token (shown to no one else). */
export async function createSession(db: Db, staffId: number, now: number): Promise<string> {
  const token = randomToken(32)
  await db.batch([
    db.orm
      .insert(staffSessions)
      .values({
        id: await sha256Hex(token),
        staffId,
        csrfToken: randomToken(32),
        createdAt: now,
        expiresAt: now + IDLE_MS,
      })
      .returning({ id: staffSessions.id }),
    // Housekeeping while we are here: sessions nobody can use any more.
    db.orm
      .delete(staffSessions)
      .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.createdAt, now - MAX_MS)))
      .returning({ id: staffSessions.id }),
  ])
  return token
}

/**
 * Housekeeping (the notice slot's, bot/notices/run-slot.ts): sessions nobody can use any more,
 * and outcomes (flash.ts) left by a POST whose redirect was never followed (a tab closed,
 * the network gone) once older than `flashBefore`: they may name a patron, and would otherwise
 * wait for that staff member's next page. One batch.
 */
export async function pruneSessions(db: Db, now: number, flashBefore: number): Promise<void> {
  await db.batch([
    db.orm
      .delete(staffSessions)
      .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.createdAt, now - MAX_MS)))
      .returning({ id: staffSessions.id }),
    db.orm
      .update(staffSessions)
      .set({ flash: null })
      .where(sql`${staffSessions.flash} IS NOT NULL AND CASE WHEN json_valid(${staffSessions.flash})
        THEN coalesce(json_extract(${staffSessions.flash}, '$.at'), 0) ELSE 0 END < ${flashBefore}`)
      .returning({ id: staffSessions.id }),
  ])
}

/** The live session behind a cookie token, its idle expiry pushed forward; null if none. */
export async function findSession(db: Db, token: string, now: number): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const id = await sha256Hex(token)
  const rows = await db.orm
    .select({ s: staffSessions, staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.id, id),
        gt(staffSessions.expiresAt, now),
        gt(staffSessions.createdAt, now - MAX_MS),
        eq(staff.disabled, false),
      ),
    )
  const row = rows[0]
  if (!row) return null
  if (row.s.expiresAt - now < IDLE_MS - TOUCH_EVERY_MS)
    await db.batch([
      db.orm
        .update(staffSessions)
        .set({ expiresAt: sql`max(${staffSessions.expiresAt}, ${now + IDLE_MS})` })
        .where(eq(staffSessions.id, id))
        .returning({ id: staffSessions.id }),
    ])
  return {
    id,
    staff: toStaff(row.staff),
    csrf: row.s.csrfToken,
    createdAt: row.s.createdAt,
    flash: row.s.flash,
  }
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.batch([
    db.orm
      .delete(staffSessions)
      .where(eq(staffSessions.id, id))
      .returning({ id: staffSessions.id }),
  ])
}

/** Whether cookies must be Secure: the request came over https, or the public URL is https. */
export function isSecure(c: Context, publicUrl: string): boolean {
  return new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:')
}

export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    path: COUNTER_PATH,
    maxAge: MAX_MS / 1000,
  })
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: COUNTER_PATH, secure })
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

/** The posted CSRF field equals the session's token (compared in constant time). */
export function csrfMatches(session: Session, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false
  const enc = new TextEncoder()
  return constantTimeEqual(enc.encode(session.csrf), enc.encode(submitted))
}
