/**
 * The first calls of a page opened straight from the rich menu (issue 21, the cold start).
 * In demo mode (the simulator, mock LIFF) the page's inline script (early.ts) sends them
 * itself as the page is parsed: the simulator's ID token, then /api/me and the rest with it,
 * while the bundle is still downloading. The entry (main.tsx) takes the answers over
 * (api.ts prefetch), and LIFF's mock start takes the token. Real LINE gives the ID token only
 * through liff.init, so a production page sends them from the entry once LIFF has started.
 */
import type { Lang, LiffConfig } from '../api-types.ts'
import { langFrom } from './i18n/lang.ts'
import type { RouteName } from './router.ts'
import { simulatorIdToken, simulatorUser } from './sim-token.ts'

/** What the pages opened straight from the rich menu ask for first. */
export const FIRST_CALLS: Partial<Record<RouteName, string[]>> = {
  card: ['/api/me', '/api/family'],
  loans: ['/api/family', '/api/loans'],
}

/** The calls the inline script started: null answers mean "not sent, ask again". */
export interface EarlyCalls {
  /** The simulator's ID token for the URL's user (null: none to be had). */
  token: Promise<string | null>
  /** Each first call's response, by path; null if it could not be sent. */
  answers: Record<string, Promise<Response | null>>
  /** The language the calls asked for: mock LIFF's, which the entry adopts at once. */
  lang: Lang
  /** Resolves once every call has been handed to fetch (or skipped for want of a token). */
  sent: Promise<void>
}

declare global {
  interface Window {
    /** Set by the page's inline script (early.ts) in demo mode; read by main.tsx. */
    __bunkoFirst?: EarlyCalls
  }
}

/**
 * Demo mode only: the token (from the URL's `simIdToken`, or asked of the simulator) and the
 * route's first calls with it, in the language mock LIFF will report (`lang`, as session.ts
 * startMock). Null outside demo mode, or for a route without first calls.
 */
export function startFirstCalls(
  config: LiffConfig | null,
  params: URLSearchParams,
  route: RouteName,
): EarlyCalls | null {
  const paths = FIRST_CALLS[route]
  if (!config?.mock || !paths) return null
  const given = params.get('simIdToken')
  const token = given
    ? Promise.resolve(given)
    : simulatorIdToken(config, simulatorUser(params)).catch(() => null)
  const lang = langFrom(params.get('lang') ?? 'ja')
  const answers: EarlyCalls['answers'] = {}
  for (const path of paths)
    answers[path] = token.then((idToken) =>
      idToken
        ? fetch(path, {
            headers: { 'Accept-Language': lang, Authorization: `Bearer ${idToken}` },
          }).catch(() => null)
        : null,
    )
  // After the calls' own callbacks on the same token, so they have all called fetch by then.
  const sent = token.then(() => {})
  return { token, answers, sent, lang }
}

/**
 * When the entry may start LIFF in demo mode (main.tsx): once the first calls are answered and
 * drawn (`drawn`), so LIFF's chunks do not take the main thread from them; at once if any early
 * call failed (no token, a 403 for a patron not linked yet, the network), since the entry asks
 * again the ordinary way and that waits for LIFF; and after `maxMs` whatever happens.
 */
export function liffStartGate(
  early: EarlyCalls,
  drawn: Promise<void>,
  maxMs: number,
): Promise<void> {
  return new Promise<void>((resolve) => {
    drawn.then(resolve, resolve)
    for (const answer of Object.values(early.answers))
      answer.then((res) => (res?.ok ? undefined : resolve()), resolve)
    setTimeout(resolve, maxMs)
  })
}
