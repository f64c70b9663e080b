/**
 * follow: a greeting that offers linking (with menu A in their language), or a welcome back (and
 * menu B again) for a linked patron. Whether they can be reached is recorded by the handler,
 * maintenance or not.
 *
 * During the maintenance window (SVC-MAINT) the welcome is still given, at once, by reply.
 * Nothing in it needs the library system: its words are fixed, the link state is bunko's own
 * and the menu is LINE's. It only adds a sentence saying from when what it offers (linking,
 * or the card and loans) can be used. The welcome used to be replaced by the maintenance
 * notice and was never sent afterwards. It is not kept for later in the notice outbox: a push
 * at the end of the window would wake the patron at 04:00 and use the monthly push quota,
 * and the outbox is per patron, which a new friend is not yet. Because nothing is queued,
 * nothing can go twice or reach someone who has blocked the account since. The link button
 * stays in the chat and works once the window ends; the rich menu offers it too. A follow
 * after an unfollow is a new follow and is answered like one, as at any other hour.
 */
import { maintenanceState, usableFrom } from '../../core/maintenance.ts'
import { followGreeting, WAITS_FOR_SERVICE, welcomeBack } from '../messages/greeting.ts'
import type { EventContext } from './context.ts'
import { keepMenuLanguage, switchMenu } from './menu.ts'

export async function onFollow(ctx: EventContext): Promise<void> {
  const { deps, lang } = ctx
  const { policy } = deps.config
  const libraryName = policy.libraryName
  const { backAt } = maintenanceState(ctx.now, policy)
  const note = (what: keyof typeof WAITS_FOR_SERVICE) =>
    backAt === null ? undefined : usableFrom(backAt, policy, WAITS_FOR_SERVICE[what])
  if (ctx.link) {
    await switchMenu(ctx, true)
    const liffId = deps.config.line.liffId
    await ctx.reply([welcomeBack({ libraryName, liffId, lang, note: note('card') })])
  } else {
    // Menu A in their language: LINE's default is the Japanese one.
    await keepMenuLanguage(ctx)
    await ctx.reply([followGreeting({ libraryName, lang, note: note('link') })])
  }
}
