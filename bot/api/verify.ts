/**
 * LIFF ID token verification, the way LINE documents it: POST the token with our LINE Login
 * channel id to `/oauth2/v2.1/verify`, and trust only a 200 whose `aud` is that channel id,
 * whose issuer is LINE and whose `exp` is still ahead by our own clock. A 4xx from LINE means
 * the token is bad (401 for the patron); a network failure or a 5xx is LINE's trouble, not
 * the patron's, and is not cached. A token LINE called bad is remembered as bad for a minute,
 * so replaying a forged token costs one call to LINE per minute, not one per request.
 */

import { sha256Hex } from '../../db/password.ts'
import type { Clock } from '../clock.ts'
import { TokenCache, type VerifiedToken } from './token-cache.ts'

export const LINE_ISSUER = 'https://access.line.me'

/** A JWT is three base64url parts; anything else is refused without asking LINE. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const MAX_TOKEN_LENGTH = 4_096
/** How long a token LINE refused stays refused without asking again. */
export const REJECTED_TTL_MS = 60_000

export type VerifyOutcome =
  | ({ ok: true } & VerifiedToken)
  | { ok: false; reason: 'invalid' | 'unavailable' }

export interface IdTokenVerifierOptions {
  loginApiBaseUrl: string
  channelId: string
  clock: Clock
  /** How to reach LINE; tests route it to the simulator's `app.fetch`. */
  fetch?: typeof fetch
  maxEntries?: number
  timeoutMs?: number
}

export interface IdTokenVerifier {
  verify(token: string): Promise<VerifyOutcome>
}

export function idTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const { channelId, clock } = options
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const url = `${options.loginApiBaseUrl.replace(/\/+$/, '')}/oauth2/v2.1/verify`
  const cache = new TokenCache(options.maxEntries)
  const rejected = new TokenCache<{ expiresAt: number }>(options.maxEntries)
  /**
   * Calls on their way to LINE, so the app's parallel first requests (a page asks for the
   * card, loans and holds at once) share one call. Keyed by the token because the lookup must
   * happen before the first await; an entry lives only while its call does, as long as the
   * requests holding that token anyway. What outlives a request is the hashed cache.
   */
  const pending = new Map<string, Promise<VerifyOutcome>>()

  async function ask(token: string): Promise<VerifyOutcome> {
    let res: Response
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id_token: token, client_id: channelId }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      })
    } catch {
      return { ok: false, reason: 'unavailable' }
    }
    if (res.status >= 400 && res.status < 500) return { ok: false, reason: 'invalid' }
    if (res.status !== 200) return { ok: false, reason: 'unavailable' }
    const claims = (await res.json().catch(() => null)) as Record<string, unknown> | null
    return acceptClaims(claims, channelId, clock.now())
  }

  async function lookUp(token: string): Promise<VerifyOutcome> {
    const key = await sha256Hex(token)
    const now = clock.now()
    const hit = cache.get(key, now)
    if (hit) return { ok: true, ...hit }
    if (rejected.get(key, now)) return { ok: false, reason: 'invalid' }
    const outcome = await ask(token)
    if (outcome.ok)
      cache.set(key, { userId: outcome.userId, expiresAt: outcome.expiresAt }, clock.now())
    else if (outcome.reason === 'invalid')
      rejected.set(key, { expiresAt: clock.now() + REJECTED_TTL_MS }, clock.now())
    return outcome
  }

  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token))
        return { ok: false, reason: 'invalid' }
      let call = pending.get(token)
      if (!call) {
        call = lookUp(token).finally(() => pending.delete(token))
        pending.set(token, call)
      }
      return call
    },
  }
}

/** The checks LINE asks a verifier to make on the verify endpoint's answer. */
export function acceptClaims(
  claims: Record<string, unknown> | null,
  channelId: string,
  now: number,
): VerifyOutcome {
  const invalid = { ok: false, reason: 'invalid' } as const
  if (!claims) return invalid
  const { aud, exp, iss, sub } = claims
  if (aud !== channelId || iss !== LINE_ISSUER) return invalid
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 64) return invalid
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp * 1000 <= now) return invalid
  return { ok: true, userId: sub, expiresAt: exp * 1000 }
}
