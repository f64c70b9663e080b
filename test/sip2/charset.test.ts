/**
 * Kiosks that speak Shift_JIS or Latin-1 (SIP2_CHARSET): a Shift_JIS kiosk reads Japanese
 * titles and names as they are; a Latin-1 kiosk gets `?` for what Latin-1 cannot carry,
 * never a missing answer, and the identifiers exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itemInformationRequest, loginRequest, patronStatusRequest } from '../../bot/sip2/index.ts'
import { Sip2Client } from '../../bot/sip2/node-client.ts'
import { listenSip2, type Sip2Server } from '../../bot/sip2/server/listen.ts'
import { f, HANAKO, KIOSK, RESERVED_COPY, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let latin1: Sip2Server

beforeAll(async () => {
  t = await startSip2({ charset: 'shift_jis' })
  latin1 = await listenSip2(
    {
      db: t.b.db,
      policy: t.b.config.policy,
      log: t.b.log,
      now: () => t.b.clock.now(),
      wallNow: () => t.b.clock.now(),
    },
    { port: 0, charset: 'latin1' },
  )
}, 30_000)
afterAll(async () => {
  await latin1?.close()
  await t?.close()
})

describe('SIP2 charsets', () => {
  it('Shift_JIS: a Japanese title and name arrive intact, checksum over the Shift_JIS bytes', async () => {
    const kiosk = await t.kiosk({ charset: 'shift_jis' })
    const item = await kiosk.request(itemInformationRequest(t.who(), RESERVED_COPY))
    expect(item.checked).toBe(true)
    expect(f(item, 'AJ')).toBe('川日和')
    const patron = await kiosk.request(patronStatusRequest(t.who(HANAKO.number, HANAKO.password)))
    expect(f(patron, 'AE')).toBe(HANAKO.name)
  })

  it('Latin-1: words it cannot carry come as ?, identifiers exactly', async () => {
    const kiosk = await Sip2Client.connect({
      host: '127.0.0.1',
      port: latin1.port,
      charset: 'latin1',
    })
    expect((await kiosk.request(loginRequest(KIOSK.login, KIOSK.password))).message.fixed.ok).toBe(
      '1',
    )
    const item = await kiosk.request(itemInformationRequest(t.who(), RESERVED_COPY))
    expect(f(item, 'AJ')).toBe('???')
    expect(f(item, 'AB')).toBe(RESERVED_COPY)
    kiosk.close()
  })
})
