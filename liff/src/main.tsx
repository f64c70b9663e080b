/** @jsxImportSource preact */
/**
 * Entry. Order matters for LINE-CARD: mark the start, draw from the cached card, and only then
 * load LIFF (its own chunk) and ask the server. Nothing the first paint needs waits on LINE;
 * without a kept card there is nothing to draw yet, and LIFF starts first (see below).
 * On a later open the page has already drawn the card before this bundle ran (early.ts); the
 * app replaces that drawing within the same task, so no frame shows a page without the card.
 * In demo mode the page has also sent the first calls already (first-calls.ts): this takes
 * their answers over instead of waiting for LIFF to send them.
 */
import './start.ts'
import './styles.css'
import { render } from 'preact'
import { connect, firstCallsAnswered, firstCallsSent, prefetch } from './api.ts'
import { App } from './app.tsx'
import { loadConfig } from './config.ts'
import { FIRST_CALLS, liffStartGate } from './first-calls.ts'
import { rememberedLang, setLang } from './i18n/index.ts'
import { langFrom } from './i18n/lang.ts'
import { currentRoute } from './router.ts'
import type { Session } from './session.ts'
import { firstSimulatorToken } from './sim-token.ts'
import { adoptOwner, cachedCard } from './store.ts'
import { registerServiceWorker } from './sw-register.ts'

// Mock mode: the first calls the page's inline script sent (first-calls.ts), with their token
// and in the language mock LIFF will report, so the first render already speaks it.
const early = window.__bunkoFirst
// Japanese at once; English once its chunk is in (the first render waits for it, below).
const langReady = setLang(early?.lang ?? rememberedLang()).catch(() => {})
const cached = cachedCard()

/**
 * Demo mode with the first calls already sent: nothing the page draws first waits for LIFF,
 * so its chunks (the SDK alone keeps a phone's CPU busy for a while) are evaluated once those
 * calls are answered and drawn (at most 1 s), not while their answers wait for the main
 * thread. Their download is not held back: the page preloads them.
 */
let answersDrawn: () => void = () => {}
const liffMayStart = early
  ? liffStartGate(early, new Promise<void>((resolve) => (answersDrawn = resolve)), 1000)
  : Promise.resolve()
const sessionModule = liffMayStart.then(() => import('./session.ts'))
// In the page (bot/liff-page.ts), or asked for at once, alongside the LIFF chunk.
const config = loadConfig()
// Mock mode (simulator, tests): fetch liff-mock as soon as config says so, not after the SDK.
config
  .then((c) => (c.mock ? liffMayStart.then(() => import('@line/liff-mock')) : null))
  .catch(() => {})
// Mock mode: the simulator's ID token, asked for now rather than after LIFF has loaded.
const params = new URLSearchParams(location.search)
const simToken =
  early?.token ?? config.then((c) => firstSimulatorToken(c, params)).catch(() => null)
// The marks time the cold path's steps (npm run bench:liff -- --steps).
const started: Promise<Session> = sessionModule.then(async (m) => {
  performance.mark('bunko:liff-loaded')
  const s = await m.startSession(await config, params, simToken)
  performance.mark('bunko:session')
  return s
})
/**
 * How long LIFF may take to start. liff.init has been known to hang in LINE's in-app browser;
 * past this the pages say to close the screen and open it again (api.ts), rather than showing
 * their loading line for ever. (A LINE Login redirect never settles either: the page is
 * leaving then.)
 */
const LIFF_START_MS = 15_000
const session: Promise<Session> = Promise.race([
  started,
  new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('LIFF did not start')), LIFF_START_MS)
  }),
])
// LIFF has said who is signed in: a card kept for anyone else is forgotten before any answer
// from the server is saved (registered first, so it runs before the pages' calls go on).
session.then((s) => adoptOwner(s.user)).catch(() => {})
// LINE's language before any call is sent (each names it in Accept-Language).
session.then((s) => setLang(langFrom(s.language))).catch(() => {})
connect(session)

// Sent the moment LIFF has started, not after the page's first render and layout; in demo mode
// already on their way, sent by the page's inline script.
const route = currentRoute().name
const firstCalls = FIRST_CALLS[route] ?? []
for (const path of firstCalls) {
  const answer = early?.answers[path]
  prefetch(path, answer && { answer, sent: early.sent })
}
const root = document.getElementById('app')!
let drawn = false
let pageDrawn: () => void = () => {}
// A task after the answers are in and the page is drawn (which may wait for the English
// chunk): the pages have drawn the answers by then.
Promise.all([firstCallsAnswered(), new Promise<void>((resolve) => (pageDrawn = resolve))]).then(
  () => setTimeout(answersDrawn, 0),
)
function draw(): void {
  if (drawn) return
  drawn = true
  root.replaceChildren()
  render(<App cached={cached} session={session} config={config} />, root)
  performance.mark('bunko:rendered')
  pageDrawn()
}
if (cached) {
  // The English chunk is awaited for at most 1 s: a page the inline script did not draw is
  // never left blank because the chunk is slow.
  langReady.then(draw)
  setTimeout(draw, 1000)
} else {
  // No kept card: the first render has only a loading line to show. It waits until the first
  // calls are on their way (or, for a page without any, LIFF has started; at most 1 s), so that
  // the page's first layout, slow on a phone's CPU, overlaps their round trip instead of
  // holding them (or LIFF) back. Sent by the page itself (demo mode), they have usually been
  // answered by the time this runs: then the first render draws the answers, and the phone
  // lays out one page, not a loading line and then the page.
  const ready: Promise<unknown> = !firstCalls.length
    ? session
    : early
      ? firstCallsAnswered()
      : firstCallsSent()
  langReady.then(() => ready).then(draw, draw)
  setTimeout(draw, 1000)
}
registerServiceWorker()
