/**
 * follow: a greeting that offers linking, or a welcome back (and menu B again) for a linked
 * patron. Whether they can be reached is recorded by the handler, maintenance or not.
 */
import { followGreeting, welcomeBack } from '../messages/greeting.ts'
import type { EventContext } from './context.ts'
import { switchMenu } from './menu.ts'

export async function onFollow(ctx: EventContext): Promise<void> {
  const { deps, lang } = ctx
  const libraryName = deps.config.policy.libraryName
  if (ctx.link) {
    await switchMenu(ctx, true)
    await ctx.reply([welcomeBack({ libraryName, liffId: deps.config.line.liffId, lang })])
  } else {
    await ctx.reply([followGreeting({ libraryName, lang })])
  }
}
