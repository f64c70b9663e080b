/**
 * A TCP proxy between the SIP2 adapter and a SIP2 server, for the front-mode tests and the
 * benchmark: it counts the requests by message code and, when told, adds latency, drops a
 * connection before a request reaches the server or after its answer left it, truncates or
 * corrupts an answer, answers a 63 as if the patron were unknown or with no items listed,
 * writes wrong checksums, refuses every connection (an outage), or goes down right after
 * passing an answer back.
 */
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net'
import { checksum } from '../../bot/sip2/checksum.ts'

export type Fault =
  /** Close the connection when the request arrives, without passing it on. */
  | 'drop-request'
  /** Pass the request on, then close the connection instead of passing its answer back. */
  | 'drop-answer'
  /** Pass back the first half of the answer, ended with `\r`. */
  | 'truncate'
  /** Pass back the answer with one byte of its text changed (its checksum no longer matches). */
  | 'corrupt'
  /**
   * Pass back a 64 as a system that does not know the patron answers it, well formed: BL N,
   * nothing listed or counted, a checksum that matches (an ILS that leaves a patron out).
   */
  | 'unknown-patron'
  /** Pass back a 64 with its item lists left out (an ILS that leaves items out of one list). */
  | 'no-items'
  /** Pass back a 64 saying BL N with its lists as they were (an ILS's barred patron). */
  | 'barred'
  /** Pass the answer back, then go down (the system acted, then stopped answering). */
  | 'down-after'

export interface FaultProxy {
  port: number
  /** Requests seen, by message code (97s included). */
  seen: Map<string, number>
  count(code: string): number
  /** The bytes of the last request with this code, as sent (its charset's bytes). */
  last: Map<string, Uint8Array>
  /** The answer to the next `count` requests with this code gets `fault`. */
  fail(code: string, fault: Fault, count?: number): void
  /** Milliseconds added to every round trip (split between the two directions). */
  latencyMs: number
  /** Every answer's AZ is replaced by a wrong one (a server that computes them wrongly). */
  wrongChecksums: boolean
  /** Refuse new connections and close the open ones. */
  down(): void
  up(): void
  close(): Promise<void>
}

const CR = 0x0d

export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const faults = new Map<string, Fault[]>()
  const sockets = new Set<Socket>()
  let isDown = false
  const proxy: FaultProxy = {
    port: 0,
    seen: new Map(),
    count: (code) => proxy.seen.get(code) ?? 0,
    last: new Map(),
    fail(code, fault, count = 1) {
      faults.set(code, [...(faults.get(code) ?? []), ...Array.from({ length: count }, () => fault)])
    },
    latencyMs: 0,
    wrongChecksums: false,
    down() {
      isDown = true
      for (const s of sockets) s.destroy()
    },
    up() {
      isDown = false
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms))

  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    if (isDown) return client.destroy()
    const upstream = connectTcp({ host: '127.0.0.1', port: upstreamPort })
    sockets.add(upstream)
    upstream.on('close', () => {
      sockets.delete(upstream)
      client.destroy()
    })
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    /** The fault armed for the answer now awaited on this connection. */
    let armed: Fault | null = null
    let fromClient = Buffer.alloc(0)
    let fromServer = Buffer.alloc(0)
    let chain = Promise.resolve()
    const later = (work: () => void) => {
      chain = chain.then(async () => {
        if (proxy.latencyMs > 0) await delay(proxy.latencyMs / 2)
        work()
      })
    }
    client.on('data', (chunk: Buffer) => {
      fromClient = Buffer.concat([fromClient, chunk])
      for (let at = fromClient.indexOf(CR); at >= 0; at = fromClient.indexOf(CR)) {
        const frame = fromClient.subarray(0, at + 1)
        fromClient = fromClient.subarray(at + 1)
        const code = frame.subarray(0, 2).toString('latin1')
        proxy.seen.set(code, proxy.count(code) + 1)
        proxy.last.set(code, new Uint8Array(frame))
        const fault = code === '97' ? null : (faults.get(code)?.shift() ?? null)
        if (code !== '97') armed = fault
        if (fault === 'drop-request') {
          client.destroy()
          return
        }
        later(() => upstream.write(frame))
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      fromServer = Buffer.concat([fromServer, chunk])
      for (let at = fromServer.indexOf(CR); at >= 0; at = fromServer.indexOf(CR)) {
        let frame: Buffer = fromServer.subarray(0, at + 1)
        fromServer = fromServer.subarray(at + 1)
        const fault = armed
        armed = null
        if (fault === 'drop-answer') {
          client.destroy()
          return
        }
        if (fault === 'truncate')
          frame = Buffer.concat([
            frame.subarray(0, Math.floor(frame.length / 2)),
            Buffer.from('\r'),
          ])
        if (fault === 'corrupt') {
          frame = Buffer.from(frame)
          const i = Math.floor(frame.length / 3)
          frame[i] = frame[i] === 0x41 ? 0x42 : 0x41
        }
        if (fault === 'unknown-patron') frame = asUnknownPatron(frame)
        if (fault === 'no-items') frame = withoutItems(frame)
        if (fault === 'barred') frame = asBarred(frame)
        if (proxy.wrongChecksums) frame = withWrongChecksum(frame)
        const out = frame
        later(() => {
          client.write(out)
          if (fault === 'down-after') proxy.down()
        })
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  proxy.port = typeof address === 'object' && address ? address.port : 0
  return proxy
}

/** A 64 saying BL N, nothing listed or counted: what a system that does not know the number sends. */
const asUnknownPatron = (frame: Buffer) => edited(frame, (text) => zeroCounts(saysBlN(text)), true)

/** A 64 saying BL N with its lists and counts as they were (some ILSs, for a barred patron). */
const asBarred = (frame: Buffer) => edited(frame, saysBlN, false)

/** A 64 with its item lists (AS, AT, AU, CD) left out. */
const withoutItems = (frame: Buffer) => edited(frame, (text) => text, true)

const saysBlN = (text: string) => text.replace(/\|BLY(?=\|)/, '|BLN')

/** A 64's six item counts (after its status, language and date: 37 characters in) as 0000. */
const zeroCounts = (text: string) =>
  text.startsWith('64') ? `${text.slice(0, 37)}${'0000'.repeat(6)}${text.slice(61)}` : text

/** The frame edited (ASCII fields only), its item lists dropped if asked, its checksum anew. */
function edited(frame: Buffer, edit: (text: string) => string, dropItems: boolean): Buffer {
  // latin1 keeps every byte as it is.
  const changed = edit(frame.toString('latin1'))
  const text = dropItems ? changed.replace(/\|(AS|AT|AU|CD)[^|\r]*(?=[|\r])/g, '') : changed
  const m = /AZ[0-9A-F]{4}\r$/.exec(text)
  if (!m) return Buffer.from(text, 'latin1')
  const body = text.slice(0, m.index + 2)
  return Buffer.from(`${body}${checksum(Buffer.from(body, 'latin1'))}\r`, 'latin1')
}

/** The frame with its four AZ hex digits replaced by others (the text itself unchanged). */
function withWrongChecksum(frame: Buffer): Buffer {
  const text = frame.toString('latin1')
  const m = /AZ([0-9A-F]{4})\r$/.exec(text)
  if (!m) return frame
  const wrong = ((Number.parseInt(m[1]!, 16) + 1) & 0xffff)
    .toString(16)
    .toUpperCase()
    .padStart(4, '0')
  const out = Buffer.from(frame)
  out.write(wrong, m.index + 2, 'latin1')
  return out
}
