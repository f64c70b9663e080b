/**
 * Re-renders the menu images with headless Chromium and checks what LINE checks: PNG,
 * 2500×1686, at most 1 MB. Not pixel equality (fonts differ between machines). Also checks
 * the committed images the same way, since those are what `npm run richmenu` uploads.
 */
import { readFile } from 'node:fs/promises'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { MENU_KEYS, richMenuDefinitions } from './definitions.ts'
import { imageFile } from './images.ts'
import { MAX_IMAGE_BYTES, renderMenuImages } from './render.ts'

function checkPng(bytes: Uint8Array) {
  expect(bytes.byteLength).toBeLessThanOrEqual(MAX_IMAGE_BYTES)
  expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a')
  const png = PNG.sync.read(Buffer.from(bytes))
  expect([png.width, png.height]).toEqual([2500, 1686])
  return png
}

/** Share of pixels that differ from the top-left pixel: a blank render would be ~0. */
function inkShare(png: PNG): number {
  let differing = 0
  const total = png.width * png.height
  for (let i = 0; i < total; i += 97) {
    const o = i * 4
    if (png.data[o] !== png.data[0] || png.data[o + 1] !== png.data[1]) differing++
  }
  return differing / Math.ceil(total / 97)
}

describe('rich menu images (LINE-MENU)', () => {
  it('LINE-MENU: renders every menu (Japanese and English) to PNG 2500×1686 under 1 MB, with content', async () => {
    const images = await renderMenuImages(Object.values(richMenuDefinitions('render')))
    expect([...images.keys()]).toEqual(['a', 'b', 'a-en', 'b-en'])
    for (const bytes of images.values()) {
      const png = checkPng(bytes)
      expect(inkShare(png)).toBeGreaterThan(0.2)
    }
  }, 60_000)

  it('LINE-MENU: the committed images are valid for LINE', async () => {
    for (const key of MENU_KEYS) checkPng(new Uint8Array(await readFile(imageFile(key))))
  })
})
