/**
 * ACC-RESET-LINKED, the chat side: the confirm pushed to the linked LINE account answers
 * here. Only the webhook's verified sender can confirm, and only for its own pending reset.
 */
import { cancelPasswordReset } from '../../db/password-resets.ts'
import { resetCancelledMessage, resetDoneMessage } from '../messages/password-reset.ts'
import type { EventContext } from './context.ts'
import { showLoading } from './loading.ts'

export async function onResetConfirm(ctx: EventContext, token: string): Promise<void> {
  await showLoading(ctx)
  const done = await ctx.deps.library.confirmPasswordReset(
    { token, lineUserId: ctx.userId },
    ctx.now,
  )
  ctx.deps.log.info(done.ok ? 'password.reset_confirmed' : 'password.reset_confirm_refused', {})
  await ctx.reply([
    done.ok ? resetDoneMessage(ctx.lang) : { type: 'text', text: done.message[ctx.lang] },
  ])
}

export async function onResetCancel(ctx: EventContext, token: string): Promise<void> {
  await cancelPasswordReset(ctx.deps.db, { token, lineUserId: ctx.userId })
  ctx.deps.log.info('password.reset_cancelled', {})
  await ctx.reply([resetCancelledMessage(ctx.deps.config.policy.contact, ctx.lang)])
}
