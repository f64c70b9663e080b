/**
 * LIFF: the pluggable SDK with only the modules the app calls, loaded after the first paint
 * (main.tsx imports this file dynamically, so the card never waits for it). In mock mode (the
 * simulator and the tests) @line/liff-mock stands in for LINE, and the ID token comes from the
 * simulator for the user named by the `simUserId` (or `simUser`) query parameter.
 */
import CloseWindow from '@line/liff/close-window'
import liff from '@line/liff/core'
import GetAppLanguage from '@line/liff/get-app-language'
import GetIDToken from '@line/liff/get-id-token'
import GetLanguage from '@line/liff/get-language'
import IsApiAvailable from '@line/liff/is-api-available'
import IsInClient from '@line/liff/is-in-client'
import IsLoggedIn from '@line/liff/is-logged-in'
import Login from '@line/liff/login'
import ScanCodeV2 from '@line/liff/scan-code-v2'
import type { LiffMockApi } from '@line/liff-mock'
import type { LiffConfig } from '../api-types.ts'
import { simulatorIdToken, simulatorUser } from './sim-token.ts'

/** What the rest of the app needs from LINE. */
export interface Session {
  /** The ID token; `refresh` asks again (after a 401). null = none to be had. */
  token(refresh: boolean): Promise<string | null>
  /** The LINE app's language (liff.getAppLanguage(), older clients liff.getLanguage()). */
  language: string
  inClient: boolean
  /**
   * The LINE user id (the ID token's `sub`; in the simulator the user it names), to keep the
   * cached card to its owner (card-owner.ts); null when LINE gives no ID token.
   */
  user: string | null
  close(): void
  /**
   * LINE's code reader, `liff.scanCodeV2()` (`{ value }`), where LINE offers it; absent: the
   * app falls back to its own camera reader (ISBN scan, issue 19).
   */
  scanCodeV2?: () => Promise<{ value: string | null }>
}

performance.mark('bunko:liff-evaluated')

// IsInClient first: LiffMockPlugin reads liff.isInClient() when it is installed.
liff.use(new IsInClient())
liff.use(new GetIDToken())
liff.use(new GetLanguage())
liff.use(new GetAppLanguage())
liff.use(new CloseWindow())
liff.use(new IsLoggedIn())
liff.use(new Login())
liff.use(new IsApiAvailable())
liff.use(new ScanCodeV2())

/**
 * The language LINE itself is set to. getAppLanguage() (LIFF 2.24+, LINE 14.11+) is the app's
 * setting; getLanguage() is the phone's, the best an older client can say.
 */
function appLanguage(): string {
  try {
    const app = liff.getAppLanguage()
    if (app) return app
  } catch {}
  return liff.getLanguage()
}

export { loadConfig } from './config.ts'

/**
 * The `sub` (LINE user id) of an ID token, unverified: only to tell users apart on this phone
 * (the server verifies every token itself). Here, not in card-owner.ts, so this chunk shares
 * no module with the entry.
 */
export function tokenSubject(idToken: string | null): string | null {
  const part = idToken?.split('.')[1]
  if (!part) return null
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
    const sub = (JSON.parse(json) as { sub?: unknown }).sub
    return typeof sub === 'string' && sub ? sub : null
  } catch {
    return null
  }
}

/**
 * `firstToken`: in mock mode, the simulator's ID token already asked for (sim-token.ts
 * firstSimulatorToken), so LIFF's start does not wait a round trip for it.
 */
export async function startSession(
  config: LiffConfig,
  params: URLSearchParams,
  firstToken: Promise<string | null> | null = null,
): Promise<Session> {
  if (config.mock) return startMock(config, params, firstToken)
  await liff.init({ liffId: config.liffId })
  if (!liff.isLoggedIn()) {
    // Outside the LINE app (an external browser): LINE Login, then back here.
    liff.login({ redirectUri: location.href })
    return new Promise(() => {})
  }
  return {
    token: async () => liff.getIDToken(),
    language: appLanguage(),
    inClient: liff.isInClient(),
    user: tokenSubject(liff.getIDToken()),
    close: () => liff.closeWindow(),
    ...(liff.isApiAvailable('scanCodeV2') ? { scanCodeV2: () => liff.scanCodeV2() } : {}),
  }
}

async function startMock(
  config: LiffConfig,
  params: URLSearchParams,
  firstToken: Promise<string | null> | null,
): Promise<Session> {
  const { LiffMockPlugin } = await import('@line/liff-mock')
  // liff-mock types its plugin against the full SDK; the pluggable core is what it patches.
  liff.use(new LiffMockPlugin() as unknown as Parameters<typeof liff.use>[0])
  const mock = (liff as unknown as { $mock: LiffMockApi }).$mock
  await liff.init({ liffId: config.liffId, mock: true } as Parameters<typeof liff.init>[0])
  // The try-it page passes `simUserId` and a first `simIdToken`; `simUser` is accepted too.
  const userId = simulatorUser(params)
  const given = params.get('simIdToken')
  const origin = config.simulatorOrigin ?? location.origin
  const keep = (token: string | null) => {
    if (token) mock.set((prev) => ({ ...prev, getIDToken: token }))
    return token
  }
  const fetchToken = async () => keep(await simulatorIdToken(config, userId))
  // The simulator passes each simulated user's LINE language as `lang` (Japanese if none).
  const lang = params.get('lang') ?? 'ja'
  mock.set((prev) => ({ ...prev, getAppLanguage: lang, getLanguage: lang, isInClient: true }))
  if (given) keep(given)
  else if (!keep(await firstToken)) await fetchToken()
  // In the simulator's panel its code reader stands in for LINE's (bot/simulator client-scan).
  const framed = window.parent !== window
  return {
    token: async (refresh) => (refresh ? fetchToken() : liff.getIDToken()),
    language: appLanguage(),
    inClient: liff.isInClient(),
    user: tokenSubject(liff.getIDToken()) ?? userId,
    close: () => liff.closeWindow(),
    ...(framed
      ? { scanCodeV2: async () => (await import('./sim-scan.ts')).simulatorScan(origin) }
      : {}),
  }
}
