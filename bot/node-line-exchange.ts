/**
 * One request to LINE's API over node:http and its answer (node-line-fetch.ts says why the
 * transport exists and what it keeps of `fetch`): where a call goes, the deadline every open
 * request shares one timer for, and the one silent repeat on a kept-alive socket the server had
 * already closed.
 */
import { Buffer } from 'node:buffer'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { isSmallBody, type LineBody, LineResponse } from './node-line-response.ts'

/** Where a LINE call goes, worked out once per URL (a push is always the same URL). */
export interface Target {
  url: URL
  isHttps: boolean
  hostname: string
  port: string | number
  path: string
  /** The Host header Node would send. */
  host: string
}

export function target(url: URL): Target {
  const isHttps = url.protocol === 'https:'
  return {
    url,
    isHttps,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port || (isHttps ? 443 : 80),
    path: url.pathname + url.search,
    host: url.host,
  }
}

/** A failure as undici reports it: `TypeError('fetch failed')` with the reason as cause. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })

const timedOut = (ms: number) =>
  Object.assign(new Error(`LINE did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })

type Agents = Record<'http:' | 'https:', http.Agent>

/** What one call sends, kept for the one silent repeat. */
export interface Call {
  to: Target
  method: string
  headers: string[]
  body: string | undefined
  signal: AbortSignal | undefined
  deadline: number
}

/**
 * The transport's open requests and their deadlines: one timer checks them all, every tenth
 * of the timeout (at most a second), rather than a timer set and cleared for each request.
 *
 * The open requests are an array, each request knowing its place, not a `Set`: V8 rebuilds a
 * Set's table as entries come and go and links the old table to the new one without clearing
 * it, so once one table had lived long enough to reach the old generation, every later table
 * and every request they held (its body, its answer, the promises waiting on it) survived the
 * young-generation collections until the next full one. At LINE's rate that was about 8 KB
 * of every push promoted and the old generation growing by 60 MB between full collections
 * (issue 21).
 */
export class Link {
  readonly #open: Exchange[] = []
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(
    readonly timeoutMs: number,
    readonly agents: Agents,
  ) {}

  add(ex: Exchange): void {
    if (ex.slot >= 0) return
    ex.slot = this.#open.length
    this.#open.push(ex)
    this.#timer ??= setInterval(
      () => this.#sweep(),
      Math.min(1000, Math.max(10, this.timeoutMs / 10)),
    ).unref()
  }

  delete(ex: Exchange): void {
    const open = this.#open
    if (ex.slot >= 0 && open[ex.slot] === ex) {
      // The last request takes the place of the one leaving.
      const last = open.pop()!
      if (last !== ex) {
        open[ex.slot] = last
        last.slot = ex.slot
      }
    }
    ex.slot = -1
    if (open.length || !this.#timer) return
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** How many requests are open (for tests). */
  get size(): number {
    return this.#open.length
  }

  #sweep(): void {
    const now = Date.now()
    // Stopping a request takes it out of the list: walk a copy.
    for (const ex of [...this.#open]) {
      if (now < ex.call.deadline) continue
      const reason = timedOut(this.timeoutMs)
      ex.stop(fetchFailed(reason), reason)
    }
  }
}

const EXCHANGE = Symbol('exchange')
type Tagged = { [EXCHANGE]?: Exchange }

/**
 * One request to LINE and its answer. Its listeners are shared functions that find it on the
 * request or message (no closures made per request: tsx names every closure it makes).
 */
export class Exchange {
  answered = false
  settled = false
  /** Its place among the link's open requests, -1 when not open. */
  slot = -1
  readonly chunks: Buffer[] = []
  readonly request: http.ClientRequest

  constructor(
    readonly link: Link,
    readonly call: Call,
    readonly repeat: boolean,
    readonly done: { resolve(res: Response): void; reject(err: unknown): void },
  ) {
    const { to } = call
    const request = (to.isHttps ? https : http).request({
      protocol: to.isHttps ? 'https:' : 'http:',
      hostname: to.hostname,
      port: to.port,
      path: to.path,
      method: call.method,
      headers: call.headers,
      agent: link.agents[to.isHttps ? 'https:' : 'http:'],
    })
    this.request = request
    ;(request as Tagged)[EXCHANGE] = this
    link.add(this)
    call.signal?.addEventListener('abort', this, { once: true })
    request.on('error', onRequestError)
    request.on('response', onResponse)
    request.end(call.body)
  }

  /** The caller's AbortSignal fired. */
  handleEvent(): void {
    const reason = this.call.signal?.reason
    this.stop(reason, reason)
  }

  /** No deadline and no abort any more: the answer is settled, or streams to the caller. */
  release(): void {
    this.link.delete(this)
    this.call.signal?.removeEventListener('abort', this)
  }

  finish(err: unknown, res?: Response): void {
    if (this.settled) return
    this.settled = true
    this.release()
    if (err) this.done.reject(err)
    else this.done.resolve(res!)
  }

  fail(err: unknown): void {
    if (this.settled) return
    // The server closed a kept-alive socket before this request reached it: send again.
    const code = (err as { code?: string }).code
    if (
      this.repeat &&
      !this.answered &&
      this.request.reusedSocket &&
      (code === 'ECONNRESET' || code === 'EPIPE')
    ) {
      this.settled = true
      this.release()
      new Exchange(this.link, this.call, false, this.done)
      return
    }
    const { signal } = this.call
    this.finish(signal?.aborted ? signal.reason : fetchFailed(err))
  }

  stop(err: unknown, reason: unknown): void {
    this.finish(err)
    this.request.destroy(reason as Error)
  }
}

function onRequestError(this: Tagged, err: Error) {
  this[EXCHANGE]!.fail(err)
}

function onResponse(this: Tagged, message: IncomingMessage) {
  const ex = this[EXCHANGE]!
  ex.answered = true
  ;(message as Tagged)[EXCHANGE] = ex
  message.on('error', onMessageError)
  if (!isSmallBody(message.headers['content-type'])) {
    // A binary answer streams to the caller; the deadline no longer applies to it.
    ex.release()
    const streamed: LineBody = { kind: 'stream', message }
    ex.finish(null, new LineResponse(message, streamed, ex.call.to.url.href))
    return
  }
  message.on('data', onData)
  message.on('end', onEnd)
}

function onMessageError(this: Tagged, err: Error) {
  this[EXCHANGE]!.fail(err)
}

function onData(this: Tagged, chunk: Buffer) {
  this[EXCHANGE]!.chunks.push(chunk)
}

function onEnd(this: IncomingMessage & Tagged) {
  const ex = this[EXCHANGE]!
  const { chunks } = ex
  const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
  ex.finish(null, new LineResponse(this, { kind: 'buffer', data }, ex.call.to.url.href))
}
