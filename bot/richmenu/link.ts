/**
 * Switching one user's menu when they link or unlink (LINE-MENU). Free of Node APIs, so the
 * webhook can use it on Node and on Workers.
 *
 * Linking links menu B to the user. Unlinking removes the per-user menu, so the user sees the
 * default (menu A) — and keeps seeing the current A after sync replaces it, which a per-user
 * link to A would not.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'
import { ALIAS_IDS } from './definitions.ts'

export interface MenuIds {
  menuA: string
  menuB: string
}

export async function linkMenuForPatron(
  client: messagingApi.MessagingApiClient,
  userId: string,
  linked: boolean,
  ids: MenuIds,
): Promise<void> {
  if (linked) {
    await client.linkRichMenuIdToUser(userId, ids.menuB)
    return
  }
  try {
    await client.unlinkRichMenuIdFromUser(userId)
  } catch (e) {
    // The user had no per-user menu: they already see the default.
    if (!(e instanceof HTTPFetchError && e.status === 404)) throw e
  }
}

/** The current menu ids, read from the aliases that sync keeps pointing at them. */
export async function resolveMenuIds(client: messagingApi.MessagingApiClient): Promise<MenuIds> {
  const [a, b] = await Promise.all([
    client.getRichMenuAlias(ALIAS_IDS.a),
    client.getRichMenuAlias(ALIAS_IDS.b),
  ])
  return { menuA: a.richMenuId, menuB: b.richMenuId }
}
