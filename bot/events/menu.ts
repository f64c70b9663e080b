/**
 * Each user's rich menu, for their link state and in the language the bot answers them in
 * (LINE-MENU). LINE shows everyone the Japanese default menu A until the bot links another
 * one to them: the English A to a user whose LINE is in English, menu B (English or Japanese)
 * once linked.
 *
 * The menu each user was last given is remembered (bounded), so only a change costs a LINE
 * call. A user not remembered is taken to have what a Japanese user has (B when linked, else
 * the default): a Japanese user costs no call and not even a menu lookup, as before the
 * English menus, and an English one a single call per process (or Worker isolate), which also
 * moves the users who followed before the English menus existed. Chosen where the code was
 * silent: a user who switches LINE from English back to Japanese while nothing remembers them
 * keeps the English menu until they next link or unlink, when the menu follows them again.
 */
import { findLinkByLineUser } from '../../db/links.ts'
import { linkMenuForPatron, menuFor } from '../richmenu/link.ts'
import type { EventContext } from './context.ts'

export interface ShownMenus {
  /** The menu last linked to the user, null for the default, undefined when not remembered. */
  get(userId: string): string | null | undefined
  set(userId: string, menu: string | null): void
}

/** The menu each user was last given; past `max` users, the oldest is forgotten. */
export function shownMenus(max = 10_000): ShownMenus {
  const shown = new Map<string, string | null>()
  return {
    get: (userId) => shown.get(userId),
    set(userId, menu) {
      shown.delete(userId)
      if (shown.size >= max) shown.delete(shown.keys().next().value as string)
      shown.set(userId, menu)
    },
  }
}

/**
 * Point the user's menu at B (linked) or A, in `ctx.lang`. A failure here is logged, not
 * fatal: the link itself stands, and the next event, sync or link fixes the menu.
 */
export async function switchMenu(ctx: EventContext, linked: boolean): Promise<void> {
  try {
    const ids = await ctx.deps.menus()
    if (!ids) return
    const shown = await linkMenuForPatron(ctx.deps.line.client, ctx.userId, linked, ids, ctx.lang)
    ctx.deps.shownMenus.set(ctx.userId, shown)
  } catch (err) {
    ctx.deps.log.warn('richmenu.switch_failed', {
      linked,
      error: err instanceof Error ? err.name : 'unknown',
    })
  }
}

/**
 * Before an event is handled (its link state is the one read for it): give the user their
 * language's menu if they do not have it yet. Linking and unlinking then switch it as usual.
 */
export async function keepMenuLanguage(ctx: EventContext): Promise<void> {
  const had = ctx.deps.shownMenus.get(ctx.userId)
  if (had === undefined && ctx.lang === 'ja') return
  const linked = ctx.link !== null
  // Null when the menus cannot be read (menuIdCache): nothing to switch to then.
  const ids = await ctx.deps.menus()
  if (!ids) return
  const want = menuFor(ids, linked, ctx.lang)
  if (want === (had === undefined ? menuFor(ids, linked, 'ja') : had)) return
  // An accountLink handled beside this event may have changed the link since it was read: its
  // own switch then gives the menu, and this one would undo it. (Should the two still cross,
  // the menu remembered here is the wrong one, and the user's next event puts it right.)
  if (((await findLinkByLineUser(ctx.deps.db, ctx.userId)) !== null) !== linked) return
  await switchMenu(ctx, linked)
}
