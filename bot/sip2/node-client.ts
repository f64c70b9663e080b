/**
 * A small SIP2 client over Node sockets, for `npm run sip2`, the tests and the benchmark:
 * one request at a time, each with the next `AY` sequence number and an `AZ` checksum.
 * (Node only; a Workers adapter would use cloudflare:sockets with the same codec.)
 */
import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import {
  type Charset,
  decodeFrame,
  encodeFrame,
  type Frame,
  LineSplitter,
  nextSequence,
  type Sip2Message,
} from './index.ts'

export interface Sip2ClientOptions {
  host: string
  port: number
  charset?: Charset
  /** TLS, trusting this CA (PEM) or the system's when true. */
  tls?: { ca?: string | Buffer; servername?: string } | true
  /** Milliseconds to wait for an answer. */
  timeoutMs?: number
}

export class Sip2Client {
  private sequence = 0
  private readonly splitter = new LineSplitter(64 * 1024)
  private readonly frames: Uint8Array[] = []
  private waiting: ((frame: Uint8Array | null) => void) | null = null
  private closed = false

  private constructor(
    readonly socket: Socket,
    private readonly opts: Sip2ClientOptions,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const f of this.splitter.push(chunk)) this.deliver(f)
    })
    socket.on('close', () => {
      this.closed = true
      this.deliver(null)
    })
    socket.on('error', () => {})
  }

  static connect(opts: Sip2ClientOptions): Promise<Sip2Client> {
    return new Promise((resolve, reject) => {
      const tls = opts.tls === true ? {} : opts.tls
      const socket = tls
        ? connectTls({ host: opts.host, port: opts.port, ca: tls.ca, servername: tls.servername })
        : connectTcp({ host: opts.host, port: opts.port })
      socket.setNoDelay(true)
      socket.once(tls ? 'secureConnect' : 'connect', () => resolve(new Sip2Client(socket, opts)))
      socket.once('error', reject)
    })
  }

  private deliver(frame: Uint8Array | null) {
    if (frame) this.frames.push(frame)
    const w = this.waiting
    if (w && (this.frames.length > 0 || frame === null)) {
      this.waiting = null
      w(this.frames.shift() ?? null)
    }
  }

  /** The next frame from the server as bytes, or null when the connection closed first. */
  next(): Promise<Uint8Array | null> {
    const ready = this.frames.shift()
    if (ready) return Promise.resolve(ready)
    if (this.closed) return Promise.resolve(null)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null
        reject(new Error('SIP2: no answer in time'))
      }, this.opts.timeoutMs ?? 10_000)
      this.waiting = (f) => {
        clearTimeout(timer)
        resolve(f)
      }
    })
  }

  /** Send raw bytes as they are (for trying a server with hand-written frames). */
  write(bytes: Uint8Array | string): void {
    this.socket.write(bytes)
  }

  /** Send a message with error detection and read the answer. */
  async request(msg: Sip2Message): Promise<Frame> {
    const sequence = this.sequence
    this.sequence = nextSequence(sequence)
    this.socket.write(encodeFrame(msg, { charset: this.opts.charset, sequence }))
    const bytes = await this.next()
    if (!bytes) throw new Error('SIP2: the server closed the connection')
    return decodeFrame(bytes, { charset: this.opts.charset })
  }

  get isClosed(): boolean {
    return this.closed
  }

  close(): void {
    this.socket.end()
    this.socket.destroy()
  }
}
