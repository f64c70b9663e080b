/**
 * LINE's API over node:http on Node (issue 21). @line/bot-sdk 11 sends every call through the
 * global `fetch`, and Node 20's `fetch` (undici and its web streams) costs about 0.5 ms of CPU
 * per call against about 0.1 ms for node:http: at LINE's 2,000 pushes a second that alone is
 * more than the dispatcher's whole budget. The SDK's clients take no HTTP client or fetch of
 * their own (MessagingApiClient builds its HTTPFetchClient in the constructor, and that calls
 * the global `fetch` by name), so the one seam is the global: `installLineFetch` replaces it,
 * once, with a function that sends a request itself only when it is for one of the configured
 * LINE API base URLs, given as a string or URL with a string body or none, and hands
 * everything else (other hosts, a `Request`, a Blob or form body such as a rich-menu image) to
 * the `fetch` it replaced, unchanged.
 *
 * What it keeps of `fetch`: the status, every header (x-line-request-id, retry-after,
 * x-line-accepted-request-id), the body methods and a streamed `body` for binary answers
 * (node-line-response.ts), an AbortSignal, and a lost connection rejecting with
 * `TypeError('fetch failed')` and the cause, as undici does (bunko's push retry counts it as
 * a passing fault). What it adds: a deadline (`timeoutMs`, default 30 s) from sending to the
 * whole answer (checked every tenth of it, at most every second), where Node's `fetch` waits
 * 300 s for headers and again for the body (a hung LINE would hold a push's lease for
 * minutes); and one silent repeat when a kept-alive socket
 * turns out to have been closed by the server before it answered anything (Node's own advice
 * for `reusedSocket`; a push repeats its X-Line-Retry-Key, so LINE would answer 409 if it had
 * the first one). Redirects are not followed (LINE's API does not redirect): a 3xx comes back
 * as it is. Connections are kept alive, up to `maxSockets` per origin.
 */
import { Buffer } from 'node:buffer'
import http from 'node:http'
import https from 'node:https'
import type { Config } from './config.ts'
import { Exchange, Link, type Target, target } from './node-line-exchange.ts'

export interface LineFetchOptions {
  /** From sending to the answer's last byte (to its headers for a binary answer, which streams). */
  timeoutMs?: number
  /** Connections per origin. */
  maxSockets?: number
}

export const LINE_FETCH_DEFAULTS = { timeoutMs: 30_000, maxSockets: 64 } as const

type Fetch = typeof globalThis.fetch

export interface LineFetch {
  fetch: Fetch
  /** Close the kept-alive connections. */
  close(): void
}

/** Whether `url` is under one of `bases` (same origin, path at or below the base's). */
function under(url: URL, bases: readonly URL[]): boolean {
  return bases.some(
    (b) =>
      url.origin === b.origin &&
      (b.pathname === '/' ||
        url.pathname === b.pathname ||
        url.pathname.startsWith(b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`)),
  )
}

/** Calls' URLs (as given) and their targets, or null for a URL that is not LINE's API. */
const TARGETS_KEPT = 256

/**
 * The caller's headers as Node's flat raw list (`[name, value, …]`), which node:http writes
 * as they are instead of one `setHeader` each, without any content-length (set from the
 * body) and with Host when the caller gave none.
 */
function rawHeaders(init: HeadersInit | undefined, host: string): string[] {
  const out: string[] = []
  let hasHost = false
  const add = (name: string, value: string) => {
    const lower = name.toLowerCase()
    if (lower === 'content-length') return
    if (lower === 'host') hasHost = true
    out.push(name, value)
  }
  if (init instanceof Headers) for (const [name, value] of init) add(name, value)
  else if (Array.isArray(init)) for (const [name, value] of init) add(name!, value!)
  else if (init)
    for (const name in init)
      if (Object.hasOwn(init, name)) add(name, (init as Record<string, string>)[name]!)
  if (!hasHost) out.push('Host', host)
  return out
}

/** A fetch for LINE's API over node:http, passing anything else to `fallback`. */
export function lineFetch(
  bases: readonly string[],
  fallback: Fetch,
  options: LineFetchOptions = {},
): LineFetch {
  const timeoutMs = options.timeoutMs ?? LINE_FETCH_DEFAULTS.timeoutMs
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? LINE_FETCH_DEFAULTS.maxSockets,
    // An idle socket is closed after this (or sooner if the server's Keep-Alive says so).
    timeout: 15_000,
  }
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) }
  const baseUrls = bases.map((b) => new URL(b))
  // By the URL's text: the SDK makes a new URL object for every call, to the same few URLs.
  const targets = new Map<string, Target | null>()
  const targetOf = (href: string, url: URL | null): Target | null => {
    let t = targets.get(href)
    if (t !== undefined) return t
    const parsed = url ?? (URL.canParse(href) ? new URL(href) : null)
    t = parsed && under(parsed, baseUrls) ? target(parsed) : null
    if (targets.size >= TARGETS_KEPT) targets.clear()
    targets.set(href, t)
    return t
  }

  const link = new Link(timeoutMs, agents)

  const leanFetch: Fetch = (input, init) => {
    const to =
      typeof input === 'string'
        ? targetOf(input, null)
        : input instanceof URL
          ? targetOf(input.href, input)
          : null
    const body = init?.body
    if (!to || (body != null && typeof body !== 'string')) return fallback(input, init)
    const method = (init?.method ?? 'GET').toUpperCase()
    // Node's fetch refuses a GET or HEAD with a body: let it say so.
    if (body != null && (method === 'GET' || method === 'HEAD')) return fallback(input, init)
    const signal = init?.signal ?? undefined
    if (signal?.aborted) return Promise.reject(signal.reason)
    const headers = rawHeaders(init?.headers, to.host)
    if (typeof body === 'string') headers.push('content-length', String(Buffer.byteLength(body)))
    const deadline = Date.now() + timeoutMs
    return new Promise<Response>((resolve, reject) => {
      new Exchange(link, { to, method, headers, body: body ?? undefined, signal, deadline }, true, {
        resolve,
        reject,
      })
    })
  }

  return {
    fetch: leanFetch,
    close() {
      agents['http:'].destroy()
      agents['https:'].destroy()
    },
  }
}

/**
 * Make the global `fetch` send LINE's API calls (the configured base URLs) over node:http, as
 * the Node entry does once at start. Returns the undo: the previous `fetch` back, connections
 * closed. See the file comment for why a global.
 */
export function installLineFetch(
  line: Pick<Config['line'], 'apiBaseUrl' | 'dataApiBaseUrl'>,
  options: LineFetchOptions = {},
): () => void {
  const previous = globalThis.fetch
  const lean = lineFetch([line.apiBaseUrl, line.dataApiBaseUrl], previous, options)
  globalThis.fetch = lean.fetch
  return () => {
    if (globalThis.fetch === lean.fetch) globalThis.fetch = previous
    lean.close()
  }
}
