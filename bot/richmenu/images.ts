/**
 * The committed menu images (rendered by render.ts). Read from disk, so this file is for the
 * Node CLI only; the bot itself never needs the pictures.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MenuKey } from './definitions.ts'

export const IMAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'images')

export async function loadMenuImages(dir = IMAGES_DIR): Promise<Record<MenuKey, Uint8Array>> {
  const [a, b] = await Promise.all([
    readFile(join(dir, 'menu-a.png')),
    readFile(join(dir, 'menu-b.png')),
  ])
  return { a: new Uint8Array(a), b: new Uint8Array(b) }
}
