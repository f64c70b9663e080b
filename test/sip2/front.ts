/**
 * The front-mode rig: bunko's own SIP2 server (embedded, the demo library) as the "library
 * system", a fault proxy in front of it, and the SIP2 adapter connected through the proxy.
 * The adapter keeps its own tables in the same database here (the catalogue copy is then
 * exactly the ILS's; shadow patron rows are the demo patrons' own rows, renamed to the same).
 */

import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import type { ChecksumMode } from '../../bot/sip2/client/connection.ts'
import { nodeConnector } from '../../bot/sip2/client/node-socket.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import type { Charset } from '../../bot/sip2/index.ts'
import type { LibrarySystem } from '../../core/index.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { KIOSK, type Sip2Test } from './harness.ts'

export interface Front {
  library: LibrarySystem
  pool: Sip2Pool
  proxy: FaultProxy
  close(): Promise<void>
}

export async function startFront(
  t: Sip2Test,
  opts: {
    port?: number
    charset?: Charset
    checksum?: ChecksumMode
    timeoutMs?: number
    password?: string
  } = {},
): Promise<Front> {
  const proxy = await startFaultProxy(opts.port ?? t.server.port)
  const config: Sip2FrontConfig = {
    host: '127.0.0.1',
    port: proxy.port,
    user: KIOSK.login,
    password: opts.password ?? KIOSK.password,
    institution: KIOSK.institutionId,
    location: '',
    charset: opts.charset ?? 'utf-8',
    tls: false,
    checksum: opts.checksum ?? 'strict',
    maxRps: 1000,
    timeoutMs: opts.timeoutMs ?? 1500,
    maxConnections: 4,
    titleHolds: true,
    opacUrl: 'https://opac.example.jp/',
  }
  const pool = new Sip2Pool(nodeConnector(), { ...config })
  const library = sip2LibrarySystem({
    db: t.b.db,
    policy: t.b.config.policy,
    pool,
    config,
    healthCacheMs: 0,
  })
  return {
    library,
    pool,
    proxy,
    async close() {
      await pool.close()
      await proxy.close()
    },
  }
}
