/**
 * The byte pipe a SIP2 client connection runs over, apart from the platform that opens it:
 * `node:net`/`node:tls` on Node (node-socket.ts, imported only by the Node entry) and
 * `cloudflare:sockets` on Workers (worker-socket.ts, imported only by the Worker build). The
 * pool and the adapter see only this interface, so nothing Node-only reaches the Worker bundle.
 */

export interface Sip2Socket {
  /** Send bytes; rejects when the connection is gone. */
  write(bytes: Uint8Array): Promise<void>
  /** The next chunk of bytes, or null once the other side closed (or the socket failed). */
  read(): Promise<Uint8Array | null>
  /** Close now; pending reads answer null. */
  close(): void
  /** False once either side closed it (a pooled connection the system dropped while idle). */
  isOpen(): boolean
}

export interface SocketTarget {
  host: string
  port: number
  tls: boolean
}

/** A connection not made within its time (the pool gives up on the system, not just on it). */
export class ConnectTimeout extends Error {
  override name = 'ConnectTimeout'
  constructor() {
    super('SIP2: connect timed out')
  }
}

/** Opens a connection; rejects when it cannot be made (refused, unreachable, TLS failure). */
export type Connector = (target: SocketTarget) => Promise<Sip2Socket>

/**
 * A queue of chunks with one waiting reader: both socket implementations push what arrives and
 * hand it out on `read()`.
 */
export class ChunkQueue {
  private chunks: Uint8Array[] = []
  private waiter: ((chunk: Uint8Array | null) => void) | null = null
  private ended = false

  push(chunk: Uint8Array): void {
    if (this.ended) return
    const w = this.waiter
    if (w) {
      this.waiter = null
      w(chunk)
    } else this.chunks.push(chunk)
  }

  end(): void {
    this.ended = true
    const w = this.waiter
    this.waiter = null
    w?.(null)
  }

  get isEnded(): boolean {
    return this.ended
  }

  read(): Promise<Uint8Array | null> {
    const next = this.chunks.shift()
    if (next) return Promise.resolve(next)
    if (this.ended) return Promise.resolve(null)
    return new Promise((resolve) => {
      this.waiter = resolve
    })
  }
}
