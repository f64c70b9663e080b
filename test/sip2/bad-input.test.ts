/**
 * Bad input over real TCP: each gets the standard's answer (96, "please resend") or the
 * connection is closed, nothing changes, no patron is named in the log, and the other
 * kiosks go on being served. Plus ACC-SECRET at the kiosk and its idle timeout.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkoutRequest,
  encodeFrame,
  loginRequest,
  patronStatusRequest,
  scStatusRequest,
} from '../../bot/sip2/index.ts'
import { Sip2Client } from '../../bot/sip2/node-client.ts'
import { signIn } from '../../db/patrons.ts'
import { copies } from '../../db/schema.ts'
import { f, freeCopies, HANAKO, KIOSK, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null)
const RESEND = '96AZFEF6'

beforeAll(async () => {
  t = await startSip2({ idleSeconds: 1, maxConnections: 6 })
}, 30_000)
afterAll(() => t?.close())

async function onShelf(barcode: string) {
  const [c] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, barcode))
  return c?.status === 'on_shelf'
}

describe('SIP2 bad input', () => {
  it('a wrong checksum gets 96 and lends nothing', async () => {
    const kiosk = await t.kiosk()
    const [copy] = await freeCopies(t.b, 1)
    const frame = text(
      encodeFrame(checkoutRequest(t.who(HANAKO.number), copy!.barcode), { sequence: 1 }),
    )!
    const broken = frame.replace(/AZ(.)/, (_, c) => `AZ${c === '0' ? '1' : '0'}`)
    kiosk.write(broken)
    expect(text(await kiosk.next())).toBe(RESEND)
    expect(await onShelf(copy!.barcode)).toBe(true)
    // The kiosk resends it right, and it is served.
    kiosk.write(frame)
    const ok = await kiosk.next()
    expect(text(ok)?.startsWith('121')).toBe(true)
  })

  it('a malformed message and an unknown message type get 96', async () => {
    const kiosk = await t.kiosk()
    kiosk.write('11YN2026\r')
    expect(text(await kiosk.next())).toBe(RESEND)
    kiosk.write('42hello|\r')
    expect(text(await kiosk.next())).toBe(RESEND)
    kiosk.write('\xff\xfe\r')
    expect(text(await kiosk.next())).toBe(RESEND)
    const still = await kiosk.request(scStatusRequest())
    expect(still.message.code).toBe('98')
  })

  it('a message for another institution (AO) closes the connection, changing nothing', async () => {
    const kiosk = await t.kiosk()
    const [copy] = await freeCopies(t.b, 1)
    const other = { ...t.who(HANAKO.number), institution: 'another-city' }
    kiosk.write(encodeFrame(checkoutRequest(other, copy!.barcode), { sequence: 2 }))
    expect(await kiosk.next()).toBeNull()
    expect(await onShelf(copy!.barcode)).toBe(true)
  })

  it('a line over 4 KB closes that connection; another kiosk is still served', async () => {
    const flooder = await t.kiosk()
    const other = await t.kiosk()
    flooder.write(`23016${'x'.repeat(5000)}`)
    expect(await flooder.next()).toBeNull()
    expect((await other.request(scStatusRequest())).message.code).toBe('98')
  })

  it('a half message followed by silence is closed after the idle timeout', async () => {
    const kiosk = await t.kiosk()
    kiosk.write('23016202611')
    const started = Date.now()
    expect(await kiosk.next()).toBeNull()
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('five unreadable frames in a row close the connection', async () => {
    const kiosk = await t.kiosk()
    kiosk.write('zz\r'.repeat(5))
    const answers: (string | null)[] = []
    for (let i = 0; i < 6; i++) answers.push(text(await kiosk.next()))
    expect(answers).toEqual([RESEND, RESEND, RESEND, RESEND, RESEND, null])
  })

  it('a flood of connections past the limit is refused; the kiosks already in are served', async () => {
    const kiosk = await t.kiosk()
    const extra = await Promise.all(
      Array.from({ length: 12 }, () =>
        Sip2Client.connect({ host: '127.0.0.1', port: t.server.port, timeoutMs: 3000 }),
      ),
    )
    expect((await kiosk.request(scStatusRequest())).message.code).toBe('98')
    // Refused ones are closed at once; admitted silent ones by the idle timeout (1 s here).
    const started = Date.now()
    const closedAt = await Promise.all(
      extra.map(async (c) => ((await c.next()) === null ? Date.now() - started : -1)),
    )
    expect(closedAt.filter((ms) => ms >= 0 && ms < 500).length).toBeGreaterThanOrEqual(12 - 6)
    expect(t.b.log.lines.some((l) => l.includes('sip2.connection_refused'))).toBe(true)
    for (const c of extra) c.close()
  })

  it('logged nothing that names a patron', () => {
    const sip2 = t.b.log.lines.filter((l) => l.includes('sip2.'))
    expect(sip2.length).toBeGreaterThan(0)
    expect(sip2.join('\n')).not.toMatch(/10000000\d\d/)
  })
})

describe('ACC-SECRET at the kiosk', () => {
  it('wrong patron passwords lock the number at the kiosk’s address, counted under the connection’s remote address', async () => {
    const kiosk = await t.kiosk()
    const number = '1000000012'
    for (let i = 0; i < t.b.config.policy.lockout.maxFailures; i++) {
      const res = await kiosk.request(patronStatusRequest(t.who(number, `wrong-${i}`)))
      expect(f(res, 'CQ')).toBe('N')
    }
    const right = await kiosk.request(patronStatusRequest(t.who(number, 'other-0012')))
    expect(f(right, 'CQ')).toBe('N')
    expect(f(right, 'AF')).toContain('一時的にロック')
    const keys = await attemptKeys(`patron:${number}|`)
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(LOOPBACK_KEY)
    const address = keys[0]!.slice(`patron:${number}|`.length)
    // The same address on the link page is locked too: the guesses add up.
    const policy = t.b.config.policy
    const now = t.b.clock.now()
    const here = await signIn(
      t.b.db,
      { number, password: 'other-0012', client: { address } },
      now,
      policy,
    )
    expect(here.ok ? null : here.reason).toBe('locked')
    // Another address is not: one kiosk's guesses cannot lock the patron out everywhere.
    const elsewhere = { address: '198.51.100.7' }
    const web = await signIn(
      t.b.db,
      { number, password: 'other-0012', client: elsewhere },
      now,
      policy,
    )
    expect(web.ok).toBe(true)
  })

  it('wrong kiosk passwords lock the kiosk login', async () => {
    for (let i = 0; i < t.b.config.policy.lockout.maxFailures; i++) {
      const c = await t.connect()
      expect((await c.request(loginRequest(KIOSK.login, `wrong-${i}`))).message.fixed.ok).toBe('0')
      c.close()
    }
    const c = await t.connect()
    expect((await c.request(loginRequest(KIOSK.login, KIOSK.password))).message.fixed.ok).toBe('0')
    const keys = await attemptKeys(`staff:${KIOSK.login}|`)
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(LOOPBACK_KEY)
  })
})

/** login_attempts rows are keyed `<key>|<address>`: a connection from loopback. */
const LOOPBACK_KEY = /\|(::ffff:)?127\.0\.0\.1$/

async function attemptKeys(prefix: string): Promise<string[]> {
  const rows = await t.b.db.all<{ key: string }>(
    sql`SELECT DISTINCT key FROM login_attempts WHERE substr(key, 1, ${prefix.length}) = ${prefix}`,
  )
  return rows.map((r) => r.key)
}
