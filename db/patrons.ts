/**
 * Patron accounts: find, sign in (ACC-SECRET lockout, ACC-PASSWORD, ACC-BLOCK-OVERDUE,
 * ACC-EXPIRED, ACC-ELIGIBLE), register or reset a web password (ACC-RESET), change it, change
 * e-mail. Passwords: PBKDF2-SHA256, 100,000 iterations (db/password.ts).
 */
import { and, eq } from 'drizzle-orm'
import {
  type AccessReason,
  allow,
  checkPasswordStrength,
  type Decision,
  jstDate,
  type LockoutState,
  mayLogIn,
  mayRegisterPassword,
  normalizePatronNumber,
  type PasswordProblem,
  type Patron,
  type Policy,
  RESET_CONFIRM_MINUTES,
  resetNeedsCounter,
  verifyResetIdentity,
  wrongCredentials,
  wrongCurrentPassword,
} from '../core/index.ts'
import type { Db } from './client.ts'
import { openLoanFacts, type PatronRow, patronFacts } from './facts.ts'
import { findLinkByPatron } from './links.ts'
import { beginAttempt, type Guesser, lockoutFor, UNKNOWN_GUESSER } from './lockout.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { createPasswordReset, type PendingReset } from './password-resets.ts'
import { type InputReason, inputRefusal, isId, isText } from './refusals.ts'
import { patrons } from './schema.ts'

export interface PatronView {
  id: number
  number: string
  name: string
  nameYomi: string
  category: Patron['category']
  email: string | null
  emailConfirmed: boolean
  historyOptIn: boolean
  hasPassword: boolean
  expiresOn: string | null
}

function view(row: PatronRow): PatronView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    nameYomi: row.nameYomi,
    category: row.category,
    email: row.email,
    emailConfirmed: row.emailConfirmed,
    historyOptIn: row.historyOptIn,
    hasPassword: row.passwordHash !== null,
    expiresOn: row.expiresOn,
  }
}

/** The patron with this number (typed or scanned; folded as core folds it), or null. */
export async function findPatronByNumber(db: Db, number: string): Promise<PatronView | null> {
  if (!isText(number, 64)) return null
  const found = await patronFacts(db, { number: normalizePatronNumber(number) })
  return found ? view(found.row) : null
}

export async function findPatronById(db: Db, id: number): Promise<PatronView | null> {
  if (!isId(id)) return null
  const found = await patronFacts(db, { id })
  return found ? view(found.row) : null
}

const attemptKey = (number: string) => `patron:${number}`

/** Who sends a guess: their address and, on the link page, the LINE account it came from. */
export interface Client {
  address: string
  lineUserId?: string
}

/** ACC-SECRET: the lockout's view of `client`; linked when it is the number's LINE account. */
async function guesserFor(
  db: Db,
  client: Client | undefined,
  patronId: number | null,
): Promise<Guesser> {
  if (!client) return UNKNOWN_GUESSER
  if (!client.lineUserId || patronId === null) return { address: client.address }
  const link = await findLinkByPatron(db, patronId)
  return { address: client.address, linked: link?.lineUserId === client.lineUserId }
}

export type SignInReason = 'locked' | 'wrong_credentials' | AccessReason | 'invalid_input'

/**
 * Sign in with patron number and web password. Locked numbers are refused before any
 * password work; an unknown number and a wrong password get the same answer and cost the
 * same time (ACC-SECRET). A right password then passes core's access checks.
 */
export async function signIn(
  db: Db,
  input: { number: string; password: string; client?: Client },
  now: number,
  policy: Policy,
): Promise<Decision<PatronView, SignInReason>> {
  if (!isText(input.number, 64) || !isText(input.password, 1024))
    return inputRefusal('invalid_input')
  const number = normalizePatronNumber(input.number)
  // A patron without a web password is answered like an unknown number (ACC-SECRET): the
  // answer points to registering one, and the number cannot be probed for existence.
  const found = await patronFacts(db, { number })
  const guesser = await guesserFor(db, input.client, found?.row.id ?? null)
  const attempt = await beginAttempt(db, attemptKey(number), now, policy, guesser)
  if (!attempt.ok) return attempt
  const ok = await verifyPassword(input.password, found?.row.passwordHash ?? null)
  await attempt.value.settle(ok)
  if (!found || !ok) return wrongCredentials(policy, attempt.value.triesLeft)
  const access = await accessCheck(db, found.row, found.patron, now, policy, mayLogIn)
  return access.ok ? allow(view(found.row)) : access
}

async function accessCheck(
  db: Db,
  row: PatronRow,
  patron: Patron,
  now: number,
  policy: Policy,
  rule: typeof mayLogIn,
) {
  const loans = await openLoanFacts(db, row.id)
  return rule({ patron, loans: loans.map((l) => l.core), today: jstDate(now) }, policy)
}

/** Whether the patron number is locked now (for the pages to say so before asking). */
export function patronLockout(
  db: Db,
  number: string,
  now: number,
  policy: Policy,
  client?: Client,
): Promise<Decision<LockoutState, 'locked'>> {
  const guesser = client ? { address: client.address } : UNKNOWN_GUESSER
  return lockoutFor(db, attemptKey(normalizePatronNumber(number)), now, policy, guesser)
}

export type ResetReason =
  | 'locked'
  | 'identity_mismatch'
  | 'reset_at_counter'
  | AccessReason
  | PasswordProblem
  | InputReason

/** What a reset did: set the password, or (ACC-RESET-LINKED) wait for LINE's confirm. */
export interface ResetResult {
  patron: PatronView
  /** Set when the patron is linked: nothing changes until that LINE account confirms. */
  pending: (PendingReset & { language: string }) | null
}

/**
 * ACC-RESET: register or reset the web password with patron number + name + phone on
 * record. Same lockout as sign-in; a mismatch never says which field was wrong.
 * ACC-RESET-LINKED: for a patron linked to LINE the new password waits for a confirm from
 * that LINE account (the caller pushes the button); an account that blocked us cannot
 * confirm, so the patron is sent to a counter.
 */
export async function resetPassword(
  db: Db,
  input: { number: string; name: string; phone: string; password: string; client?: Client },
  now: number,
  policy: Policy,
): Promise<Decision<ResetResult, ResetReason>> {
  const { name, phone, password } = input
  if (![input.number, name, phone].every((s) => isText(s, 200)) || typeof password !== 'string')
    return inputRefusal('invalid_input')
  const number = normalizePatronNumber(input.number)
  const guesser = input.client ? { address: input.client.address } : UNKNOWN_GUESSER
  const attempt = await beginAttempt(db, attemptKey(number), now, policy, guesser)
  if (!attempt.ok) return attempt
  const found = await patronFacts(db, { number })
  const match = verifyResetIdentity({ number, name, phone }, found?.row ?? null, policy)
  await attempt.value.settle(match.ok)
  if (!match.ok) return match
  if (!found) return inputRefusal('unknown_patron') // unreachable: a match needs a record
  const access = await accessCheck(db, found.row, found.patron, now, policy, mayRegisterPassword)
  if (!access.ok) return access
  const strong = checkPasswordStrength(password, number, policy)
  if (!strong.ok) return strong
  const link = await findLinkByPatron(db, found.row.id)
  if (link) {
    if (!link.followed) return resetNeedsCounter(policy)
    const pending = await createPasswordReset(
      db,
      {
        patronId: found.row.id,
        lineUserId: link.lineUserId,
        passwordHash: await hashPassword(password),
      },
      now,
      RESET_CONFIRM_MINUTES * 60_000,
    )
    return allow({ patron: view(found.row), pending: { ...pending, language: link.language } })
  }
  const set = await setPassword(db, found.row, password)
  return set.ok ? allow({ patron: set.value, pending: null }) : set
}

async function setPassword(db: Db, row: PatronRow, password: string) {
  const passwordHash = await hashPassword(password)
  const [rows] = await db.batch([
    db.orm.update(patrons).set({ passwordHash }).where(eq(patrons.id, row.id)).returning(),
  ])
  const updated = rows[0]
  return updated ? allow(view(updated)) : inputRefusal('unknown_patron')
}

export type ChangePasswordReason = 'locked' | 'wrong_credentials' | PasswordProblem | InputReason

/** Change the web password from the LIFF settings: the current password is required. */
export async function changePassword(
  db: Db,
  input: { patronId: number; current: string; next: string; address?: string },
  now: number,
  policy: Policy,
): Promise<Decision<PatronView, ChangePasswordReason>> {
  if (!isId(input.patronId) || typeof input.current !== 'string' || typeof input.next !== 'string')
    return inputRefusal('invalid_input')
  const found = await patronFacts(db, { id: input.patronId })
  if (!found) return inputRefusal('unknown_patron')
  // The LIFF app is the patron's linked LINE account: a number-wide lock does not stop it.
  const guesser = { address: input.address ?? UNKNOWN_GUESSER.address, linked: true }
  const attempt = await beginAttempt(db, attemptKey(found.row.number), now, policy, guesser)
  if (!attempt.ok) return attempt
  const ok = await verifyPassword(input.current, found.row.passwordHash)
  await attempt.value.settle(ok)
  if (!ok) return wrongCurrentPassword(policy, attempt.value.triesLeft)
  const strong = checkPasswordStrength(input.next, found.row.number, policy)
  if (!strong.ok) return strong
  return setPassword(db, found.row, input.next)
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Change the e-mail address; it is unconfirmed until the patron confirms it. */
export async function changeEmail(
  db: Db,
  input: { patronId: number; email: string | null },
): Promise<Decision<PatronView, InputReason>> {
  const email = input.email?.trim() || null
  if (!isId(input.patronId) || (email !== null && (!EMAIL.test(email) || email.length > 254)))
    return inputRefusal('invalid_input')
  const [rows] = await db.batch([
    db.orm
      .update(patrons)
      .set({ email, emailConfirmed: false })
      .where(eq(patrons.id, input.patronId))
      .returning(),
  ])
  return rows[0] ? allow(view(rows[0])) : inputRefusal('unknown_patron')
}

/** Mark the e-mail confirmed, only if it is still the address the confirmation was sent to. */
export async function confirmEmail(
  db: Db,
  input: { patronId: number; email: string },
): Promise<boolean> {
  if (!isId(input.patronId) || !isText(input.email, 254)) return false
  const [rows] = await db.batch([
    db.orm
      .update(patrons)
      .set({ emailConfirmed: true })
      .where(and(eq(patrons.id, input.patronId), eq(patrons.email, input.email)))
      .returning({ id: patrons.id }),
  ])
  return rows.length > 0
}
