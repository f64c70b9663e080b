/**
 * Webhook events in LINE's shape: every event carries `type`, `mode: 'active'`, `timestamp`,
 * `source`, a ULID `webhookEventId` and `deliveryContext`; events the bot may answer carry a
 * `replyToken`, which the simulator registers as valid for one use within the limit.
 */
import { messageId, quoteToken, replyToken, ulid } from '../ids.ts'
import type { SimulatorState } from '../state.ts'

export type WebhookEvent = Record<string, unknown> & {
  type: string
  webhookEventId: string
  deliveryContext: { isRedelivery: boolean }
}

function base(state: SimulatorState, type: string, userId: string) {
  const now = state.clock()
  return {
    type,
    mode: 'active' as const,
    timestamp: now,
    source: { type: 'user' as const, userId },
    webhookEventId: ulid(now),
    deliveryContext: { isRedelivery: false },
  }
}

function issueReplyToken(state: SimulatorState, userId: string): string {
  const token = replyToken()
  state.replyTokens.set(token, {
    userId,
    expiresAt: state.clock() + state.limits.replyTokenTtlMs,
    used: false,
  })
  return token
}

export function textMessageEvent(
  state: SimulatorState,
  userId: string,
  text: string,
): WebhookEvent {
  return {
    ...base(state, 'message', userId),
    replyToken: issueReplyToken(state, userId),
    message: { type: 'text', id: messageId(), quoteToken: quoteToken(), text },
  }
}

export function postbackEvent(
  state: SimulatorState,
  userId: string,
  data: string,
  params?: Record<string, string>,
): WebhookEvent {
  return {
    ...base(state, 'postback', userId),
    replyToken: issueReplyToken(state, userId),
    postback: params ? { data, params } : { data },
  }
}

export function followEvent(
  state: SimulatorState,
  userId: string,
  isUnblocked: boolean,
): WebhookEvent {
  return {
    ...base(state, 'follow', userId),
    replyToken: issueReplyToken(state, userId),
    follow: { isUnblocked },
  }
}

export function unfollowEvent(state: SimulatorState, userId: string): WebhookEvent {
  return base(state, 'unfollow', userId)
}

/** `ok` carries a reply token; `failed` does not, as in LINE's reference. */
export function accountLinkEvent(
  state: SimulatorState,
  userId: string,
  result: 'ok' | 'failed',
  nonce: string,
): WebhookEvent {
  const event = { ...base(state, 'accountLink', userId), link: { result, nonce } }
  return result === 'ok' ? { ...event, replyToken: issueReplyToken(state, userId) } : event
}
