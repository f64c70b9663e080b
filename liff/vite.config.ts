/**
 * The LIFF app's build: served by the bot under /liff/, output in dist/liff at the repo root.
 * The LIFF SDK gets its own chunk (loaded after the first paint, see src/main.tsx) so the
 * app's own JavaScript can be measured against its budget (liff/budget.ts).
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { rolldown } from 'rolldown'
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
        const mock = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.name === 'liff-mock',
        )
        // The English dictionary (src/i18n/index.ts): named for the page's inline script,
        // which preloads it when the phone speaks English (src/preload-lang.ts).
        const english = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.name === 'en',
        )
        return [
          ...chunks.map((c) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/liff/${c.fileName}` },
            injectTo: 'head' as const,
          })),
          // Named for the server, which preloads it in demo mode only (bot/liff-page.ts).
          ...(mock
            ? [
                {
                  tag: 'meta',
                  attrs: { name: 'bunko-liff-mock', content: `/liff/${mock.fileName}` },
                  injectTo: 'head' as const,
                },
              ]
            : []),
          ...(english
            ? [
                {
                  tag: 'meta',
                  attrs: { name: 'bunko-en', content: `/liff/${english.fileName}` },
                  injectTo: 'head' as const,
                },
              ]
            : []),
        ]
      },
    },
  }
}

/** One small TypeScript entry (early.ts, sw.ts) bundled into a minified classic script. */
async function classicScript(entry: string, define: Record<string, string> = {}) {
  const bundle = await rolldown({
    input: here(entry),
    logLevel: 'warn',
    transform: { define: { 'import.meta.env.BASE_URL': '"/liff/"', ...define } },
  })
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true })
    return output[0].code.trim()
  } finally {
    await bundle.close()
  }
}

/**
 * The cached card's first paint (src/early.ts) inline at the end of <body>, right after
 * #app: it runs while the page is parsed, before the bundle. The server allows it by its
 * hash in the page's Content-Security-Policy (bot/liff-page.ts).
 */
function earlyCard(): Plugin {
  return {
    name: 'bunko-early-card',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: async () => [
        { tag: 'script', children: await classicScript('src/early.ts'), injectTo: 'body' },
      ],
    },
  }
}

/**
 * The stylesheet inline in the page (2 KB gzipped): a linked one would hold the first paint
 * (early.ts) until it arrived, even from the service worker's cache, and costs a request
 * before the first paint on a cold open. It goes in two parts, split at styles.css's marker
 * rule: what the kept card's first paint styles in the head, the rest right after that paint's
 * script, where the parser reaches it once the card is drawn (parsing the whole sheet before
 * the script took about 9 ms of a warm open at 4× CPU). The server allows both by their hashes
 * (bot/liff-page.ts). The file stays in the build for a page of an older version that links it.
 */
const FIRST_PAINT_END = /\.bunko-first-paint-end\{[^}]*\}/

/** The built stylesheet before and after styles.css's marker rule (which neither keeps). */
function splitAtFirstPaint(css: string): [string, string] {
  const m = FIRST_PAINT_END.exec(css)
  if (!m) throw new Error('styles.css has lost its .bunko-first-paint-end marker rule')
  return [css.slice(0, m.index), css.slice(m.index + m[0].length)]
}

function inlineCss(): Plugin {
  return {
    name: 'bunko-inline-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html']
      if (page?.type !== 'asset' || typeof page.source !== 'string') return
      let html = page.source
      const later: string[] = []
      for (const [name, file] of Object.entries(bundle)) {
        if (file.type !== 'asset' || !name.endsWith('.css')) continue
        const link = new RegExp(`<link rel="stylesheet"[^>]*href="/liff/${name}"[^>]*>`)
        if (!link.test(html)) continue
        // The marker tells Vite's loader of lazy chunks that this stylesheet is in the page, so
        // it never holds the LIFF chunk until the file has come. Its type, one no browser
        // styles with, keeps it from being fetched (Chromium fetches a link that is only
        // disabled): on a cold open that request took one of the six connections the page,
        // its scripts and the first calls share, and held the simulator's token back.
        const marker = `<link rel="stylesheet" href="/liff/${name}" type="text/plain" disabled>`
        const [first, rest] = splitAtFirstPaint(String(file.source).trim())
        html = html.replace(link, () => `<style>${first}</style>${marker}`)
        later.push(`<style>${rest}</style>`)
      }
      // The bundle's tags after the first paint's script: the parser reaches it before the
      // browser starts compiling modules that a service worker hands over at once.
      const tags: string[] = []
      html = html.replace(
        /\s*<(script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g,
        (tag) => {
          tags.push(tag.trim())
          return ''
        },
      )
      page.source = html.replace('</body>', `${[...later, ...tags].join('\n')}\n</body>`)
    },
  }
}

/**
 * What the service worker keeps at install: every file but the camera reader (110 KB gzipped,
 * kept when first used). liff-mock (3 KB) is kept too: the demo needs it on every open, and
 * the first open fetched it before the worker was there to keep it.
 */
const KEEP_LATER = /^assets\/zxing-/

/**
 * /liff/sw.js (src/sw.ts) with this build's version and files. Written after the bundle, so
 * its version covers the finished index.html too: any change to the app is a new worker. The
 * worker's own source is in it as well, so a change to how the worker keeps the page starts
 * a new cache instead of sharing the old worker's.
 */
function serviceWorker(): Plugin {
  let outDir = ''
  return {
    name: 'bunko-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => /^assets\/.+\.(js|css)$/.test(f) && !KEEP_LATER.test(f))
        .sort()
        .map((f) => `/liff/${f}`)
      const html = await readFile(join(outDir, 'index.html'), 'utf8')
      const version = createHash('sha256')
        .update(html)
        .update(files.join('\n'))
        .update(await readFile(here('src/sw.ts'), 'utf8'))
        .digest('hex')
        .slice(0, 16)
      const shell = JSON.stringify({ version, files })
      await writeFile(
        join(outDir, 'sw.js'),
        await classicScript('src/sw.ts', { BUNKO_SHELL: shell }),
      )
    },
  }
}

export default defineConfig({
  root: here('.'),
  base: '/liff/',
  publicDir: false,
  plugins: [
    preact({ devToolsEnabled: false, prefreshEnabled: false }),
    preloadLiff(),
    earlyCard(),
    inlineCss(),
    serviceWorker(),
  ],
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
