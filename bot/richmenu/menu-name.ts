/**
 * How sync recognises its own rich menus: the name is `bunko:<key>:<hash>`, where the hash
 * covers everything LINE would show (the request body and the image bytes). An unchanged menu
 * keeps its name, so running sync again finds it and leaves it alone; a changed one gets a new
 * name, so the old one is known to be stale. Names are never shown to users.
 */
import type { messagingApi } from '@line/bot-sdk'
import { MENU_KEYS, type MenuKey } from './definitions.ts'

export const NAME_PREFIX = 'bunko:'

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** `bunko:a:0123456789abcdef` for this request body (without its name) and image. */
export async function menuName(
  key: MenuKey,
  request: Omit<messagingApi.RichMenuRequest, 'name'>,
  image: Uint8Array,
): Promise<string> {
  const imageHash = await sha256Hex(image)
  const body = new TextEncoder().encode(`${JSON.stringify(request)}\n${imageHash}`)
  return `${NAME_PREFIX}${key}:${(await sha256Hex(body)).slice(0, 16)}`
}

/** The menu key of one of our names, or null for a menu this tool did not create. */
export function keyOfName(name: string): MenuKey | null {
  const m = /^bunko:([a-z-]{1,8}):[0-9a-f]{16}$/.exec(name)
  const key = MENU_KEYS.find((k) => k === m?.[1])
  return key ?? null
}
