/**
 * The committed menu images (rendered by render.ts), one `menu-<key>.png` per menu. Read from
 * disk, so this file is for the Node CLI only; the bot itself never needs the pictures.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MENU_KEYS, type MenuKey } from './definitions.ts'

export const IMAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'images')

export function imageFile(key: MenuKey, dir = IMAGES_DIR): string {
  return join(dir, `menu-${key}.png`)
}

export async function loadMenuImages(dir = IMAGES_DIR): Promise<Record<MenuKey, Uint8Array>> {
  const bytes = await Promise.all(MENU_KEYS.map((key) => readFile(imageFile(key, dir))))
  return Object.fromEntries(MENU_KEYS.map((key, i) => [key, new Uint8Array(bytes[i]!)])) as Record<
    MenuKey,
    Uint8Array
  >
}
