/**
 * SVC-MAINT in the chat: what is still answered during the maintenance window, and the
 * sentence every such answer carries.
 *
 * A patron walk found that every tap got only the maintenance notice, even 電話番号, 使い方 and
 * 連携解除. None of them needs the library system: the phone list and the opening hours are
 * bunko's own places and calendar tables (configuration), help and the lost-card answer are
 * fixed words, and unlinking removes bunko's own LINE-link rows in one
 * batch and switches LINE's menu, so nothing is half-done. The rule says every patron-facing
 * answer in the window says so and when the service is back; these answers do, with one more
 * message naming what waits for the end of the window (the follow's welcome does the same,
 * follow.ts). Anything that needs the library system (the card, loans, linking, renewing,
 * password resets) still gets only the maintenance notice.
 */
import type { messagingApi, webhook } from '@line/bot-sdk'
import { maintenanceState, usableFrom } from '../../core/maintenance.ts'
import { findLinkByLineUser } from '../../db/links.ts'
import { WAITS_FOR_SERVICE } from '../messages/greeting.ts'
import { type Intent, intentOf } from '../messages/intent.ts'
import { parsePostback } from '../richmenu/postback.ts'
import type { EventContext } from './context.ts'

/** Typed words answered in the window (any unmatched text is help). */
const OPEN_INTENTS = new Set<Intent>(['help', 'phones', 'hours', 'unlink', 'lost_card'])
/** Postbacks answered in the window: the same, and the unlink confirm template's buttons. */
const OPEN_ACTIONS = new Set(['help', 'phones', 'unlink', 'unlink_confirm', 'unlink_cancel'])

/** Whether a message or postback needs nothing from the library system to be answered. */
export function answersInMaintenance(event: webhook.Event): boolean {
  if (event.type === 'message') {
    const message = (event as webhook.MessageEvent).message
    const text = message.type === 'text' ? (message as webhook.TextMessageContent).text : ''
    return OPEN_INTENTS.has(intentOf(text))
  }
  if (event.type === 'postback') {
    const action = parsePostback((event as webhook.PostbackEvent).postback.data)?.action
    return action !== undefined && OPEN_ACTIONS.has(action)
  }
  return false
}

/**
 * The context with a reply that adds the window and from when the rest can be used. The link
 * is read again when answering: after unlinking the last card, linking is what waits.
 */
export function withMaintenanceNote(ctx: EventContext): EventContext {
  const { policy } = ctx.deps.config
  const backAt = maintenanceState(ctx.now, policy).backAt ?? ctx.now
  return {
    ...ctx,
    async reply(messages: messagingApi.Message[]) {
      if (messages.length === 0) return
      const linked = (await findLinkByLineUser(ctx.deps.db, ctx.userId)) !== null
      const note = usableFrom(backAt, policy, WAITS_FOR_SERVICE[linked ? 'card' : 'link'])
      // LINE shows quick replies under the last message only: the answer's move to the note.
      const shown = messages.slice(0, 4)
      const last = shown.at(-1)
      const quickReply = last && 'quickReply' in last ? last.quickReply : undefined
      if (last && quickReply) shown[shown.length - 1] = { ...last, quickReply: undefined }
      const noteMessage: messagingApi.TextMessage = { type: 'text', text: note[ctx.lang] }
      await ctx.reply([...shown, quickReply ? { ...noteMessage, quickReply } : noteMessage])
    },
  }
}
