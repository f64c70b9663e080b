/**
 * What one webhook event's handler works with: who sent it, in which language to answer,
 * whether they are linked, and a reply that uses the event's single-use reply token.
 */
import type { messagingApi, webhook } from '@line/bot-sdk'
import type { AppDeps } from '../deps.ts'
import { type Lang, langOf, replyLangOf } from '../messages/lang.ts'
import type { MenuIds } from '../richmenu/link.ts'
import type { ShownMenus } from './menu.ts'

export interface EventDeps extends AppDeps {
  /** The current rich-menu ids (menu A for unlinked, B for linked), resolved lazily. */
  menus: () => Promise<MenuIds | null>
  /** The language of the menu each user was last given (bot/events/menu.ts). */
  shownMenus: ShownMenus
}

export interface LinkState {
  patronId: number
  language: string
}

export interface EventContext {
  deps: EventDeps
  userId: string
  lang: Lang
  link: LinkState | null
  now: number
  reply(messages: messagingApi.Message[]): Promise<void>
}

/** The LINE user an event came from, when it came from a one-to-one chat. */
export function userIdOf(event: webhook.Event): string | null {
  const source = event.source
  return source?.type === 'user' && source.userId ? source.userId : null
}

/**
 * A linked patron's saved language; otherwise the LINE profile's, else Japanese. Profiles
 * are remembered for a while (bounded), so a chatty unlinked user costs one profile call,
 * not one per message.
 */
export function languageLookup(deps: AppDeps, ttlMs = 10 * 60_000, max = 10_000) {
  const seen = new Map<string, { lang: Lang; at: number }>()
  return async (userId: string, link: LinkState | null): Promise<Lang> => {
    if (link) return langOf(link.language)
    const now = deps.clock.now()
    const hit = seen.get(userId)
    if (hit && now - hit.at < ttlMs) return hit.lang
    let lang: Lang
    try {
      lang = langOf((await deps.line.client.getProfile(userId)).language)
    } catch {
      // No profile (blocked, or LINE unreachable): the language last read, else Japanese; not
      // remembered, so one failed call never turns an English user's menu Japanese for long.
      return hit?.lang ?? 'ja'
    }
    if (seen.size >= max) seen.delete(seen.keys().next().value as string)
    seen.set(userId, { lang, at: now })
    return lang
  }
}

/**
 * The language to answer `event` in: a typed text message's own when it shows one (replyLangOf:
 * any Japanese script is Japanese), else `stored`, the patron's saved or LINE profile language.
 */
export function answerLanguage(event: webhook.Event, stored: Lang): Lang {
  if (event.type !== 'message') return stored
  const { message } = event as webhook.MessageEvent
  return message.type === 'text'
    ? replyLangOf((message as webhook.TextMessageContent).text, stored)
    : stored
}

/**
 * Answer an event: with its reply token when it has one (free of charge), otherwise with a
 * push. LINE sends no reply token with a failed accountLink, yet the patron must be told.
 */
export function replier(deps: EventDeps, event: webhook.Event, userId: string) {
  const token = 'replyToken' in event ? event.replyToken : undefined
  return async (messages: messagingApi.Message[]) => {
    if (messages.length === 0) return
    const batch = messages.slice(0, 5)
    if (token) await deps.line.client.replyMessage({ replyToken: token, messages: batch })
    else await deps.line.client.pushMessage({ to: userId, messages: batch }, crypto.randomUUID())
  }
}
