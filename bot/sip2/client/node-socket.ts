/**
 * SIP2 client sockets on Node: plain TCP (`node:net`) or TLS (`node:tls`, the system's CAs).
 * Node only: imported by bot/node.ts and the tests, never by anything the Worker bundles.
 */
import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { ChunkQueue, type Connector, ConnectTimeout, type Sip2Socket } from './socket.ts'

/** `ca`: a PEM to trust instead of the system's (tests, a library's private CA). */
export function nodeConnector(opts: { ca?: string; connectTimeoutMs?: number } = {}): Connector {
  return (target) =>
    new Promise((resolve, reject) => {
      const socket: Socket = target.tls
        ? connectTls({ host: target.host, port: target.port, ca: opts.ca, servername: target.host })
        : connectTcp({ host: target.host, port: target.port })
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new ConnectTimeout())
      }, opts.connectTimeoutMs ?? 5000)
      socket.once(target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer)
        socket.setNoDelay(true)
        resolve(wrap(socket))
      })
      socket.once('error', (err) => {
        clearTimeout(timer)
        reject(err)
      })
    })
}

function wrap(socket: Socket): Sip2Socket {
  const queue = new ChunkQueue()
  socket.on('data', (chunk: Buffer) => queue.push(new Uint8Array(chunk)))
  socket.on('close', () => queue.end())
  socket.on('error', () => queue.end())
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error('SIP2: socket closed'))
        socket.write(bytes, (err) => (err ? reject(err) : resolve()))
      }),
    read: () => queue.read(),
    close: () => {
      socket.destroy()
      queue.end()
    },
    isOpen: () => !socket.destroyed && !queue.isEnded,
  }
}
