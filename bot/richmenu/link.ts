/**
 * Switching one user's menu when they link or unlink, in their language (LINE-MENU). Free of
 * Node APIs, so the webhook can use it on Node and on Workers.
 *
 * Linking links menu B to the user (the English B when they use LINE in English). Unlinking
 * removes the per-user menu, so a Japanese user sees the default (menu A) — and keeps seeing
 * the current A after sync replaces it, which a per-user link to A would not. An English user
 * has no English default to fall back to, so they are linked to the English A; sync moves
 * such links to each new English A as it does B's.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'
import type { Lang } from '../messages/lang.ts'
import { ALIAS_IDS } from './definitions.ts'

export interface MenuIds {
  menuA: string
  menuB: string
  /** The English menus: null until sync has made them (English users then get A and B). */
  menuAEn: string | null
  menuBEn: string | null
}

/** The menu to link to this user, or null for the default (Japanese menu A). */
export function menuFor(ids: MenuIds, linked: boolean, lang: Lang): string | null {
  if (linked) return (lang === 'en' ? ids.menuBEn : null) ?? ids.menuB
  return lang === 'en' ? ids.menuAEn : null
}

/** Link the user's menu; returns the menu now linked to them, or null for the default. */
export async function linkMenuForPatron(
  client: messagingApi.MessagingApiClient,
  userId: string,
  linked: boolean,
  ids: MenuIds,
  lang: Lang,
): Promise<string | null> {
  const menu = menuFor(ids, linked, lang)
  if (menu) {
    await client.linkRichMenuIdToUser(userId, menu)
    return menu
  }
  try {
    await client.unlinkRichMenuIdFromUser(userId)
  } catch (e) {
    // The user had no per-user menu: they already see the default.
    if (!isStatus(e, 404)) throw e
  }
  return null
}

function isStatus(e: unknown, ...statuses: number[]): boolean {
  return e instanceof HTTPFetchError && statuses.includes(e.status)
}

/**
 * The current menu ids, read from the aliases that sync keeps pointing at them. The English
 * aliases may be missing (a deploy before its first sync): they are null, and linking still
 * works with the Japanese menus.
 */
export async function resolveMenuIds(client: messagingApi.MessagingApiClient): Promise<MenuIds> {
  const optional = (aliasId: string) =>
    client.getRichMenuAlias(aliasId).then(
      (alias) => alias.richMenuId,
      (e: unknown) => {
        if (isStatus(e, 400, 404)) return null
        throw e
      },
    )
  const [a, b, aEn, bEn] = await Promise.all([
    client.getRichMenuAlias(ALIAS_IDS.a),
    client.getRichMenuAlias(ALIAS_IDS.b),
    optional(ALIAS_IDS['a-en']),
    optional(ALIAS_IDS['b-en']),
  ])
  return { menuA: a.richMenuId, menuB: b.richMenuId, menuAEn: aEn, menuBEn: bEn }
}
