/**
 * follow and unfollow. An unfollow (the patron blocked the account) is remembered so
 * notices are not pushed to someone who cannot receive them; a follow undoes it.
 */
import { setFollowed } from '../../db/links.ts'
import { followGreeting, welcomeBack } from '../messages/greeting.ts'
import type { EventContext } from './context.ts'
import { switchMenu } from './linking.ts'

export async function onFollow(ctx: EventContext): Promise<void> {
  const { deps, lang } = ctx
  const libraryName = deps.config.policy.libraryName
  if (ctx.link) {
    await setFollowed(deps.db, { lineUserId: ctx.userId, followed: true }, ctx.now)
    await switchMenu(ctx, true)
    await ctx.reply([welcomeBack({ libraryName, liffId: deps.config.line.liffId, lang })])
  } else {
    await ctx.reply([followGreeting({ libraryName, lang })])
  }
}

export async function onUnfollow(ctx: EventContext): Promise<void> {
  await setFollowed(ctx.deps.db, { lineUserId: ctx.userId, followed: false }, ctx.now)
}
