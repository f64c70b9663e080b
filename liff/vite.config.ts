/**
 * The LIFF app's build: served by the bot under /liff/, output in dist/liff at the repo root.
 * The LIFF SDK gets its own chunk (loaded after the first paint, see src/main.tsx) so the
 * app's own JavaScript can be measured against its budget (liff/budget.ts).
 */
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Module ids of the LIFF SDK (@line/liff is a thin shell over the @liff/* packages). */
export const LIFF_SDK = /node_modules[\\/](@liff[\\/]|@line[\\/]liff[\\/]|tslib[\\/])/
export const LIFF_MOCK = /node_modules[\\/]@line[\\/]liff-mock[\\/]/
/** The barcode reader: loaded only when a scan falls back to the camera, or in the simulator. */
export const BARCODE_READER = /node_modules[\\/]@zxing[\\/]/

export default defineConfig({
  root: here('.'),
  base: '/liff/',
  publicDir: false,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
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
