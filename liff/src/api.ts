/**
 * Calls to the bot's /api with the LIFF ID token. A 401 re-reads the token once (it may have
 * been renewed); a second 401 or a 403 becomes an ApiFailure the pages show in words, and the
 * app shell hears of it (onAuthFailure) unless the 403 is about one family card (`patron`).
 */
import type { ApiError } from '../api-types.ts'
import { patronHeader } from './family.ts'
import { apiLang, t } from './i18n/index.ts'
import type { Session } from './session.ts'

/** A failed call: HTTP status 0 means the network, not the server. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message)
  }
}

let session: Promise<Session> | null = null
/** Whether `e` says the library's system cannot be reached (the bot's 503): the card still shows. */
export function systemDown(e: ApiFailure | null | undefined): boolean {
  return e?.status === 503 && e.body.code === 'library_unavailable'
}

let failure: ((e: ApiFailure) => void) | null = null
/** A 401/403 that came before the shell listened (a prefetch): told when it does. */
let unheard: ApiFailure | null = null

/** main.tsx hands over the session as LIFF starts; calls wait for it. */
export function connect(s: Promise<Session>): void {
  session = s
}

/** The LIFF session, for what only LINE can do (the code reader); null before connect(). */
export function liffSession(): Promise<Session> | null {
  return session
}

/** The app shell hears of 401 and 403 so it can replace the page with what to do. */
export function onAuthFailure(fn: ((e: ApiFailure) => void) | null): void {
  failure = fn
  if (fn && unheard) {
    const e = unheard
    unheard = null
    fn(e)
  }
}

/** How long a prefetched answer may wait for its page before it counts as stale. */
const PREFETCH_FRESH_MS = 10_000
const prefetched = new Map<string, { answer: Promise<unknown>; at: number; value?: unknown }>()

/**
 * How long an answer to the inline script's call may take before it is asked again the
 * ordinary way: a hung connection then ends as any other call does (LIFF's start has its own
 * limit, main.tsx), rather than leaving the page on its loading line.
 */
const EARLY_ANSWER_MS = 10_000

/** `answer`, or null if it has not come within `ms` (or failed). */
function within<T>(answer: Promise<T | null>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms)
    answer.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      },
    )
  })
}

/** Each first call: resolved once it has been handed to fetch (or has failed before that). */
const sent: Promise<void>[] = []
/** Each first call's answer, kept after its page has taken it (firstCallsAnswered). */
const answers: Promise<unknown>[] = []

/**
 * A GET the page about to be drawn will make, asked for now: sent as soon as LIFF has started
 * (api() waits for the session) rather than after the page's first render and layout (issue
 * 21: the card's cold start). `early`: the same call already sent by the page's inline script
 * (first-calls.ts); its answer is taken when it is a success or a 503 (the server waited for
 * the library's system already: asking again only waited as long once more, a walk's card
 * 15 s behind a hanging system), and anything else (no token, a 401, the network) is asked
 * again the ordinary way, so failures read as they always have.
 * The page's own first call for `path` takes the answer over (takePrefetched); a failure is
 * the page's to show.
 */
export function prefetch(
  path: string,
  early?: { answer: Promise<Response | null>; sent: Promise<unknown> },
): void {
  let onSent = () => {}
  sent.push(new Promise<void>((resolve) => (onSent = resolve)))
  const ordinary = () => call<unknown>('GET', path, undefined, null, onSent)
  const answer = early
    ? within(early.answer, EARLY_ANSWER_MS).then((res) =>
        res?.ok
          ? (res.json() as Promise<unknown>)
          : res?.status === 503
            ? errorBody(res).then((b) => Promise.reject(new ApiFailure(503, b)))
            : ordinary(),
      )
    : ordinary()
  early?.sent.then(onSent, onSent)
  answer.then(onSent, onSent)
  answer.catch(() => {})
  answers.push(answer)
  const kept: { answer: Promise<unknown>; at: number; value?: unknown } = { answer, at: Date.now() }
  answer.then(
    (value) => (kept.value = value),
    () => {},
  )
  prefetched.set(path, kept)
}

/**
 * Resolves once every first call (prefetch) is on its way: main.tsx renders then, so the first
 * render's layout, slow on a phone's CPU, never holds a call back.
 */
export function firstCallsSent(): Promise<void> {
  return Promise.all(sent).then(() => {})
}

/**
 * Resolves once every first call has been answered (or has failed): calls the page does not
 * need to draw (the cart's sync) wait for it, so they do not share a slow link with /api/me.
 */
export function firstCallsAnswered(): Promise<void> {
  return Promise.allSettled(answers).then(() => {})
}

/**
 * The prefetched answer for `path` if it has already arrived (a success), taken once while
 * fresh: the page draws it in its first render instead of one effect later.
 */
export function takeArrived<T>(path: string): T | null {
  const kept = prefetched.get(path)
  if (!kept || !('value' in kept) || Date.now() - kept.at >= PREFETCH_FRESH_MS) return null
  prefetched.delete(path)
  return kept.value as T
}

/** The prefetched answer for `path`, once, while fresh; null otherwise. */
export function takePrefetched<T>(path: string): Promise<T> | null {
  const kept = prefetched.get(path)
  prefetched.delete(path)
  return kept && Date.now() - kept.at < PREFETCH_FRESH_MS ? (kept.answer as Promise<T>) : null
}

/** `patron` (ACC-FAMILY) names the card the call is for; none = the account's first. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  patron?: number | null,
): Promise<T> {
  return call<T>(method, path, body, patron)
}

/** api(), telling `onSent` when the request has been handed to fetch (prefetch). */
async function call<T>(
  method: string,
  path: string,
  body: unknown,
  patron: number | null | undefined,
  onSent?: () => void,
): Promise<T> {
  if (!session) throw new ApiFailure(0, { code: 'internal', message: t.networkError })
  // LIFF did not start (liff.init failed, or did not settle in time: main.tsx).
  const s = await session.catch(() => {
    throw new ApiFailure(0, { code: 'internal', message: t.liffStartFailed })
  })
  const extra = patronHeader(patron)
  const sending = send(method, path, body, await s.token(false), extra)
  onSent?.()
  let res = await sending
  if (res.status === 401) res = await send(method, path, body, await s.token(true), extra)
  if (res.ok) return (await res.json()) as T
  const err = new ApiFailure(res.status, await errorBody(res))
  // A 403 for a card the call names (ACC-FAMILY: a family member's card that has lapsed, or
  // was unlinked elsewhere) is that card's section's to show: the account's other cards stay
  // usable, and its kept card stays (before, one lapsed card shut the whole app and made it
  // forget the account's own kept card).
  if (res.status === 401 || (res.status === 403 && patron == null)) {
    if (failure) failure(err)
    else unheard = err
  }
  throw err
}

async function send(
  method: string,
  path: string,
  body: unknown,
  token: string | null,
  extra: Record<string, string>,
) {
  const headers: Record<string, string> = { 'Accept-Language': apiLang(), ...extra }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    })
  } catch {
    throw new ApiFailure(0, { code: 'internal', message: t.networkError })
  }
}

async function errorBody(res: Response): Promise<ApiError> {
  try {
    const b = (await res.json()) as ApiError
    if (typeof b.code === 'string' && typeof b.message === 'string') return b
  } catch {}
  const code = res.status === 401 ? 'unauthorized' : res.status === 403 ? 'not_linked' : 'internal'
  const message = res.status === 401 ? t.expired : res.status === 403 ? t.notLinked : t.serverError
  return { code, message }
}
