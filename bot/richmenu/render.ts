/**
 * Renders the rich menu images from the HTML template with headless Chromium, so the images
 * are generated from the project's own source. The PNGs are committed (bot/richmenu/images/),
 * so deploying never needs a browser; rerun after changing a label, icon or colour, naming the
 * menus to redraw (all of them when none is named). Fonts differ between machines, so a menu
 * that did not change is better left unnamed: a new picture is a new menu on LINE.
 *
 *   npx tsx bot/richmenu/render.ts [a b a-en b-en]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import type { Text } from '../../core/types.ts'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { MENU_KEYS, type MenuDefinition, type MenuKey, richMenuDefinitions } from './definitions.ts'
import { IMAGES_DIR, imageFile } from './images.ts'
import { menuHtml } from './template.ts'

/** LINE refuses rich menu images over 1 MB. */
export const MAX_IMAGE_BYTES = 1024 * 1024

/** Render every menu to PNG bytes with one browser. */
export async function renderMenuImages(
  defs: MenuDefinition[],
  libraryName: Text = HIRAKATA_POLICY.libraryName,
): Promise<Map<MenuKey, Uint8Array>> {
  const browser = await launchChromium()
  try {
    const out = new Map<MenuKey, Uint8Array>()
    for (const def of defs) {
      const page = await browser.newPage({ viewport: def.size, deviceScaleFactor: 1 })
      await page.setContent(menuHtml(def, libraryName), { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready)
      const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...def.size } })
      await page.close()
      if (png.byteLength > MAX_IMAGE_BYTES)
        throw new Error(`menu ${def.key}: ${png.byteLength} bytes, over LINE's 1 MB limit`)
      out.set(def.key, new Uint8Array(png))
    }
    return out
  } finally {
    await browser.close()
  }
}

/** Write images/menu-<key>.png for `keys`. The LIFF id does not change the pictures. */
export async function renderToFiles(
  keys: readonly MenuKey[] = MENU_KEYS,
  dir = IMAGES_DIR,
): Promise<string[]> {
  const all = richMenuDefinitions('render')
  const images = await renderMenuImages(keys.map((key) => all[key]))
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const [key, png] of images) {
    const path = imageFile(key, dir)
    await writeFile(path, png)
    written.push(path)
  }
  return written
}

function isMenuKey(s: string): s is MenuKey {
  return (MENU_KEYS as readonly string[]).includes(s)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const named = process.argv.slice(2)
  const unknown = named.filter((k) => !isMenuKey(k))
  if (unknown.length > 0) {
    console.error(`render: no menu ${unknown.join(', ')} (menus: ${MENU_KEYS.join(', ')})`)
    process.exit(2)
  }
  const keys = named.length > 0 ? named.filter(isMenuKey) : MENU_KEYS
  for (const path of await renderToFiles(keys)) console.log(`wrote ${path}`)
}
