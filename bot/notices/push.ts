/**
 * One push to LINE, retried until it is known to have landed or to have failed. The same
 * X-Line-Retry-Key goes with every attempt, so an attempt that LINE accepted but whose answer
 * was lost is answered 409 on the next one: that counts as sent. 429 and 5xx (and a lost
 * connection) are retried with exponential backoff and jitter, honouring Retry-After; other
 * 4xx answers are final. A push still meeting 429, 5xx or a lost connection after its attempts
 * is `transient`: the dispatcher tries it again at a later slot (retry.ts). A 429 for the
 * monthly quota is not retried: the push was refused, so the notice waits for the next slot.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'
import type { Pacer, Timing } from './pacer.ts'

export interface RetryPolicy {
  /** Attempts per push in one run, the first included. */
  maxAttempts: number
  /** The first backoff; each later one doubles, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /** A longer Retry-After than this is cut to it (the group's lease must outlast the retries). */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
}

export type PushOutcome =
  | { kind: 'sent'; tries: number; repeat: boolean }
  /** `transient`: every attempt met a passing fault (429, 5xx, network), worth a later slot. */
  | { kind: 'failed'; tries: number; reason: string; transient: boolean }
  | { kind: 'quota'; tries: number }

export interface Pusher {
  client: messagingApi.MessagingApiClient
  pacer: Pacer
  timing: Timing
  random: () => number
  retry: RetryPolicy
}

type Verdict =
  | { kind: 'sent'; repeat: boolean }
  | { kind: 'final'; reason: string }
  | { kind: 'quota' }
  | { kind: 'retry'; reason: string; after: number | null; rateLimited: boolean }

/** Push `request` under `retryKey` until it lands, fails for good, or meets the quota. */
export async function pushWithRetry(
  p: Pusher,
  request: messagingApi.PushMessageRequest,
  retryKey: string,
): Promise<PushOutcome> {
  let reason = 'unknown'
  for (let tries = 1; tries <= p.retry.maxAttempts; tries++) {
    await p.pacer.turn()
    const v = await attempt(p, request, retryKey)
    if (v.kind === 'sent') return { kind: 'sent', tries, repeat: v.repeat }
    if (v.kind === 'quota') return { kind: 'quota', tries }
    if (v.kind === 'final') return { kind: 'failed', tries, reason: v.reason, transient: false }
    reason = v.reason
    if (tries === p.retry.maxAttempts) break
    const wait = Math.min(v.after ?? backoff(p, tries), p.retry.maxRetryAfterMs)
    if (v.rateLimited) p.pacer.pause(wait)
    await p.timing.sleep(wait)
  }
  return { kind: 'failed', tries: p.retry.maxAttempts, reason, transient: true }
}

async function attempt(
  p: Pusher,
  request: messagingApi.PushMessageRequest,
  retryKey: string,
): Promise<Verdict> {
  try {
    await p.client.pushMessage(request, retryKey)
    return { kind: 'sent', repeat: false }
  } catch (err) {
    if (!(err instanceof HTTPFetchError))
      return { kind: 'retry', reason: 'network', after: null, rateLimited: false }
    const { status } = err
    if (status === 409) return { kind: 'sent', repeat: true }
    if (status === 429 && /monthly limit/i.test(String(err.body))) return { kind: 'quota' }
    if (status === 429 || status >= 500)
      return {
        kind: 'retry',
        reason: `line_${status}`,
        after: retryAfter(err.headers, p.timing.now()),
        rateLimited: status === 429,
      }
    return { kind: 'final', reason: `line_${status}${lineMessage(err.body)}` }
  }
}

/** Exponential backoff with jitter: half the step fixed, half random. */
function backoff(p: Pusher, tries: number): number {
  const step = Math.min(p.retry.maxDelayMs, p.retry.baseDelayMs * 2 ** (tries - 1))
  return step / 2 + p.random() * (step / 2)
}

/** Retry-After in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfter(headers: unknown, now: number): number | null {
  const value = (headers as Headers | undefined)?.get?.('retry-after')
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** LINE's own error message (never patron data), cut short, for the notice's last_error. */
function lineMessage(body: unknown): string {
  try {
    const message = (JSON.parse(String(body)) as { message?: unknown }).message
    return typeof message === 'string' ? `: ${message.slice(0, 120)}` : ''
  } catch {
    return ''
  }
}
