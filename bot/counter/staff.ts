/**
 * Staff accounts for the counter. Passwords are hashed like patrons' (PBKDF2-SHA256,
 * db/password.ts). Sign-in follows ACC-SECRET as the patron pages do: guesses are counted in
 * login_attempts under `staff:<login>`, a locked login is refused before any password work,
 * and an unknown login, a disabled account and a wrong password get the same answer after
 * the same work, so the page never tells which logins exist.
 */
import { eq } from 'drizzle-orm'
import { allow, type Decision, type Policy, refuse } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { beginAttempt, UNKNOWN_GUESSER } from '../../db/lockout.ts'
import { hashPassword, verifyPassword } from '../../db/password.ts'
import { staff } from '../../db/schema.ts'

export type StaffRow = typeof staff.$inferSelect

/** What a signed-in staff member is, as pages and the audit log need it. */
export interface Staff {
  id: number
  login: string
  name: string
  role: StaffRow['role']
}

/** Logins are short ASCII names, compared case-insensitively (stored lower-case). */
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,31}$/
/** Staff passwords guard every patron's records: longer than the patrons' minimum. */
export const STAFF_PASSWORD_MIN = 12
const PASSWORD_MAX = 256

export function normalizeLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase()
}

export const attemptKey = (login: string) => `staff:${normalizeLogin(login)}`

export type StaffProblem = 'invalid_login' | 'invalid_name' | 'weak_password' | 'exists'

/** Why an account could not be created, in the staff's language. */
export const STAFF_PROBLEMS: Record<StaffProblem, string> = {
  invalid_login:
    'ログインIDは半角英小文字・数字・「.」「_」「-」で2〜32文字、英数字で始めてください。',
  invalid_name: '氏名を入力してください（100文字まで）。',
  weak_password: `パスワードは${STAFF_PASSWORD_MIN}文字以上（${PASSWORD_MAX}文字まで）にしてください。`,
  exists: 'このログインIDはすでに使われています。別のIDにするか、--reset で再設定してください。',
}

export interface NewStaff {
  login: string
  name: string
  password: string
}

/** The first problem with a new account's fields, or null. */
export function staffProblem(input: NewStaff): StaffProblem | null {
  if (!LOGIN.test(normalizeLogin(input.login))) return 'invalid_login'
  const name = input.name.trim()
  if (name.length === 0 || name.length > 100) return 'invalid_name'
  if (input.password.length < STAFF_PASSWORD_MIN || input.password.length > PASSWORD_MAX)
    return 'weak_password'
  return null
}

/**
 * Create a staff account, or with `reset` replace the name and password of an existing one
 * (the way back in for a colleague who forgot theirs). One statement either way.
 */
export async function addStaff(
  db: Db,
  input: NewStaff,
  now: number,
  opts: { reset?: boolean } = {},
): Promise<Decision<{ staff: Staff; created: boolean }, StaffProblem>> {
  const problem = staffProblem(input)
  if (problem) return refuse(problem, { ja: STAFF_PROBLEMS[problem], en: problem })
  const login = normalizeLogin(input.login)
  const values = {
    login,
    name: input.name.trim(),
    passwordHash: await hashPassword(input.password),
    createdAt: now,
  }
  const existing = await findStaff(db, login)
  if (existing && !opts.reset)
    return refuse('exists', { ja: STAFF_PROBLEMS.exists, en: 'login exists' })
  const write = existing
    ? db.orm
        .update(staff)
        .set({ name: values.name, passwordHash: values.passwordHash, disabled: false })
        .where(eq(staff.login, login))
        .returning()
    : db.orm.insert(staff).values(values).onConflictDoNothing().returning()
  const [rows] = await db.batch([write])
  const row = rows[0]
  if (!row) return refuse('exists', { ja: STAFF_PROBLEMS.exists, en: 'login exists' })
  return allow({ staff: toStaff(row), created: !existing })
}

export async function findStaff(db: Db, login: string): Promise<StaffRow | null> {
  const rows = await db.orm
    .select()
    .from(staff)
    .where(eq(staff.login, normalizeLogin(login)))
  return rows[0] ?? null
}

export function toStaff(row: StaffRow): Staff {
  return { id: row.id, login: row.login, name: row.name, role: row.role }
}

export type StaffSignInReason = 'locked' | 'wrong_credentials' | 'invalid_input'

const WRONG = 'ログインIDまたはパスワードが違います。入力内容をご確認ください。'

/** The staff sign-in refusals, said plainly (the lock says for how long). */
export function staffSignInMessage(reason: StaffSignInReason, policy: Policy): string {
  switch (reason) {
    case 'locked':
      return `ログインの失敗が続いたため、安全のためこのログインIDを一時的にロックしています。${policy.lockout.lockMinutes}分ほど待ってから、もう一度お試しください。お急ぎの場合は管理者に連絡してください。`
    case 'wrong_credentials':
      return WRONG
    case 'invalid_input':
      return 'ログインIDとパスワードを入力してください。'
  }
}

/**
 * ACC-SECRET for staff. `now` is wall-clock time (the demo clock's jumps must not lift or
 * extend a lock).
 */
export async function signInStaff(
  db: Db,
  input: { login: string; password: string; address?: string },
  now: number,
  policy: Policy,
): Promise<Decision<Staff, StaffSignInReason>> {
  const login = normalizeLogin(input.login)
  const refusal = (reason: StaffSignInReason) =>
    refuse(reason, { ja: staffSignInMessage(reason, policy), en: reason })
  if (!login || login.length > 64 || !input.password || input.password.length > PASSWORD_MAX)
    return refusal('invalid_input')
  const guesser = input.address ? { address: input.address } : UNKNOWN_GUESSER
  const attempt = await beginAttempt(db, attemptKey(login), now, policy, guesser)
  if (!attempt.ok) return refusal('locked')
  const row = await findStaff(db, login)
  const usable = row && !row.disabled ? row : null
  const ok = await verifyPassword(input.password, usable?.passwordHash ?? null)
  await attempt.value.settle(ok)
  if (!usable || !ok) return refusal('wrong_credentials')
  return allow(toStaff(usable))
}
