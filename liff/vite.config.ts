/**
 * The LIFF app's build: served by the bot under /liff/, output in dist/liff at the repo root.
 * The LIFF SDK gets its own chunk (loaded after the first paint, see src/main.tsx) so the
 * app's own JavaScript can be measured against its budget (liff/budget.ts).
 */
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Module ids of the LIFF SDK (@line/liff is a thin shell over the @liff/* packages). */
export const LIFF_SDK = /node_modules[\\/](@liff[\\/]|@line[\\/]liff[\\/]|tslib[\\/])/
export const LIFF_MOCK = /node_modules[\\/]@line[\\/]liff-mock[\\/]/
/** The barcode reader: loaded only when a scan falls back to the camera, or in the simulator. */
export const BARCODE_READER = /node_modules[\\/]@zxing[\\/]/

/**
 * The LIFF chunks (session.ts and the SDK) are loaded by a dynamic import after the entry has
 * run; listing them as modulepreload in index.html fetches them alongside the entry instead,
 * a round trip sooner on a slow network (issue 21). Preloading only fetches: the first paint
 * still never waits for LINE.
 */
function preloadLiff(): Plugin {
  return {
    name: 'bunko-preload-liff',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter(
          (c) => c.type === 'chunk' && (c.name === 'session' || c.name === 'liff-sdk'),
        )
        return chunks.map((c) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/liff/${c.fileName}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}

export default defineConfig({
  root: here('.'),
  base: '/liff/',
  publicDir: false,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), preloadLiff()],
  build: {
    outDir: here('../dist/liff'),
    emptyOutDir: true,
    target: ['es2020', 'safari14'],
    sourcemap: false,
    // LINE's in-app browsers support modulepreload; the polyfill would run before the card.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'liff-mock', test: LIFF_MOCK, priority: 2 },
            { name: 'zxing', test: BARCODE_READER, priority: 2 },
            { name: 'liff-sdk', test: LIFF_SDK, priority: 1 },
          ],
        },
      },
    },
  },
})
