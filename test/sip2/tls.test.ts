/**
 * SIP2 over TLS (SIP2_TLS_CERT / SIP2_TLS_KEY): a self-signed certificate made with the
 * system's openssl for this run; the kiosk trusts it and logs in; a plain-TCP client gets
 * nothing served.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkoutRequest, loginRequest, scStatusRequest } from '../../bot/sip2/index.ts'
import { Sip2Client } from '../../bot/sip2/node-client.ts'
import { freeCopies, HANAKO, KIOSK, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let dir: string
let cert: Buffer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunko-sip2-tls-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  cert = readFileSync(join(dir, 'cert.pem'))
  t = await startSip2({ tls: { cert, key: readFileSync(join(dir, 'key.pem')) } })
}, 30_000)
afterAll(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('SIP2 over TLS', () => {
  it('a kiosk that trusts the certificate logs in and lends', async () => {
    const kiosk = await t.connect({ tls: { ca: cert, servername: 'localhost' } })
    expect((await kiosk.request(loginRequest(KIOSK.login, KIOSK.password))).message.fixed.ok).toBe(
      '1',
    )
    expect((await kiosk.request(scStatusRequest())).message.code).toBe('98')
    const [copy] = await freeCopies(t.b, 1)
    const out = await kiosk.request(checkoutRequest(t.who(HANAKO.number), copy!.barcode))
    expect(out.message.fixed.ok).toBe('1')
  })

  it('a client that does not trust it is refused before any message', async () => {
    await expect(
      Sip2Client.connect({ host: '127.0.0.1', port: t.server.port, tls: true }),
    ).rejects.toThrow()
  })

  it('plain TCP to the TLS port is not served', async () => {
    const plain = await Sip2Client.connect({
      host: '127.0.0.1',
      port: t.server.port,
      timeoutMs: 2000,
    })
    plain.write(new TextEncoder().encode('9300CNkiosk|COpw|\r'))
    const answer = await plain.next().catch(() => 'timeout')
    expect(answer === null || answer === 'timeout').toBe(true)
    plain.close()
  })
})
