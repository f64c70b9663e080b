/**
 * Per-client limits (hono-rate-limiter) on what a stranger could hammer: the link, password
 * and counter sign-in forms, and the LIFF API. Counted per client address in the database
 * (db/rate-limits.ts), so all Node processes and Workers isolates share one count. Together
 * with the per-number, per-address lockout (db/lockout.ts) they bound both how fast one
 * address can guess and how many numbers it can lock (README, Security).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter } from 'hono-rate-limiter'
import { DbRateLimitStore } from '../db/rate-limits.ts'
import type { AppDeps } from './deps.ts'

/** Form posts per address (link, link confirm, password, counter sign-in together). */
export const FORM_LIMIT = { limit: 60, windowMs: 15 * 60_000 }
/** API calls per address: a LIFF page makes a few; carrier NAT puts many phones on one. */
export const API_LIMIT = { limit: 600, windowMs: 60_000 }

/** The client's address as the entry point sees it; 'unknown' when it cannot tell. */
export function clientAddress(deps: Pick<AppDeps, 'clientAddress'>, c: Context): string {
  try {
    return deps.clientAddress?.(c) || 'unknown'
  } catch {
    return 'unknown'
  }
}

export function clientLimiter(
  deps: AppDeps,
  name: string,
  limits: { limit: number; windowMs: number },
  answer: (c: Context) => Response | Promise<Response>,
  only: (c: Context) => boolean = () => true,
): MiddlewareHandler {
  return rateLimiter({
    ...limits,
    keyGenerator: (c) => clientAddress(deps, c),
    store: new DbRateLimitStore(deps.db, () => deps.clock.now(), name),
    standardHeaders: 'draft-7',
    skip: (c) => !only(c),
    handler: (c) => {
      deps.log.warn('http.rate_limited', { limiter: name })
      return answer(c)
    },
  })
}
