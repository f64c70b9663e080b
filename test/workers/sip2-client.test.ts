/**
 * The SIP2 client's Workers build inside workerd: cloudflare:sockets to bunko's own SIP2
 * server, which the suite's global setup started in Node (sip2-server.setup.ts) — login, 98,
 * 63 with a password, 17, and the adapter signing a patron in with its shadow row on D1.
 */
import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import { describe, expect, inject, it } from 'vitest'
import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import { Ils } from '../../bot/sip2/client/ils.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import { workerConnector } from '../../bot/sip2/client/worker-socket.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { openD1 } from '../../db/client.ts'

const config: Sip2FrontConfig = {
  host: '127.0.0.1',
  port: inject('sip2Port'),
  user: 'kiosk-workers-1',
  password: 'kiosk-password-2026',
  institution: 'hirakata',
  location: '',
  charset: 'utf-8',
  tls: false,
  checksum: 'strict',
  maxRps: 100,
  timeoutMs: 5000,
  maxConnections: 2,
  titleHolds: true,
  opacUrl: null,
  emailNotices: false,
}

describe('SIP2 client on Workers (cloudflare:sockets)', () => {
  it('logs in, reads 98, 63 and 17 from a real SIP2 server', async () => {
    const pool = new Sip2Pool(workerConnector(), config)
    const status = await pool.acsStatus()
    expect(status.supported).toMatch(/^[YN]{16}$/)
    const ils = new Ils(pool, config.institution)
    const info = await ils.patron('1000000001', Date.now(), { password: 'hanako-0001' })
    expect(info).toMatchObject({ valid: true, passwordOk: true, name: '山田 花子' })
    const loans = await ils.patron('1000000001', Date.now(), { list: 'charged' })
    expect(loans.items.length).toBeGreaterThan(0)
    const item = await ils.item(loans.items[0]!, Date.now())
    expect(item.title).not.toBe('')
    await pool.close()
  })

  it('signs a patron in through the adapter, with the shadow row on D1', async () => {
    const db = openD1((env as { DB: D1Database }).DB)
    const pool = new Sip2Pool(workerConnector(), config)
    const library = sip2LibrarySystem({ db, policy: HIRAKATA_POLICY, pool, config })
    const signed = await library.authenticate(
      { number: '1000000001', password: 'hanako-0001' },
      Date.now(),
    )
    expect(signed).toMatchObject({ ok: true, value: { number: '1000000001', name: '山田 花子' } })
    expect(library.capabilities().renew).toBe(true)
    const wrong = await library.authenticate(
      { number: '1000000001', password: 'nope-nope' },
      Date.now(),
    )
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_credentials' })
    await pool.close()
  })

  it('answers library_unavailable when nothing listens', async () => {
    const pool = new Sip2Pool(workerConnector({ connectTimeoutMs: 1000 }), { ...config, port: 1 })
    const db = openD1((env as { DB: D1Database }).DB)
    const library = sip2LibrarySystem({ db, policy: HIRAKATA_POLICY, pool, config })
    expect(await library.loans(1, Date.now())).toMatchObject({ reason: 'library_unavailable' })
  })
})
