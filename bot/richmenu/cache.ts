/**
 * The current rich-menu ids, read from their aliases and kept for a few minutes: linking
 * needs them on every accountLink event, and they change only when `npm run richmenu` runs.
 * Null when the menus have not been created yet (linking still works, the menu stays).
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Clock } from '../clock.ts'
import { type MenuIds, resolveMenuIds } from './link.ts'

const TTL_MS = 5 * 60 * 1000

export function menuIdCache(client: messagingApi.MessagingApiClient, clock: Clock) {
  let cached: { ids: MenuIds; at: number } | null = null
  return async (): Promise<MenuIds | null> => {
    const now = clock.now()
    if (cached && now - cached.at < TTL_MS) return cached.ids
    try {
      cached = { ids: await resolveMenuIds(client), at: now }
      return cached.ids
    } catch {
      return null
    }
  }
}
