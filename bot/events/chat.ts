/**
 * Text messages and postbacks. Every message a patron types gets an answer (NOTICE-NOREPLY):
 * a keyword gets the matching button or list, anything else a short help with quick replies.
 */
import type { messagingApi, webhook } from '@line/bot-sdk'
import { helpMessage, needLinkMessage } from '../messages/help.ts'
import { type Intent, intentOf } from '../messages/intent.ts'
import { libraryUnavailableMessage } from '../messages/library-unavailable.ts'
import { liffButtonMessage } from '../messages/liff-buttons.ts'
import { lostCardMessage } from '../messages/lost-card.ts'
import { phoneListMessage } from '../messages/phones.ts'
import { unlinkCancelledMessage } from '../messages/unlink.ts'
import { parsePostback } from '../richmenu/postback.ts'
import type { EventContext } from './context.ts'
import { answerHours } from './hours.ts'
import { askUnlink, startLinking, unlink } from './linking.ts'
import { onResetCancel, onResetConfirm } from './password-reset.ts'
import { libraryPhones } from './phones.ts'
import { onRenew } from './renew.ts'

export async function onMessage(ctx: EventContext, event: webhook.MessageEvent): Promise<void> {
  const text =
    event.message.type === 'text' ? (event.message as webhook.TextMessageContent).text : ''
  await answerIntent(ctx, intentOf(text))
}

export async function onPostback(ctx: EventContext, event: webhook.PostbackEvent): Promise<void> {
  const postback = parsePostback(event.postback.data)
  switch (postback?.action) {
    case 'link':
      return startLinking(ctx)
    case 'unlink':
      return answerIntent(ctx, 'unlink')
    case 'unlink_confirm':
      return unlink(ctx, postback.params.patron)
    case 'unlink_cancel':
      return ctx.reply([
        unlinkCancelledMessage({ liffId: ctx.deps.config.line.liffId, lang: ctx.lang }),
      ])
    case 'reset_confirm':
      return onResetConfirm(ctx, postback.params.token ?? '')
    case 'reset_cancel':
      return onResetCancel(ctx, postback.params.token ?? '')
    case 'phones':
      return answerIntent(ctx, 'phones')
    case 'card':
      return answerIntent(ctx, 'card')
    case 'loans':
      return answerIntent(ctx, 'loans')
    case 'renew':
      return onRenew(ctx, postback.params.loan ?? '')
    case 'add_card':
      return startLinking(ctx)
    default:
      return answerIntent(ctx, 'help')
  }
}

/** The answer for one intent, given whether the user is linked. */
export async function answerIntent(ctx: EventContext, intent: Intent): Promise<void> {
  const { liffId } = ctx.deps.config.line
  const lang = ctx.lang
  const linked = ctx.link !== null
  const messages: messagingApi.Message[] = []
  switch (intent) {
    case 'link':
      return linked ? ctx.reply([helpMessage({ linked, liffId, lang })]) : startLinking(ctx)
    case 'unlink':
      if (linked) return askUnlink(ctx)
      // Nothing to unlink (an old button tapped again): say so, with the way to link.
      messages.push(needLinkMessage({ what: 'unlink', lang }))
      break
    case 'add_card':
      // ACC-FAMILY: one more card, through the same official account-link flow.
      return startLinking(ctx)
    case 'lost_card':
      messages.push(lostCardMessage({ lang, contact: ctx.deps.config.policy.contact }))
      break
    case 'hours':
      messages.push(await answerHours(ctx))
      break
    case 'phones': {
      const phones = await libraryPhones(ctx.deps.library)
      messages.push(
        phones.ok
          ? phoneListMessage({ libraries: phones.value, lang })
          : libraryUnavailableMessage({ lang, contact: ctx.deps.config.policy.contact }),
      )
      break
    }
    case 'card':
    case 'portal':
    case 'loans':
    case 'search':
      messages.push(
        linked
          ? liffButtonMessage({ page: intent, liffId, lang })
          : // The refusal names what was asked (a patron walk: 貸出・予約 was told マイポータル).
            needLinkMessage({ what: intent, lang }),
      )
      break
    default:
      messages.push(helpMessage({ linked, liffId, lang }))
  }
  await ctx.reply(messages)
}
