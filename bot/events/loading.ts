/**
 * LINE's loading animation (`POST /v2/bot/chat/loading/start`) while a chat reply waits on the
 * library system, which in front mode is a SIP2 round trip away (issue 14 item 6). LINE hides
 * it by itself when the reply arrives. Best effort: if LINE refuses, the reply still goes.
 */
import type { EventContext } from './context.ts'

/** LINE accepts 5–60 s in steps of 5; the reply normally comes well before. */
const LOADING_SECONDS = 20

export async function showLoading(ctx: EventContext): Promise<void> {
  try {
    await ctx.deps.line.client.showLoadingAnimation({
      chatId: ctx.userId,
      loadingSeconds: LOADING_SECONDS,
    })
  } catch (err) {
    ctx.deps.log.warn('chat.loading_refused', {
      error: err instanceof Error ? err.name : 'unknown',
    })
  }
}
