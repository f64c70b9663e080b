/**
 * The floors of `npm run bench:liff` (test/bench/liff.ts): what Chromium itself takes, in the
 * same harness, to run a page's one inline script when the page is opened again, so the warm
 * card can be read against the least any page can do here.
 */
import { createServer } from 'node:http'

/**
 * The floor's worker (under /sw/): keeps the page when installed and answers every navigation
 * from its cache, nothing else; the least a worker can do for a page.
 */
const FLOOR_WORKER = `
const PAGE = new URL('./', self.location).href
self.addEventListener('install', (e) => e.waitUntil(caches.open('floor').then((c) => c.add(PAGE))))
self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate')
    e.respondWith(caches.match(PAGE).then((kept) => kept || fetch(e.request)))
})`

/** What a timed page writes first on the console when it says a time (test/bench/liff.ts). */
export const SAID = 'bunko-bench'

/**
 * The isolation header bunko's LIFF page carries (bot/app.ts), which the worker's floor
 * carries too: opened from another page in the same tab, a page with it starts a new browsing
 * context group. (With Origin-Agent-Cluster: ?1 beside it, as the page had until 2026-12-05,
 * each open also started a new renderer process: this floor was 90-105 ms, 58-68 without it.)
 */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin' }

export interface Floor {
  /** The bare page, kept in the HTTP cache. */
  url: string
  /** The bare page answered by a service worker from its cache (no-cache, with ISOLATION). */
  sw: string
  close(): void
}

/** The floor's page: one inline script, nothing to fetch; kept in the HTTP cache (or, under
 * /sw/, in its worker's cache), so the measured open, like the app's warm one, makes no request. */
export async function serveFloor(): Promise<Floor> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>floor</title><div id="app"></div>' +
    `<script>window.__benchFloor = performance.now(); console.debug('${SAID}', '__benchFloor', window.__benchFloor)</script>`
  const register = "<script>navigator.serviceWorker.register('/sw/worker.js')</script>"
  const server = createServer((req, res) => {
    if (req.url === '/sw/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(FLOOR_WORKER)
      return
    }
    const sw = req.url === '/sw/'
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': sw ? 'no-cache' : 'max-age=3600',
        ...(sw ? ISOLATION : {}),
      })
      .end(sw ? html + register : html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const origin = `http://127.0.0.1:${port}`
  return { url: `${origin}/`, sw: `${origin}/sw/`, close: () => server.close() }
}
