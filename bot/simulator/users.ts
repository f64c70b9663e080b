/**
 * The demo LINE users and what they can do: follow, block (unfollow), send text, tap
 * postback buttons. Each action goes into the user's chat and reaches the bot as a webhook.
 */
import { appendChat, type SimulatorState } from './state.ts'
import type { SimUser, WebhookDelivery } from './types.ts'
import type { Deliver } from './webhook/deliver.ts'
import { deliverEvents } from './webhook/deliver.ts'
import {
  followEvent,
  postbackEvent,
  textMessageEvent,
  unfollowEvent,
  type WebhookEvent,
} from './webhook/events.ts'

/** Fixed IDs, so a demo database keeps its links across restarts. */
export const DEMO_USERS: readonly SimUser[] = [
  {
    userId: 'U5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e',
    displayName: '山田 花子',
    language: 'ja',
    statusMessage: '週末は図書館で過ごします',
    following: false,
  },
  {
    userId: 'U6c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
    displayName: '佐藤 健太',
    language: 'ja',
    following: false,
  },
  {
    userId: 'U7d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a',
    displayName: '鈴木 美咲',
    language: 'ja',
    statusMessage: '絵本を探しています',
    following: false,
  },
  {
    userId: 'U8e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b',
    displayName: '高橋 エマ',
    language: 'en',
    following: false,
  },
]

export class UserActionError extends Error {
  override name = 'UserActionError'
}

export interface ActionResult {
  event: WebhookEvent
  delivery: WebhookDelivery
}

export interface UserActions {
  list(): SimUser[]
  get(userId: string): SimUser | undefined
  follow(userId: string): Promise<ActionResult>
  unfollow(userId: string): Promise<ActionResult>
  sendText(userId: string, text: string): Promise<ActionResult>
  postback(
    userId: string,
    data: string,
    opts?: { displayText?: string; params?: Record<string, string> },
  ): Promise<ActionResult>
}

export function userActions(state: SimulatorState, deliver: Deliver | undefined): UserActions {
  const user = (userId: string): SimUser => {
    const u = state.users.get(userId)
    if (!u) throw new UserActionError(`No simulated user ${userId}`)
    return u
  }
  const friend = (userId: string): SimUser => {
    const u = user(userId)
    if (!u.following)
      throw new UserActionError(`${u.displayName} has not added the bot as a friend`)
    return u
  }
  const send = async (event: WebhookEvent): Promise<ActionResult> => ({
    event,
    delivery: await deliverEvents(state, deliver, [event]),
  })

  return {
    list: () => [...state.users.values()],
    get: (userId) => state.users.get(userId),

    async follow(userId) {
      const u = user(userId)
      if (u.following) throw new UserActionError(`${u.displayName} is already a friend`)
      const isUnblocked = (state.chats.get(userId) ?? []).some((e) => e.via === 'unfollow')
      u.following = true
      appendChat(state, userId, { from: 'user', via: 'follow', message: {}, delivered: true })
      return send(followEvent(state, userId, isUnblocked))
    },

    async unfollow(userId) {
      const u = friend(userId)
      u.following = false
      appendChat(state, userId, { from: 'user', via: 'unfollow', message: {}, delivered: true })
      return send(unfollowEvent(state, userId))
    },

    async sendText(userId, text) {
      friend(userId)
      if (text.length === 0 || text.length > 5000)
        throw new UserActionError('A message must be 1 to 5000 characters')
      const event = textMessageEvent(state, userId, text)
      const message = event.message as Record<string, unknown>
      appendChat(state, userId, { from: 'user', via: 'message', message, delivered: true })
      return send(event)
    },

    async postback(userId, data, opts = {}) {
      friend(userId)
      const event = postbackEvent(state, userId, data, opts.params)
      const shown = opts.displayText ? { type: 'text', text: opts.displayText } : {}
      appendChat(state, userId, {
        from: 'user',
        via: 'postback',
        message: { ...shown, postback: event.postback },
        delivered: true,
      })
      return send(event)
    },
  }
}
