/**
 * Handles one verified webhook request's events, in order. Each event is handled once: the
 * ids of the events to handle are recorded first, together with the request's count for the
 * statistics (one write, db/webhook-delivery.ts), so a redelivery (or a retry after a
 * timeout) is skipped. `mode: standby` events belong to another channel's module and are left
 * alone. During maintenance (SVC-MAINT) every answer says so. What needs the library system
 * gets only the maintenance notice; help, phone numbers and unlinking are answered with a note
 * saying so (open-in-maintenance.ts says why), and a follow still gets its welcome, which says
 * so too (follow.ts says why).
 */
import type { webhook } from '@line/bot-sdk'
import { checkService } from '../../core/maintenance.ts'
import { findLinkByLineUser, setFollowed } from '../../db/links.ts'
import { recordWebhookDelivery } from '../../db/webhook-delivery.ts'
import type { Lang } from '../messages/lang.ts'
import { maintenanceNotice } from '../messages/maintenance.ts'
import type { WebhookTiming } from '../webhook/route.ts'
import { onMessage, onPostback } from './chat.ts'
import {
  answerLanguage,
  type EventContext,
  type EventDeps,
  languageLookup,
  replier,
  userIdOf,
} from './context.ts'
import { onFollow } from './follow.ts'
import { onAccountLink } from './linking.ts'
import { keepMenuLanguage } from './menu.ts'
import { answersInMaintenance, withMaintenanceNote } from './open-in-maintenance.ts'

/** The event types bunko answers besides follow; no other gets a reply, maintenance or not. */
const HANDLED = new Set(['message', 'postback', 'accountLink'])

/** An event bunko answers: active, from a one-to-one chat. */
interface UserEvent {
  event: webhook.Event
  userId: string
}

export function eventHandler(deps: EventDeps) {
  const languageFor = languageLookup(deps)
  return async (body: webhook.CallbackRequest, timing: WebhookTiming): Promise<void> => {
    const todo = userEvents(deps, body.events as unknown[])
    const fresh = await recordWebhookDelivery(deps.db, {
      at: deps.clock.now(),
      ...timing,
      eventIds: todo.map((t) => t.event.webhookEventId),
    })
    for (const { event, userId } of todo) {
      // Taken out once handled: an id twice in one request is handled once too.
      if (!fresh.delete(event.webhookEventId)) {
        deps.log.info('webhook.duplicate_skipped', { type: event.type })
        continue
      }
      try {
        await handleEvent(deps, event, userId, languageFor)
      } catch (err) {
        deps.log.error('webhook.event_failed', {
          type: event.type,
          error: err instanceof Error ? err.name : 'unknown',
        })
      }
    }
  }
}

/**
 * The events to handle. A signed body is LINE's, but one malformed event (null, a string, no
 * type) must not cost the events after it: it is skipped and the rest are handled. Standby
 * events and those from groups and rooms (bunko is a one-to-one service) are left alone.
 */
function userEvents(deps: EventDeps, events: readonly unknown[]): UserEvent[] {
  const todo: UserEvent[] = []
  for (const event of events) {
    if (!isEvent(event)) {
      deps.log.warn('webhook.bad_event', { kind: event === null ? 'null' : typeof event })
      continue
    }
    if (event.mode === 'standby') continue
    const userId = userIdOf(event)
    if (userId) todo.push({ event, userId })
  }
  return todo
}

/** An event has at least a string type and a string webhookEventId (its once-only key). */
function isEvent(event: unknown): event is webhook.Event {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false
  const e = event as { type?: unknown; webhookEventId?: unknown }
  return typeof e.type === 'string' && typeof e.webhookEventId === 'string'
}

async function handleEvent(
  deps: EventDeps,
  event: webhook.Event,
  userId: string,
  languageFor: ReturnType<typeof languageLookup>,
): Promise<void> {
  const now = deps.clock.now()
  const link = await findLinkByLineUser(deps.db, userId)
  const stored = await languageFor(userId, link)
  const ctx: EventContext = {
    deps,
    userId,
    link,
    now,
    // 「開館時間」 is answered in Japanese even when the app was last used in English.
    lang: answerLanguage(event, stored),
    reply: replier(deps, event, userId),
  }
  // Whether the patron can be reached (unfollow = blocked) is kept even during maintenance:
  // a lost follow would leave their notices marked undeliverable.
  if (event.type === 'follow' || event.type === 'unfollow')
    await setFollowed(deps.db, { lineUserId: userId, followed: event.type === 'follow' }, now)
  if (event.type === 'unfollow') return
  // The welcome needs nothing from the library system: it is never traded for the notice.
  if (event.type === 'follow') return onFollow(ctx)
  if (!HANDLED.has(event.type)) return
  const service = checkService(now, deps.config.policy)
  if (!service.ok) {
    // Help, phone numbers and unlinking need no library system (open-in-maintenance.ts).
    if (!answersInMaintenance(event))
      return ctx.reply([maintenanceNotice({ text: service.message, lang: ctx.lang })])
    return answer(withMaintenanceNote(ctx), event, stored)
  }
  return answer(ctx, event, stored)
}

/** `stored`: the user's own language, which the menu keeps whatever a message was typed in. */
async function answer(ctx: EventContext, event: webhook.Event, stored: Lang): Promise<void> {
  switch (event.type) {
    // accountLink switches the menu itself (linking.ts), in the user's language.
    case 'message':
      await keepMenuLanguage({ ...ctx, lang: stored })
      return onMessage(ctx, event as webhook.MessageEvent)
    case 'postback':
      await keepMenuLanguage({ ...ctx, lang: stored })
      return onPostback(ctx, event as webhook.PostbackEvent)
    case 'accountLink':
      return onAccountLink(ctx, event as webhook.AccountLinkEvent)
  }
}
