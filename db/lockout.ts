/**
 * ACC-SECRET bookkeeping: each guess is a row in login_attempts under a key
 * (`patron:<number>`, `staff:<login>`); core/lockout.ts decides from the failures. A success
 * clears the slate: only failures after the key's last success count, which is what a patron
 * who finally remembered their password expects.
 */
import { eq, lt, sql } from 'drizzle-orm'
import {
  checkLockout,
  type Decision,
  type LockoutState,
  type Policy,
  stillChecking,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { loginAttempts } from './schema.ts'

/**
 * Who is guessing. Failures are counted per number AND per address: one address's failures
 * lock the number for that address only (policy.lockout), so a stranger cannot lock a patron
 * out. Failures from all addresses together (policy.numberLockout, larger; each address
 * counting at most lockout.maxFailures) still bound the guesses per number, locking it for
 * everyone but `linked`: a guess that comes from the number's linked LINE account (the link
 * page opened from it, the LIFF app) is let through.
 */
export interface Guesser {
  address: string
  linked?: boolean
}

export const UNKNOWN_GUESSER: Guesser = { address: 'unknown' }

type Limits = Policy['lockout']

const rowKey = (key: string, g: Guesser) => `${key}|${g.address.slice(0, 64)}`
/** All addresses' rows of `key`: '|' sorts just before '}', so this is an index range. */
const allRows = (key: string) => sql`key >= ${`${key}|`} AND key < ${`${key}}`}`

/** How far back failures are read: enough for any lock the limits can produce. */
function lookbackMs({ maxFailures, windowMinutes, lockMinutes }: Limits): number {
  return (windowMinutes * maxFailures + lockMinutes) * 60_000
}

/**
 * Failure instants since the last success, newest first, for the rows `where` selects; at
 * most `perAddress` from any one address, so one address alone can never make up a
 * number-wide lock (it would need that many addresses: numberLockout / lockout failures).
 */
async function failuresSince(
  db: Db,
  where: ReturnType<typeof sql>,
  from: number,
  perAddress = Number.POSITIVE_INFINITY,
  checkedOnly = false,
) {
  const checked = checkedOnly ? sql`AND checked = 1` : sql``
  const rows = await db.all<{ key: string; at: number; ok: number }>(sql`SELECT key, at, ok
    FROM login_attempts WHERE ${where} AND at > ${from} ${checked} ORDER BY at DESC, id DESC`)
  const failures: number[] = []
  const seen = new Map<string, number>()
  for (const r of rows) {
    if (r.ok) break
    const n = (seen.get(r.key) ?? 0) + 1
    seen.set(r.key, n)
    if (n <= perAddress) failures.push(r.at)
  }
  return failures
}

/** The lock on `key` for `guesser` now, from core: their own address's, then the number's. */
export async function lockoutFor(
  db: Db,
  key: string,
  now: number,
  policy: Policy,
  guesser: Guesser = UNKNOWN_GUESSER,
  /** Leave out guesses still being checked. */
  checkedOnly = false,
): Promise<Decision<LockoutState, 'locked'>> {
  const mine = await failuresSince(
    db,
    sql`key = ${rowKey(key, guesser)}`,
    now - lookbackMs(policy.lockout),
    Number.POSITIVE_INFINITY,
    checkedOnly,
  )
  const own = checkLockout(mine, now, policy)
  if (!own.ok || guesser.linked) return own
  const all = await failuresSince(
    db,
    allRows(key),
    now - lookbackMs(policy.numberLockout),
    policy.lockout.maxFailures,
    checkedOnly,
  )
  const number = checkLockout(all, now, { ...policy, lockout: policy.numberLockout })
  return number.ok ? own : number
}

/** A guess in progress: settle it with whether the secret was right. */
export interface Attempt {
  settle(ok: boolean): Promise<void>
  /** Failures this address may still make before its lock, counting this guess as one. */
  triesLeft: number
  /** The secret could not be checked (front mode: the ILS did not answer): the guess is not counted. */
  withdraw(): Promise<void>
}

/**
 * Failures since the last success inside `limits`' window, as SQL, for the rows `where`
 * picks, counting at most `perAddress` from each address (each address is its own key).
 */
function recentFailures(
  where: ReturnType<typeof sql>,
  limits: Limits,
  now: number,
  perAddress = 1_000_000,
) {
  const since = now - limits.windowMinutes * 60_000
  return sql`(SELECT coalesce(sum(min(n, ${perAddress})), 0) FROM (SELECT count(*) AS n
    FROM login_attempts WHERE ${where} AND ok = 0 AND at > ${since}
      AND at >= coalesce((SELECT max(at) FROM login_attempts WHERE ${where} AND ok = 1), 0)
    GROUP BY key))`
}

/**
 * Start a guess at `key`. The guess is written as a failure BEFORE the secret is checked,
 * in one conditional INSERT that counts the failures since the last success inside the
 * windows, this address's and (unless linked) all addresses': so however many guesses arrive
 * at once, at most maxFailures per address, and numberLockout.maxFailures in all, are ever
 * checked before a lock holds. A right secret then turns its row into a success.
 */
export async function beginAttempt(
  db: Db,
  key: string,
  now: number,
  policy: Policy,
  guesser: Guesser = UNKNOWN_GUESSER,
): Promise<Decision<Attempt, 'locked'>> {
  const lock = await lockoutFor(db, key, now, policy, guesser)
  if (!lock.ok) return lockOrWait(db, key, now, policy, guesser, lock)
  const row = rowKey(key, guesser)
  const ownGuard = sql`${recentFailures(sql`key = ${row}`, policy.lockout, now)} < ${policy.lockout.maxFailures}`
  const numberGuard = guesser.linked
    ? sql`1`
    : sql`${recentFailures(allRows(key), policy.numberLockout, now, policy.lockout.maxFailures)} < ${policy.numberLockout.maxFailures}`
  const [rows] = await db.batch([
    raw<{ id: number }>(sql`INSERT INTO login_attempts (key, at, ok, checked)
      SELECT ${row}, ${now}, 0, 0 WHERE ${ownGuard} AND ${numberGuard}
      RETURNING id`),
  ])
  const id = rows[0]?.id
  if (id === undefined) return lockedNow(db, key, now, policy, guesser)
  return {
    ok: true,
    value: {
      triesLeft: Math.max(0, lock.value.triesLeft - 1),
      async settle(ok) {
        await db.batch([
          db.orm
            .update(loginAttempts)
            .set({ ok, checked: true })
            .where(eq(loginAttempts.id, id))
            .returning({ id: loginAttempts.id }),
        ])
      },
      async withdraw() {
        await db.batch([
          db.orm
            .delete(loginAttempts)
            .where(eq(loginAttempts.id, id))
            .returning({ id: loginAttempts.id }),
        ])
      },
    },
  }
}

/**
 * The refusal for a guess the guard stopped: the lock as core words it. Racing guesses can
 * share one instant, which core's window may read differently from the guard's; the guard
 * wins, so the failures are taken as they stand, or as landing now.
 */
async function lockedNow(db: Db, key: string, now: number, policy: Policy, guesser: Guesser) {
  const found = await lockoutFor(db, key, now, policy, guesser)
  if (!found.ok) return lockOrWait(db, key, now, policy, guesser, found)
  const failures = Array.from({ length: policy.lockout.maxFailures }, () => now)
  return checkLockout(failures, now, policy) as Decision<never, 'locked'>
}

/**
 * A lock made only by guesses not yet checked (front mode: the library's system has not
 * answered them) is not a lock unless they turn out wrong: the patron is told to wait.
 */
async function lockOrWait(
  db: Db,
  key: string,
  now: number,
  policy: Policy,
  guesser: Guesser,
  lock: Decision<never, 'locked'> | Decision<LockoutState, 'locked'>,
): Promise<Decision<never, 'locked'>> {
  const checked = await lockoutFor(db, key, now, policy, guesser, true)
  if (checked.ok) return stillChecking()
  return lock as Decision<never, 'locked'>
}

export async function recordAttempt(db: Db, key: string, ok: boolean, now: number): Promise<void> {
  await db.batch([
    db.orm.insert(loginAttempts).values({ key, at: now, ok }).returning({ id: loginAttempts.id }),
  ])
}

/** Housekeeping: attempts older than `before` can no longer matter. */
export async function pruneLoginAttempts(db: Db, before: number): Promise<number> {
  const [rows] = await db.batch([
    db.orm
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, before))
      .returning({ id: loginAttempts.id }),
  ])
  return rows.length
}
