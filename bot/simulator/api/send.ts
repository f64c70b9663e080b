/**
 * Putting the bot's messages into users' chats, and the rules around it: the monthly quota
 * (push and multicast count, replies do not; messages to users who blocked the account are
 * accepted but neither delivered nor counted) and `X-Line-Retry-Key`.
 */
import type { Context } from 'hono'
import { MESSAGES } from '../errors.ts'
import { messageId, quoteToken, UUID_RE } from '../ids.ts'
import { appendChat, monthlyUsage, type SimulatorState } from '../state.ts'
import type { ChatEntry } from '../types.ts'
import type { Obj } from '../validate/actions.ts'
import type { SimEnv } from './middleware.ts'

export type SentMessage = { id: string; quoteToken: string }

/** Append `messages` to the user's chat and return LINE's `sentMessages`. */
export function putInChat(
  state: SimulatorState,
  userId: string,
  messages: Obj[],
  via: ChatEntry['via'],
): SentMessage[] {
  const delivered = state.users.get(userId)?.following ?? false
  return messages.map((message) => {
    const sent = { id: messageId(), quoteToken: quoteToken() }
    appendChat(state, userId, { from: 'bot', via, message: { ...message, id: sent.id }, delivered })
    return sent
  })
}

export function reachable(state: SimulatorState, userIds: string[]): string[] {
  return userIds.filter((id) => state.users.get(id)?.following)
}

/** The 429 when sending `count` more messages would pass the monthly target, else null. */
export function overQuota(
  c: Context<SimEnv>,
  state: SimulatorState,
  count: number,
): Response | null {
  const quota = state.limits.monthlyMessageQuota
  if (quota === null || monthlyUsage(state) + count <= quota) return null
  return c.json({ message: MESSAGES.monthlyLimit }, 429)
}

/**
 * For APIs that support retry keys: a 400 for a malformed key, a 409 for a key already
 * accepted within 24 hours (with `x-line-accepted-request-id`), else null to go ahead.
 */
export function checkRetryKey(
  c: Context<SimEnv>,
  state: SimulatorState,
  withSentMessages: boolean,
): Response | null {
  const key = c.req.header('x-line-retry-key')
  if (key === undefined) return null
  if (!UUID_RE.test(key)) return c.json({ message: MESSAGES.retryKeyInvalid }, 400)
  const accepted = state.retryKeys.get(key.toLowerCase())
  if (!accepted || accepted.expiresAt <= state.clock()) return null
  c.header('x-line-accepted-request-id', accepted.requestId)
  const body =
    withSentMessages && accepted.sentMessages
      ? { message: MESSAGES.retryKeyAccepted, sentMessages: accepted.sentMessages }
      : { message: MESSAGES.retryKeyAccepted }
  return c.json(body, 409)
}

export function acceptRetryKey(
  c: Context<SimEnv>,
  state: SimulatorState,
  sentMessages?: SentMessage[],
): void {
  const key = c.req.header('x-line-retry-key')
  if (key === undefined) return
  state.retryKeys.set(key.toLowerCase(), {
    requestId: c.get('requestId'),
    expiresAt: state.clock() + state.limits.retryKeyTtlMs,
    ...(sentMessages ? { sentMessages } : {}),
  })
}

/** Retry keys are for push, multicast, narrowcast and broadcast only; elsewhere LINE says 400. */
export function refuseRetryKey(c: Context<SimEnv>): Response | null {
  if (c.req.header('x-line-retry-key') === undefined) return null
  return c.json({ message: MESSAGES.retryKeyUnsupported }, 400)
}
