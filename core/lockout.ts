/**
 * ACC-SECRET lockout: repeated failures lock a patron number for a while (Hirakata: 5
 * failures within 15 minutes lock it for 15 minutes). The state is computed from the list
 * of recent failure instants, so the store only has to keep that list.
 */
import { type Instant, MINUTE_MS } from './dates.ts'
import { contactFor, instantText, phoneLine } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type Refusal, refuse } from './types.ts'

export interface LockoutState {
  locked: boolean
  /** When the lock ends (null when not locked). */
  until: Instant | null
  /** Failures still allowed before a lock, counting failures inside the current window. */
  triesLeft: number
}

/**
 * Lockout state at `now` from failure instants (any order; failures after `now` are ignored).
 * A lock starts at the failure that makes maxFailures within windowMinutes and lasts
 * lockMinutes from then. Failures recorded while locked may start a new lock.
 */
export function lockoutState(
  failures: readonly Instant[],
  now: Instant,
  policy: Policy,
): LockoutState {
  const { maxFailures, windowMinutes, lockMinutes } = policy.lockout
  const window = windowMinutes * MINUTE_MS
  const past = failures.filter((t) => t <= now).sort((a, b) => a - b)
  let until: Instant | null = null
  for (let i = maxFailures - 1; i < past.length; i++) {
    const last = past[i]!
    const first = past[i - maxFailures + 1]!
    if (last - first < window) {
      const end = last + lockMinutes * MINUTE_MS
      if (until === null || end > until) until = end
    }
  }
  if (until !== null && until > now) return { locked: true, until, triesLeft: 0 }
  const recent = past.filter((t) => now - t < window && (until === null || t >= until)).length
  return { locked: false, until: null, triesLeft: Math.max(0, maxFailures - recent) }
}

/** ACC-SECRET: refuse while locked, saying plainly until when. */
export function checkLockout(
  failures: readonly Instant[],
  now: Instant,
  policy: Policy,
): Decision<LockoutState, 'locked'> {
  const state = lockoutState(failures, now, policy)
  if (!state.locked || state.until === null) return allow(state)
  const when = instantText(state.until)
  const p = phoneLine(contactFor(policy))
  return refuse('locked', {
    ja: `ログインの失敗が続いたため、安全のためこの利用者番号は${when.ja}までロックされています。その時刻を過ぎてから、もう一度お試しください。お急ぎの場合は${p.ja}へお問い合わせください。`,
    en: `After several failed sign-ins, this patron number is locked for your safety until ${when.en} (Japan time). Please try again after that. If it is urgent, contact ${p.en}.`,
  })
}

/**
 * ACC-SECRET: the limit is reached only by guesses still being checked (front mode: the
 * library's system has not answered them yet). They are counted so that racing guesses never
 * pass the limit, but the number is not locked unless they turn out wrong: the patron is told
 * to wait a moment, not that it is locked (a review saw a lock message while the system hung).
 */
export function stillChecking(): Refusal<'locked'> {
  return refuse('locked', {
    ja: 'ただいま、先ほどの入力を確認しています。少し待ってから、もう一度お試しください。',
    en: 'Your last sign-in is still being checked. Please wait a moment and try again.',
  })
}
