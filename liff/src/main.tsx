/** @jsxImportSource preact */
/**
 * Entry. Order matters for LINE-CARD: mark the start, draw from the cached card, and only then
 * load LIFF (its own chunk) and ask the server. Nothing the first paint needs waits on LINE.
 * On a later open the page has already drawn the card before this bundle ran (early.ts); the
 * app replaces that drawing within the same task, so no frame shows a page without the card.
 */
import './start.ts'
import './styles.css'
import { render } from 'preact'
import { connect } from './api.ts'
import { App } from './app.tsx'
import { loadConfig } from './config.ts'
import { rememberedLang, setLang } from './i18n/index.ts'
import type { Session } from './session.ts'
import { firstSimulatorToken } from './sim-token.ts'
import { adoptOwner, cachedCard } from './store.ts'
import { registerServiceWorker } from './sw-register.ts'

setLang(rememberedLang())
const cached = cachedCard()

const sessionModule = import('./session.ts')
// In the page (bot/liff-page.ts), or asked for at once, alongside the LIFF chunk.
const config = loadConfig()
// Mock mode (simulator, tests): fetch liff-mock as soon as config says so, not after the SDK.
config.then((c) => (c.mock ? import('@line/liff-mock') : null)).catch(() => {})
// Mock mode: the simulator's ID token, asked for now rather than after LIFF has loaded.
const params = new URLSearchParams(location.search)
const simToken = config.then((c) => firstSimulatorToken(c, params)).catch(() => null)
// The marks time the cold path's steps (npm run bench:liff -- --steps).
const session: Promise<Session> = sessionModule.then(async (m) => {
  performance.mark('bunko:liff-loaded')
  const s = await m.startSession(await config, params, simToken)
  performance.mark('bunko:session')
  return s
})
// LIFF has said who is signed in: a card kept for anyone else is forgotten before any answer
// from the server is saved (registered first, so it runs before the pages' calls go on).
session.then((s) => adoptOwner(s.user)).catch(() => {})
connect(session)

const root = document.getElementById('app')!
root.replaceChildren()
render(<App cached={cached} session={session} config={config} />, root)
performance.mark('bunko:rendered')
registerServiceWorker()
