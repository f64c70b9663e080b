/**
 * ACC-SECRET bookkeeping: each guess is a row in login_attempts under a key
 * (`patron:<number>`, `staff:<login>`); core/lockout.ts decides from the failures. A success
 * clears the slate: only failures after the key's last success count, which is what a patron
 * who finally remembered their password expects.
 */
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm'
import { checkLockout, type Decision, type LockoutState, type Policy } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { loginAttempts } from './schema.ts'

/** How far back failures are read: enough for any lock the policy can produce. */
function lookbackMs(policy: Policy): number {
  const { maxFailures, windowMinutes, lockMinutes } = policy.lockout
  return (windowMinutes * maxFailures + lockMinutes) * 60_000
}

/** The lock on `key` now, from core. */
export async function lockoutFor(
  db: Db,
  key: string,
  now: number,
  policy: Policy,
): Promise<Decision<LockoutState, 'locked'>> {
  const rows = await db.orm
    .select({ at: loginAttempts.at, ok: loginAttempts.ok })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, now - lookbackMs(policy))))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
  const failures: number[] = []
  for (const r of rows) {
    if (r.ok) break
    failures.push(r.at)
  }
  return checkLockout(failures, now, policy)
}

/** A guess in progress: settle it with whether the secret was right. */
export interface Attempt {
  settle(ok: boolean): Promise<void>
}

/**
 * Start a guess at `key`. The guess is written as a failure BEFORE the secret is checked,
 * in one conditional INSERT that counts the failures since the last success inside the
 * window: so however many guesses arrive at once, at most maxFailures are ever checked
 * before the lock holds. A right secret then turns its row into a success.
 */
export async function beginAttempt(
  db: Db,
  key: string,
  now: number,
  policy: Policy,
): Promise<Decision<Attempt, 'locked'>> {
  const lock = await lockoutFor(db, key, now, policy)
  if (!lock.ok) return lock
  const { maxFailures, windowMinutes } = policy.lockout
  const since = now - windowMinutes * 60_000
  const [rows] = await db.batch([
    raw<{ id: number }>(sql`INSERT INTO login_attempts (key, at, ok)
      SELECT ${key}, ${now}, 0
      WHERE (SELECT count(*) FROM login_attempts
             WHERE key = ${key} AND ok = 0 AND at > ${since}
               AND at >= coalesce((SELECT max(at) FROM login_attempts WHERE key = ${key} AND ok = 1), 0)
            ) < ${maxFailures}
      RETURNING id`),
  ])
  const id = rows[0]?.id
  if (id === undefined) return lockedNow(db, key, now, policy)
  return {
    ok: true,
    value: {
      async settle(ok) {
        if (!ok) return
        await db.batch([
          db.orm
            .update(loginAttempts)
            .set({ ok: true })
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
async function lockedNow(db: Db, key: string, now: number, policy: Policy) {
  const found = await lockoutFor(db, key, now, policy)
  if (!found.ok) return found
  const failures = Array.from({ length: policy.lockout.maxFailures }, () => now)
  return checkLockout(failures, now, policy) as Decision<never, 'locked'>
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
