/**
 * The SIP2 server's sockets (Node only: only bot/node.ts and tests import this file). Plain
 * TCP, or TLS with a certificate and key. Each connection gets its own Sip2Session; frames
 * are answered one at a time in order. A line over the limit, too many frames queued, or
 * silence past the idle timeout closes the connection; past `maxConnections` new ones are
 * refused by the listener, and the kiosks already connected go on being served.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { errorName } from '../../log.ts'
import type { Charset } from '../index.ts'
import { LineSplitter, Sip2Problem } from '../index.ts'
import type { Sip2Deps } from './context.ts'
import { Sip2Session } from './session.ts'

export interface Sip2ListenOptions {
  port: number
  host?: string
  charset?: Charset
  /** Seconds of silence before a connection is closed. */
  idleSeconds?: number
  maxConnections?: number
  /** Longest message accepted, in bytes (4 KB by default). */
  maxLineBytes?: number
  tls?: { cert: string | Buffer; key: string | Buffer }
}

export interface Sip2Server {
  port: number
  connections(): number
  close(): Promise<void>
}

/** Frames waiting behind the one being answered before a connection counts as a flood. */
const MAX_QUEUED = 32

export async function listenSip2(deps: Sip2Deps, opts: Sip2ListenOptions): Promise<Sip2Server> {
  const charset = opts.charset ?? 'utf-8'
  const idleSeconds = opts.idleSeconds ?? 300
  const maxLine = opts.maxLineBytes ?? 4096
  const sockets = new Set<Socket>()

  const onConnection = (socket: Socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.setTimeout(idleSeconds * 1000, () => {
      deps.log.info('sip2.idle_closed', {})
      socket.destroy()
    })
    const session = new Sip2Session(deps, { charset, address: socket.remoteAddress ?? null })
    const splitter = new LineSplitter(maxLine)
    let queued = 0
    let chain = Promise.resolve()
    socket.on('data', (chunk: Buffer) => {
      let frames: Uint8Array[]
      try {
        frames = splitter.push(chunk)
      } catch (err) {
        if (!(err instanceof Sip2Problem)) throw err
        deps.log.warn('sip2.too_long', { kiosk: session.kiosk?.login ?? null })
        socket.destroy()
        return
      }
      for (const frame of frames) {
        if (++queued > MAX_QUEUED) {
          deps.log.warn('sip2.flood', { kiosk: session.kiosk?.login ?? null })
          socket.destroy()
          return
        }
        chain = chain
          .then(async () => {
            queued--
            if (socket.destroyed) return
            const reply = await session.handle(frame)
            if (reply.bytes && !socket.destroyed) socket.write(reply.bytes)
            if (reply.close) socket.end()
          })
          .catch((err: unknown) => {
            // Never a crash of the server: this connection ends, the other kiosks go on.
            deps.log.error('sip2.connection_failed', { error: errorName(err) })
            socket.destroy()
          })
      }
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => sockets.delete(socket))
  }

  const server: Server = opts.tls
    ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, onConnection)
    : createTcpServer(onConnection)
  server.maxConnections = opts.maxConnections ?? 200
  server.on('drop', () => deps.log.warn('sip2.connection_refused', { reason: 'max_connections' }))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
