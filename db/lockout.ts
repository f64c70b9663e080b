/**
 * ACC-SECRET bookkeeping: each guess is a row in login_attempts under a key
 * (`patron:<number>`, `staff:<login>`); core/lockout.ts decides from the failures. A success
 * clears the slate: only failures after the key's last success count, which is what a patron
 * who finally remembered their password expects.
 */
import { and, desc, eq, gt, lt } from 'drizzle-orm'
import { checkLockout, type Decision, type LockoutState, type Policy } from '../core/index.ts'
import type { Db } from './client.ts'
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
