/**
 * SIP2 client sockets on Workers: `cloudflare:sockets` `connect`, with `secureTransport: 'on'`
 * for TLS. Used only by the Worker build (bot/worker/build.ts) and the workerd tests. The
 * module is imported when the first connection is made, so Node (which has no such module)
 * can load the Worker build's code in tests without it.
 */
import { ChunkQueue, type Connector, ConnectTimeout, type Sip2Socket } from './socket.ts'

export function workerConnector(opts: { connectTimeoutMs?: number } = {}): Connector {
  return async (target) => {
    const { connect } = await import('cloudflare:sockets')
    const socket = connect(
      { hostname: target.host, port: target.port },
      { secureTransport: target.tls ? 'on' : 'off', allowHalfOpen: false },
    )
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectTimeout()), opts.connectTimeoutMs ?? 5000)
    })
    try {
      await Promise.race([socket.opened, timeout])
    } catch (err) {
      socket.close().catch(() => {})
      throw err
    } finally {
      clearTimeout(timer)
    }
    const queue = new ChunkQueue()
    const reader = socket.readable.getReader()
    const writer = socket.writable.getWriter()
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          if (value) queue.push(value)
        }
      } catch {
        // a reset connection: the reader below answers null
      }
      queue.end()
    })()
    return {
      write: (bytes) => writer.write(bytes),
      read: () => queue.read(),
      close: () => {
        queue.end()
        socket.close().catch(() => {})
      },
      isOpen: () => !queue.isEnded,
    } satisfies Sip2Socket
  }
}
