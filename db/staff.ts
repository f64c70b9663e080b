/**
 * Counter staff: accounts (PBKDF2 like patrons), sessions stored by the SHA-256 of their
 * cookie token, the audit log of every staff action, and the scheduler's key/value state.
 * Lockout for staff sign-in uses db/lockout.ts with the key `staff:<login>`.
 */
import { and, desc, eq, gt, lt } from 'drizzle-orm'
import type { Db } from './client.ts'
import { hashPassword, randomToken, sha256Hex, verifyPassword } from './password.ts'
import { isId, isText } from './refusals.ts'
import { auditLog, kv, staff, staffSessions } from './schema.ts'

export type StaffRow = typeof staff.$inferSelect

/** Create or replace a staff account (npm run staff:add). */
export async function upsertStaff(
  db: Db,
  input: {
    login: string
    name: string
    password: string
    role?: StaffRow['role']
    /** Kiosks only: their SIP2 institution id and the place they stand in. */
    institutionId?: string | null
    placeId?: number | null
  },
  now: number,
): Promise<StaffRow | null> {
  if (!isText(input.login, 64) || !isText(input.name, 200) || !isText(input.password, 1024))
    return null
  const passwordHash = await hashPassword(input.password)
  const role = input.role ?? 'staff'
  const binding = { institutionId: input.institutionId ?? null, placeId: input.placeId ?? null }
  const [rows] = await db.batch([
    db.orm
      .insert(staff)
      .values({
        login: input.login,
        name: input.name,
        passwordHash,
        role,
        ...binding,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: staff.login,
        set: { name: input.name, passwordHash, role, ...binding, disabled: false },
      })
      .returning(),
  ])
  return rows[0] ?? null
}

/** The staff member if login and password match and the account is enabled (same time either way). */
export async function verifyStaff(db: Db, login: string, password: string) {
  if (!isText(login, 64) || typeof password !== 'string') return null
  const [row] = await db.orm.select().from(staff).where(eq(staff.login, login))
  const ok = await verifyPassword(password, row?.passwordHash ?? null)
  return ok && row && !row.disabled ? row : null
}

/** Start a session; returns the cookie token (only its hash is stored) and its CSRF token. */
export async function createStaffSession(
  db: Db,
  input: { staffId: number; ttlMs: number },
  now: number,
) {
  if (!isId(input.staffId)) return null
  const token = randomToken(32)
  const csrfToken = randomToken(32)
  await db.batch([
    db.orm
      .insert(staffSessions)
      .values({
        id: await sha256Hex(token),
        staffId: input.staffId,
        csrfToken,
        createdAt: now,
        expiresAt: now + input.ttlMs,
      })
      .returning({ id: staffSessions.id }),
  ])
  return { token, csrfToken, expiresAt: now + input.ttlMs }
}

/** The session's staff member and CSRF token, while the session lasts. */
export async function findStaffSession(db: Db, token: string, now: number) {
  if (!isText(token, 200)) return null
  const [row] = await db.orm
    .select({ staff, csrfToken: staffSessions.csrfToken, expiresAt: staffSessions.expiresAt })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.id, await sha256Hex(token)), gt(staffSessions.expiresAt, now)))
  return row && !row.staff.disabled ? row : null
}

export async function endStaffSession(db: Db, token: string, now: number) {
  if (!isText(token, 200)) return
  await db.batch([
    db.orm
      .delete(staffSessions)
      .where(eq(staffSessions.id, await sha256Hex(token)))
      .returning({ id: staffSessions.id }),
    db.orm
      .delete(staffSessions)
      .where(lt(staffSessions.expiresAt, now))
      .returning({ id: staffSessions.id }),
  ])
}

/** Record a staff action: who, when, what, on what, before and after. */
export async function appendAudit(
  db: Db,
  input: {
    staffId: number | null
    action: string
    subject: string
    before?: unknown
    after?: unknown
  },
  now: number,
) {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))
  await db.batch([
    db.orm
      .insert(auditLog)
      .values({
        staffId: input.staffId,
        at: now,
        action: input.action,
        subject: input.subject,
        before: json(input.before),
        after: json(input.after),
      })
      .returning({ id: auditLog.id }),
  ])
}

export function listAudit(db: Db, input: { limit?: number; subject?: string } = {}) {
  const limit = Math.max(1, Math.min(500, input.limit ?? 100))
  return db.orm
    .select({ entry: auditLog, staffName: staff.name })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(input.subject ? eq(auditLog.subject, input.subject) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
}

export async function kvGet(db: Db, key: string): Promise<string | null> {
  const [row] = await db.orm.select().from(kv).where(eq(kv.key, key))
  return row?.value ?? null
}

export async function kvSet(db: Db, key: string, value: string, now: number): Promise<void> {
  await db.batch([
    db.orm
      .insert(kv)
      .values({ key, value, updatedAt: now })
      .onConflictDoUpdate({ target: kv.key, set: { value, updatedAt: now } })
      .returning({ key: kv.key }),
  ])
}

/** Set `key` to `next` only if it is still `expected` (null = absent): a scheduler's claim. */
export async function kvCompareAndSet(
  db: Db,
  key: string,
  expected: string | null,
  next: string,
  now: number,
): Promise<boolean> {
  const [rows] = await db.batch([
    expected === null
      ? db.orm
          .insert(kv)
          .values({ key, value: next, updatedAt: now })
          .onConflictDoNothing()
          .returning({ key: kv.key })
      : db.orm
          .update(kv)
          .set({ value: next, updatedAt: now })
          .where(and(eq(kv.key, key), eq(kv.value, expected)))
          .returning({ key: kv.key }),
  ])
  return rows.length > 0
}
