/**
 * A renew button in a due-soon reminder (NOTICE-DUE-SOON): renews the loan for the linked
 * patron through the library system, as the LIFF app's renew does, and answers in the chat
 * with the new due date or the typed refusal (RENEW-*) and the library's phone. Only the
 * sender's own loan can be renewed: the port renews for the patron it is given. With family
 * cards (ACC-FAMILY) each card gets its own reminder, so the loan is looked for among the
 * loans of every card this LINE account links, and renewed for the card that has it.
 */
import { aboutHolder } from '../../core/family.ts'
import { isUnavailable } from '../../core/library-system.ts'
import { familyOf } from '../../db/family.ts'
import { CHANNEL_ACTIONS, recordLineActions } from '../../db/line-audit.ts'
import { helpMessage } from '../messages/help.ts'
import { libraryUnavailableMessage } from '../messages/library-unavailable.ts'
import { renewReplyMessage } from '../messages/renew-reply.ts'
import type { EventContext } from './context.ts'
import { showLoading } from './loading.ts'

/** What a stale or forged button gets: the loan is not one of the sender's open loans. */
const NOT_YOURS = {
  ja: 'この資料は、現在お借りの資料の中に見つかりませんでした。すでに返却済みの可能性があります。貸出中の一覧でご確認ください。',
  en: 'This item is not among your current loans; it may already have been returned. Please check your loan list.',
}

export async function onRenew(ctx: EventContext, loan: string): Promise<void> {
  const { library, config, db, log } = ctx.deps
  const { liffId } = config.line
  const contact = config.policy.contact
  const lang = ctx.lang
  if (!ctx.link) return ctx.reply([helpMessage({ linked: false, liffId, lang })])
  const loanId = /^\d{1,15}$/.test(loan) ? Number(loan) : 0
  await showLoading(ctx)
  const cards = await familyOf(db, ctx.userId)
  let patronId = ctx.link.patronId
  let item: { title: string } | undefined
  // ACC-FAMILY: a card other than the account's own (its first) is named in a refusal.
  let holder: string | undefined
  for (const [i, card] of (cards.length ? cards : [{ patronId, name: '' }]).entries()) {
    const listed = await library.loans(card.patronId, ctx.now)
    if (isUnavailable(listed)) return ctx.reply([libraryUnavailableMessage({ lang, contact })])
    item = listed.ok ? listed.value.find((l) => l.id === loanId) : undefined
    if (item) {
      patronId = card.patronId
      holder = i > 0 ? card.name : undefined
      break
    }
  }
  if (!item)
    return ctx.reply([
      renewReplyMessage({ ok: false, title: null, message: NOT_YOURS, contact }, lang),
    ])
  const done = await library.renew({ patronId, loanId }, ctx.now)
  if (isUnavailable(done)) return ctx.reply([libraryUnavailableMessage({ lang, contact })])
  if (done.ok) await recordLineActions(db, CHANNEL_ACTIONS.renew, [`loan:${loanId}`], ctx.now)
  log.info(done.ok ? 'chat.renewed' : 'chat.renew_refused', done.ok ? {} : { reason: done.reason })
  await ctx.reply([
    renewReplyMessage(
      done.ok
        ? { ok: true, title: item.title, newDueDate: done.value.newDueDate }
        : {
            ok: false,
            title: item.title,
            message: aboutHolder(done, holder, config.policy).message,
            contact,
          },
      lang,
    ),
  ])
}
