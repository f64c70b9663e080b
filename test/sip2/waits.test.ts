/**
 * No request waits for ever on another (pool.ts, adapter.ts): on Workers a request may be
 * cancelled with its patron's and never give back what it holds or settle what others wait
 * for. Here a connection that is never made stands in for that request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import { nodeConnector } from '../../bot/sip2/client/node-socket.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import type { Connector } from '../../bot/sip2/client/socket.ts'
import { scStatusRequest } from '../../bot/sip2/index.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { frontConfig, patronId } from './front.ts'
import { HANAKO, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let proxy: FaultProxy
beforeAll(async () => {
  t = await startSip2()
  proxy = await startFaultProxy(t.server.port)
})
afterAll(async () => {
  await proxy.close()
  await t.close()
})

const config = () => frontConfig(proxy.port, { timeoutMs: 100, maxConnections: 1 })

/** Connections made for real at first, then never again: each later one hangs for ever. */
function realThenHanging(real = 1): Connector {
  const connect = nodeConnector()
  let made = 0
  return (target) => (made++ < real ? connect(target) : new Promise(() => {}))
}

describe('SIP2: a request waiting on another that never ends', () => {
  it('waits for a connection no longer than the pool’s wait, then says the system is down', async () => {
    const pool = new Sip2Pool(realThenHanging(), config())
    expect((await pool.read(scStatusRequest())).code).toBe('98')
    // Its one connection is closed by the system; the next request's new one never comes.
    proxy.down()
    // Time for the close to reach the pool's socket (loopback: well under this).
    await new Promise((resolve) => setTimeout(resolve, 200))
    proxy.up()
    void pool.read(scStatusRequest()).catch(() => {})
    // The only connection slot is held for ever: this one gives up at the pool's wait.
    await expect(pool.read(scStatusRequest())).rejects.toMatchObject({ kind: 'down' })
    await pool.close()
  })

  it('the adapter’s first read of the system’s 98, never ending, keeps nobody for ever', async () => {
    const pool = new Sip2Pool(realThenHanging(0), config())
    const library = sip2LibrarySystem({
      db: t.b.db,
      policy: t.b.config.policy,
      pool,
      config: config(),
    })
    const hanako = await patronId(t, HANAKO.number)
    void library.loans(hanako, t.b.clock.now())
    expect(await library.loans(hanako, t.b.clock.now())).toMatchObject({
      ok: false,
      reason: 'library_unavailable',
    })
  })
})
