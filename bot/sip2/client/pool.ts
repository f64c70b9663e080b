/**
 * A pool of logged-in SIP2 connections to the library's system. A connection is opened and
 * logged in (login.ts) when needed, reused while it lives, and dropped on any failure; the
 * next request opens a fresh one (reconnect, re-login).
 *
 * Reads (63, 17, 99, 23) are tried up to `readAttempts` times on fresh connections. A write
 * (29, 65, 15) is sent once: if its answer is lost after sending, it fails with `sent` set and
 * the adapter answers `library_unavailable` — never a second renewal or hold. (97, resend, is
 * used for both inside a connection: it asks for the last answer again, not the action.)
 * Every request, retries included, takes a token from one bucket (SIP2_MAX_RPS).
 *
 * A patron waits about two timeouts at most, not six or more (a review measured 15 s for one
 * request and 35–50 s for twelve at once against a system that stopped answering):
 *  - a timeout on a fresh connection (connecting, logging in, or the request itself) ends the
 *    tries: a system that did not answer a new connection will not answer the next one. A kept
 *    connection that times out is tried again once, on a fresh one (a firewall may have
 *    dropped it while idle), and the other kept connections are dropped with it;
 *  - while the system is not known to answer (at start, or once it stopped), one request finds
 *    out and the others wait for its answer, no longer than it can take: they go on if it got
 *    one and fail at once if not. Requests queued for a connection fail at once when the
 *    system stops answering meanwhile;
 *  - once a fresh connection has timed out (the system hangs), requests fail at once for one
 *    more timeout (`coolOffUntil`): a patron's next call (the card after /api/me, もう一度) is
 *    told at once, and a hanging system is not sent a connection a request. A system that
 *    refuses connections is asked again at once: that costs nobody a wait.
 */
import { type Charset, field, type Sip2Message, scStatusRequest } from '../index.ts'
import { type ChecksumMode, type Sip2Connection, Sip2Failure } from './connection.ts'
import { loggedIn } from './login.ts'
import { TokenBucket } from './rate.ts'
import type { Connector } from './socket.ts'
import { within } from './within.ts'

export interface PoolOptions {
  host: string
  port: number
  tls: boolean
  user: string
  password: string
  location: string
  charset: Charset
  checksum: ChecksumMode
  /** Per request, from sending to the answer (97s included). */
  timeoutMs: number
  maxConnections: number
  maxRps: number
  readAttempts?: number
}

/** What the system said about itself in 98 (ACS status), kept from the last one read. */
export interface AcsStatus {
  online: boolean
  /** BX: which of the 16 standard messages it supports, in the standard's order. */
  supported: string
  institution: string | null
}

export interface PoolHealth {
  /** ok: the last request got an answer; unreachable: it did not; unknown: none yet. */
  state: 'ok' | 'unreachable' | 'unknown'
  since: number | null
  open: number
}

export class Sip2Pool {
  private idle: Sip2Connection[] = []
  private open = 0
  private waiting: (() => void)[] = []
  private readonly bucket: TokenBucket
  private health: PoolHealth = { state: 'unknown', since: null, open: 0 }
  /** The request finding out whether the system answers: `done` is true once it did. */
  private probe: { since: number; done: Promise<boolean>; settle(answered: boolean): void } | null =
    null
  /** Until when (ms) requests fail at once: a fresh connection timed out (see the file comment). */
  private coolOffUntil = 0
  /** Messages sent to the system (requests, logins, retries; 97s not counted). */
  requests = 0
  status: AcsStatus | null = null

  constructor(
    private readonly connector: Connector,
    private readonly opts: PoolOptions,
  ) {
    this.bucket = new TokenBucket(opts.maxRps)
  }

  /** A request that changes nothing: retried on a fresh connection when its answer is lost. */
  read(msg: Sip2Message): Promise<Sip2Message> {
    return this.send(msg, false)
  }

  /** A request that acts (renew, hold): sent once. */
  write(msg: Sip2Message): Promise<Sip2Message> {
    return this.send(msg, true)
  }

  /** 99 → 98, read when the pool has no status yet (capabilities) or for /healthz. */
  async acsStatus(): Promise<AcsStatus> {
    const answer = await this.read(scStatusRequest())
    if (answer.code !== '98') throw new Sip2Failure('damaged', true)
    this.status = {
      online: answer.fixed.onlineStatus === 'Y',
      supported: field(answer, 'BX') ?? '',
      institution: field(answer, 'AO') ?? null,
    }
    return this.status
  }

  /** The system's charset: what text sent to it must fit. */
  get charset(): Charset {
    return this.opts.charset
  }

  healthNow(): PoolHealth {
    return { ...this.health, open: this.open }
  }

  async close(): Promise<void> {
    for (const c of this.idle) c.close()
    this.idle = []
  }

  private async send(msg: Sip2Message, write: boolean): Promise<Sip2Message> {
    if (this.health.state === 'ok') return this.attempts(msg, write)
    if (Date.now() < this.coolOffUntil) throw new Sip2Failure('down', false)
    // Not known to answer (just started, or it stopped): one request finds out, the others
    // wait for its answer, each no longer than that request can take (on Workers the request
    // finding out may be cancelled with its patron's, and its answer never come).
    const probe = this.probe
    const left = probe ? probe.since + this.waitMs() - Date.now() : 0
    if (probe && left > 0) {
      const outcome = await within(probe.done, left)
      if (outcome !== 'late' && 'value' in outcome && outcome.value)
        return this.attempts(msg, write)
      throw new Sip2Failure('down', false)
    }
    let settle: (answered: boolean) => void = () => {}
    const done = new Promise<boolean>((r) => (settle = r))
    const mine = { since: Date.now(), done, settle }
    this.probe = mine
    try {
      return await this.attempts(msg, write)
    } finally {
      // Answered (a login or an answer marks the pool ok, which settles it true), or not.
      settle(this.answering())
      if (this.probe === mine) this.probe = null
    }
  }

  /**
   * How long a request waits for another (the one finding out, a connection in use): about
   * the longest one request's tries take — a kept connection's timeout, then a connect, a
   * login and the request on a fresh one. On Workers the other may be cancelled and never
   * end: no request waits for ever.
   */
  waitMs(): number {
    return 4 * this.opts.timeoutMs + 1000
  }

  private async attempts(msg: Sip2Message, write: boolean): Promise<Sip2Message> {
    let last: Sip2Failure | null = null
    let lastFresh = false
    for (let attempt = 0; attempt < (this.opts.readAttempts ?? 3); attempt++) {
      if (last && !worthAnother(last, lastFresh, write)) break
      await this.bucket.take()
      let conn: Sip2Connection
      let reused: boolean
      try {
        ;({ conn, reused } = await this.acquire())
      } catch (err) {
        last = err instanceof Sip2Failure ? err : new Sip2Failure('connect', false)
        lastFresh = true
        this.markIfHanging(last, lastFresh)
        continue
      }
      try {
        this.requests++
        const answer = await conn.request(msg)
        this.release(conn)
        this.mark('ok')
        return answer
      } catch (err) {
        this.release(conn)
        if (!(err instanceof Sip2Failure)) throw err
        last = err
        lastFresh = !reused
        this.markIfHanging(last, lastFresh)
        // A kept connection that timed out was likely dropped while idle, as the others kept
        // with it were: the next try opens a fresh one rather than meeting the next dead one.
        if (reused && err.kind === 'timeout') this.dropIdle()
        // A kept connection that turned out dead before sending costs no try: it is gone now.
        if (reused && !err.sent) attempt--
      }
    }
    // Text the charset cannot carry says nothing about the system.
    if (last?.kind !== 'encode') this.mark('unreachable')
    throw last ?? new Sip2Failure('connect', false)
  }

  /** A fresh connection that timed out: the system is not answering, say so at once. */
  private markIfHanging(failure: Sip2Failure, fresh: boolean) {
    if (failure.kind !== 'timeout' || !fresh) return
    this.mark('unreachable')
    this.coolOffUntil = Date.now() + this.opts.timeoutMs
  }

  /** Whether the system's last word was an answer (read anew: a call may have changed it). */
  private answering(): boolean {
    return this.health.state === 'ok'
  }

  private mark(state: 'ok' | 'unreachable') {
    if (this.health.state !== state) this.health = { state, since: Date.now(), open: this.open }
    if (state !== 'ok') return
    // The system answered: no cool-off, and whoever waits for the request finding out goes on.
    this.coolOffUntil = 0
    this.probe?.settle(true)
  }

  private async acquire(): Promise<{ conn: Sip2Connection; reused: boolean }> {
    for (;;) {
      const idle = this.idle.pop()
      if (idle && !idle.isClosed) return { conn: idle, reused: true }
      if (idle) {
        this.open--
        continue
      }
      if (this.open < this.opts.maxConnections) break
      if (!(await this.turn())) throw new Sip2Failure('down', false)
      // Woken after the system stopped answering: waiting out a timeout of its own would only
      // keep this patron longer. The next in line is told too.
      if (this.health.state === 'unreachable') {
        this.wakeOne()
        throw new Sip2Failure('down', false)
      }
    }
    this.open++
    try {
      return { conn: await this.connect(), reused: false }
    } catch (err) {
      this.open--
      this.wakeOne()
      throw err
    }
  }

  /**
   * A turn at a connection, or false after `waitMs`: on Workers a request holding one may be
   * cancelled and never give it back, and no request may wait for ever.
   */
  private turn(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(wake)
        if (i >= 0) this.waiting.splice(i, 1)
        resolve(false)
      }, this.waitMs())
      this.waiting.push(wake)
    })
  }

  private dropIdle() {
    for (const c of this.idle) {
      c.close()
      this.open--
    }
    this.idle = []
    this.wakeOne()
  }

  private release(conn: Sip2Connection) {
    if (conn.isClosed) this.open--
    else this.idle.push(conn)
    this.wakeOne()
  }

  private wakeOne() {
    this.waiting.shift()?.()
  }

  private async connect(): Promise<Sip2Connection> {
    const conn = await loggedIn(this.connector, this.opts, () => this.requests++)
    this.mark('ok')
    return conn
  }
}

/**
 * Whether a request that failed so is worth another try: not a write that may have reached the
 * system, a refused login, text the charset cannot carry, or a timeout on a fresh connection.
 */
function worthAnother(last: Sip2Failure, fresh: boolean, write: boolean): boolean {
  if (write && last.sent) return false
  if (last.kind === 'login' || last.kind === 'encode' || last.kind === 'down') return false
  return !(last.kind === 'timeout' && fresh)
}
