/** @jsxImportSource preact */
/**
 * Entry. Order matters for LINE-CARD: mark the start, draw from the cached card, and only then
 * load LIFF (its own chunk) and ask the server. Nothing the first paint needs waits on LINE.
 */
import './start.ts'
import './styles.css'
import { render } from 'preact'
import { connect } from './api.ts'
import { App } from './app.tsx'
import { loadConfig } from './config.ts'
import { rememberedLang, setLang } from './i18n/index.ts'
import type { Session } from './session.ts'
import { cachedCard } from './store.ts'

setLang(rememberedLang())
const cached = cachedCard()

const sessionModule = import('./session.ts')
// Asked for at once, alongside the LIFF chunk, not after it.
const config = loadConfig()
// Mock mode (simulator, tests): fetch liff-mock as soon as config says so, not after the SDK.
config.then((c) => (c.mock ? import('@line/liff-mock') : null)).catch(() => {})
const session: Promise<Session> = sessionModule.then(async (m) =>
  m.startSession(await config, new URLSearchParams(location.search)),
)
connect(session)

render(<App cached={cached} session={session} config={config} />, document.getElementById('app')!)
