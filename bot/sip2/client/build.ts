/**
 * The SIP2 library system from configuration, with the platform's socket connector: Node's
 * (bot/node-server.ts) or Workers' (bot/worker/build.ts). One pool per process or isolate.
 */
import type { LibrarySystem, Policy } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { sip2LibrarySystem } from './adapter.ts'
import type { Sip2FrontConfig } from './config.ts'
import { Sip2Pool } from './pool.ts'
import type { Connector } from './socket.ts'

export function frontLibrarySystem(
  db: Db,
  policy: Policy,
  config: Sip2FrontConfig,
  connector: Connector,
): { library: LibrarySystem; pool: Sip2Pool } {
  const pool = new Sip2Pool(connector, {
    host: config.host,
    port: config.port,
    tls: config.tls,
    user: config.user,
    password: config.password,
    location: config.location,
    charset: config.charset,
    checksum: config.checksum,
    timeoutMs: config.timeoutMs,
    maxConnections: config.maxConnections,
    maxRps: config.maxRps,
  })
  return { library: sip2LibrarySystem({ db, policy, pool, config }), pool }
}
