/**
 * The LIFF app's service worker (issue 21: the card in under 100 ms on a later open). Built
 * by liff/vite.config.ts into /liff/sw.js with `BUNKO_SHELL`: this build's version and its
 * files (the entry, the card's chunks, the CSS, the LIFF SDK, the lazy pages; not the camera
 * reader, which is kept when first used).
 *
 * - The page (any navigation under /liff/) is answered from the cache at once, and fetched
 *   again in the background: a new page replaces the kept one only once every file it names
 *   is kept too, so an open that finds itself offline always has a whole app. The page is
 *   kept without its modulepreload links (`withoutPreloads`).
 * - /liff/assets/* (content-hashed names) come from the cache, else the network, and are kept.
 * - Nothing else is touched: /api/ (loans, holds, the card: patron data), config.json, the
 *   simulator and this script go to the network as if there were no worker. The only patron
 *   data on the phone is the card in localStorage (store.ts), which the app owns and forgets.
 * - A new deploy changes this script (new file names, new version): the browser installs it
 *   on the next open, it keeps its own files, and it takes over when no LIFF page of the old
 *   version is open any more (the patron closes the LIFF window), so a page never mixes two
 *   versions' chunks. Its activation deletes the older versions' caches.
 * LINE's in-app browser on Android runs service workers; where a WebView offers none (iOS
 * without app-bound domains) the app works as before, from the HTTP cache.
 */
declare const BUNKO_SHELL: { version: string; files: string[] }

// The few worker types used, declared here: the project's lib is the DOM's, not the worker's.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(answer: Promise<Response>): void
}
declare const self: {
  readonly location: Location
  addEventListener(type: 'install' | 'activate', fn: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', fn: (event: FetchEvent) => void): void
}

export {}

const SHELL = BUNKO_SHELL
const BASE = '/liff/'
const CACHE = `bunko-liff-${SHELL.version}`

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(SHELL.files)
      // Kept the way a refresh keeps it, with every file it names: a deploy since this worker
      // was built names newer files. Without a kept page the install fails and is tried again.
      await refresh(cache)
      if (!(await cache.match(BASE))) throw new Error('the page could not be kept')
    }),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('bunko-liff-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      ),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  if (req.method !== 'GET') return
  const url = new URL(req.url)
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return
  if (req.mode === 'navigate') event.respondWith(page(event))
  else if (url.pathname.startsWith(`${BASE}assets/`)) event.respondWith(asset(req))
})

async function page(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(BASE)
  if (kept) {
    // Answered as kept, its body streamed from the cache like any file's; the page is asked
    // for again only once the answer is on its way, not before.
    event.waitUntil(
      new Promise((resolve) => setTimeout(resolve, 0)).then(() => refresh(cache).catch(() => null)),
    )
    return kept
  }
  return (await refresh(cache).catch(() => null)) ?? fetch(event.request)
}

/**
 * The page as this worker keeps it: less its `<link rel="modulepreload">` tags. On a first
 * open they fetch the LIFF chunks alongside the entry; on a later open every file is in this
 * cache, so they only cost the page's main thread, before the kept card's first paint:
 * requesting and taking in five files from the worker held the inline script back (npm run
 * bench:liff, warm card 173–219 ms with them, 142–169 ms without, alternated runs). The
 * entry still imports each chunk when it needs it, from this cache. Taken out when the page is
 * kept, not when it is answered: reading the kept body and answering with a new one held a
 * later open's page back by some 10 ms (the worker answered in ~20 ms, the bench's floor in
 * ~10). The body is decoded text now, so the stored length and encoding no longer describe it.
 */
async function withoutPreloads(res: Response): Promise<Response> {
  const html = (await res.text()).replace(/<link rel="modulepreload"[^>]*>/g, '')
  const headers = new Headers(res.headers)
  headers.delete('Content-Length')
  headers.delete('Content-Encoding')
  return new Response(html, { status: res.status, statusText: res.statusText, headers })
}

/** The page from the network, kept once every file it names is kept. */
async function refresh(cache: Cache): Promise<Response | null> {
  const res = await fetch(BASE, { cache: 'no-cache' })
  if (!res.ok || res.redirected) return null
  const html = await res.clone().text()
  for (const [path] of html.matchAll(/\/liff\/assets\/[\w.-]+\.(?:js|css)/g)) {
    if (await cache.match(path)) continue
    const file = await fetch(path)
    if (!file.ok) return res
    await cache.put(path, file)
  }
  await cache.put(BASE, await withoutPreloads(res.clone()))
  return res
}

async function asset(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(req)
  if (kept) return kept
  const res = await fetch(req)
  if (res.ok) await cache.put(req, res.clone())
  return res
}
