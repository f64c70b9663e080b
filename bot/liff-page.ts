/**
 * The LIFF app's page as bunko serves it (issue 21, a patron's cold start). The built
 * index.html gets:
 *  - config.json's answer inline (`<script type="application/json" id="bunko-config">`, data
 *    the browser never runs), so the app starts LIFF without asking for it: one round trip
 *    fewer before the card. /liff/config.json stays for older pages and tools.
 *  - in demo mode only, a modulepreload of the liff-mock chunk that the build names in
 *    `<meta name="bunko-liff-mock">`: fetched alongside the entry instead of after it. A
 *    production page never loads liff-mock.
 *  - a Content-Security-Policy that allows the page's own inline script (the cached card's
 *    first paint, liff/src/early.ts) and stylesheet by their SHA-256, nothing else inline.
 * Nothing about a patron is in the page: the same bytes for everyone, safe to keep in the
 * service worker's cache (liff/src/sw.ts).
 */
import type { LiffConfig } from '../liff/api-types.ts'
import type { Config } from './config.ts'
import { liffCsp } from './security-headers.ts'

export function liffConfig(config: Config): LiffConfig {
  return {
    liffId: config.line.liffId,
    mock: config.demo,
    libraryName: config.policy.libraryName,
    noticeSlots: config.policy.noticeSlots,
    ...(config.demo ? { simulatorOrigin: config.publicUrl } : {}),
  }
}

export interface LiffPage {
  html: string
  csp: string
}

/** JSON safe inside a <script> element: no `</script>`, no `<!--`. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
}

/** The hashes of the page's inline classic scripts (JSON data blocks are not scripts). */
async function inlineScriptHashes(html: string): Promise<string[]> {
  const hashes: string[] = []
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? ''
    if (/\ssrc=/.test(attrs) || /type="application\/json"/.test(attrs) || !m[2]) continue
    hashes.push(`'sha256-${await sha256Base64(m[2])}'`)
  }
  return hashes
}

/** The hashes of the page's inline stylesheets (the build puts the app's CSS inline). */
async function inlineStyleHashes(html: string): Promise<string[]> {
  const hashes: string[] = []
  for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/g))
    hashes.push(`'sha256-${await sha256Base64(m[1] ?? '')}'`)
  return hashes
}

export async function buildLiffPage(built: string, config: Config): Promise<LiffPage> {
  const liff = liffConfig(config)
  const head = `<script type="application/json" id="bunko-config">${inlineJson(liff)}</script>`
  const mock = built.match(/<meta name="bunko-liff-mock" content="([^"]+)"\s*\/?>/)
  // With the bundle's own preloads, after the first paint's script (liff/vite.config.ts).
  const tail =
    liff.mock && mock?.[1] ? `<link rel="modulepreload" crossorigin href="${mock[1]}">` : ''
  // Replacer functions: a `$&` or `$'` in the config (a library's name) is text, not a pattern.
  const html = built
    .replace('</head>', () => `${head}</head>`)
    .replace('</body>', () => `${tail}</body>`)
  return {
    html,
    csp: liffCsp(config, await inlineScriptHashes(html), await inlineStyleHashes(html)),
  }
}

/** One page per built index.html (a rebuild while running is picked up by its new bytes). */
export function liffPages(config: Config) {
  let last: { built: string; page: Promise<LiffPage> } | null = null
  return (built: string): Promise<LiffPage> => {
    if (last?.built !== built) last = { built, page: buildLiffPage(built, config) }
    return last.page
  }
}

/** The page as an answer: never stored by HTTP caches (the service worker keeps its own). */
export function liffPageResponse(page: LiffPage, status = 200): Response {
  return new Response(page.html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': page.csp,
    },
  })
}
