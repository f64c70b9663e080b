/**
 * One logged-in SIP2 connection to the library's system: frames out with the next `AY`
 * sequence number and an `AZ` checksum, one answer back at a time. A damaged answer (bad
 * checksum in strict mode, unreadable, or carrying another sequence number) is asked for
 * again with 97 (resend), which asks for the same answer and never repeats the request, so it
 * is safe for renewals and holds too. Any other failure throws `Sip2Failure` and the
 * connection is spent: a late answer would otherwise be read as the next request's.
 */
import { decodeText } from '../charset.ts'
import { checksumMatches } from '../checksum.ts'
import {
  type Charset,
  encodeFrame,
  LineSplitter,
  nextSequence,
  parseMessage,
  resendRequest,
  type Sip2Message,
  Sip2Problem,
} from '../index.ts'
import type { Sip2Socket } from './socket.ts'
import { within } from './within.ts'

export type ChecksumMode = 'strict' | 'lenient'

/**
 * Why a request got no usable answer. `sent`: the request may have reached the system.
 * `down`: not tried, as the system is known not to be answering (pool.ts).
 */
export class Sip2Failure extends Error {
  override name = 'Sip2Failure'
  constructor(
    readonly kind: 'connect' | 'login' | 'timeout' | 'closed' | 'damaged' | 'encode' | 'down',
    readonly sent: boolean,
  ) {
    super(`SIP2 ${kind}`)
  }
}

export interface ConnectionOptions {
  charset: Charset
  checksum: ChecksumMode
  timeoutMs: number
  /** 97s sent for one request before giving up on the connection. */
  maxResends: number
}

const TRAILER = /AY([0-9])AZ([0-9A-Fa-f]{4})$/

export class Sip2Connection {
  private sequence = 0
  private readonly splitter = new LineSplitter(64 * 1024)
  private readonly frames: Uint8Array[] = []
  private closed = false

  constructor(
    private readonly socket: Sip2Socket,
    private readonly opts: ConnectionOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed || !this.socket.isOpen()
  }

  close(): void {
    this.closed = true
    this.socket.close()
  }

  /** Send `msg` and read its answer; throws Sip2Failure (and closes) when there is none. */
  async request(msg: Sip2Message): Promise<Sip2Message> {
    if (this.isClosed) throw new Sip2Failure('closed', false)
    const sequence = this.sequence
    this.sequence = nextSequence(sequence)
    let bytes: Uint8Array
    try {
      bytes = encodeFrame(msg, { charset: this.opts.charset, sequence })
    } catch (err) {
      if (err instanceof Sip2Problem) throw new Sip2Failure('encode', false)
      throw err
    }
    const deadline = Date.now() + this.opts.timeoutMs
    // A write the network never takes (a system that stopped reading) times out like an answer
    // that never comes; it may have gone in part, so it counts as sent.
    const wrote = await within(this.socket.write(bytes), this.opts.timeoutMs)
    if (wrote === 'late') {
      this.close()
      throw new Sip2Failure('timeout', true)
    }
    if ('error' in wrote) {
      // Not handed to the network (a socket the system closed, or on Workers one opened by
      // another request): nothing reached the system, so even a write may go again.
      this.close()
      throw new Sip2Failure('closed', false)
    }
    for (let resends = 0; ; resends++) {
      const frame = await this.nextFrame(deadline)
      const answer = this.read(frame, sequence)
      if (answer) return answer
      if (resends >= this.opts.maxResends) {
        this.close()
        throw new Sip2Failure('damaged', true)
      }
      try {
        await this.socket.write(encodeFrame(resendRequest(), { checksum: true }))
      } catch {
        this.close()
        throw new Sip2Failure('closed', true)
      }
    }
  }

  /** The answer in `frame`, or null when it is damaged (to be asked for again with 97). */
  private read(frame: Uint8Array, sequence: number): Sip2Message | null {
    let text: string
    try {
      text = decodeText(frame, this.opts.charset)
    } catch {
      return null
    }
    // Requests carry AY/AZ, so answers must too: one without its trailer was cut short. The
    // sequence must be ours; lenient mode accepts a wrong AZ value, never a missing one.
    const trailer = TRAILER.exec(text)
    if (!trailer || Number(trailer[1]) !== sequence) return null
    const end = frame.length - 4
    if (this.opts.checksum === 'strict' && !checksumMatches(frame.subarray(0, end), trailer[2]!))
      return null
    try {
      const msg = parseMessage(text.slice(0, trailer.index))
      // 96 is the system asking us to resend: the request is sent again only by the caller.
      return msg.code === '96' ? null : msg
    } catch {
      return null
    }
  }

  private async nextFrame(deadline: number): Promise<Uint8Array> {
    for (;;) {
      const ready = this.frames.shift()
      if (ready) return ready
      const left = deadline - Date.now()
      if (left <= 0) {
        this.close()
        throw new Sip2Failure('timeout', true)
      }
      let timer: ReturnType<typeof setTimeout> | undefined
      const chunk = await Promise.race([
        this.socket.read(),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left)
        }),
      ])
      clearTimeout(timer)
      if (chunk === 'timeout') {
        this.close()
        throw new Sip2Failure('timeout', true)
      }
      if (chunk === null) {
        this.close()
        throw new Sip2Failure('closed', true)
      }
      try {
        for (const f of this.splitter.push(chunk)) this.frames.push(f)
      } catch {
        this.close()
        throw new Sip2Failure('damaged', true)
      }
    }
  }
}
