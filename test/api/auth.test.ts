/**
 * Who may call /api: the LIFF ID token verified with LINE (401), the LINE link (403
 * not_linked), the access rules (ACC-*), SVC-MAINT, the token cache, and what every answer
 * carries (no-store, the patron's language).
 */

import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { lineLinks } from '../../db/schema.ts'
import type { ApiError, Me } from '../../liff/api-types.ts'
import { PATRON } from './fixture.ts'
import { type ApiHarness, json, makeApi, stranger } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

async function error(res: Response, status: number, code: string): Promise<ApiError> {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/json')
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  expect(body.message.length).toBeGreaterThan(10)
  return body
}

describe('401 unauthorized', () => {
  it('without a token, in Japanese, changing nothing', async () => {
    const body = await error(await t.call('GET', '/api/me', { token: null }), 401, 'unauthorized')
    expect(body.message).toContain('LINE')
    expect(t.verifyCalls()).toBe(0)
  })

  it('with a header that is not a Bearer token', async () => {
    const res = await t.app.request('/api/me', { headers: { Authorization: 'Basic dXNlcjpwdw==' } })
    await error(res, 401, 'unauthorized')
  })

  it('with a malformed token, without asking LINE', async () => {
    await error(await t.call('GET', '/api/me', { token: 'not-a-jwt' }), 401, 'unauthorized')
    expect(t.verifyCalls()).toBe(0)
  })

  it('with a token whose signature LINE does not recognise', async () => {
    const real = await t.token('hanako')
    const [head, body] = real.split('.')
    const forged = `${head}.${body}.${'A'.repeat(86)}`
    await error(await t.call('GET', '/api/me', { token: forged }), 401, 'unauthorized')
    expect(t.verifyCalls()).toBe(1)
  })

  it('with an expired token', async () => {
    const token = await t.token('hanako', { ttlMs: 60_000 })
    t.clock.t += 61_000
    await error(await t.call('GET', '/api/me', { token }), 401, 'unauthorized')
  })

  it('with a token issued for another channel (wrong audience)', async () => {
    const token = await t.token('hanako', { aud: '1999999999' })
    await error(await t.call('GET', '/api/me', { token }), 401, 'unauthorized')
  })

  it('when a cached token expires, by our clock', async () => {
    const token = await t.token('hanako', { ttlMs: 10 * 60_000 })
    expect((await t.call('GET', '/api/me', { token })).status).toBe(200)
    t.clock.t += 10 * 60_000
    await error(await t.call('GET', '/api/me', { token }), 401, 'unauthorized')
  })

  it('in English when the app asks for English', async () => {
    const body = await error(
      await t.call('GET', '/api/me', { token: null, lang: 'en-US,en;q=0.9' }),
      401,
      'unauthorized',
    )
    expect(body.message).toMatch(/LINE login/)
  })
})

describe('503 when LINE cannot be asked', () => {
  it("an outage at LINE is not the patron's fault: 503, not 401, and nothing is cached", async () => {
    const down = await makeApi({ lineDown: true })
    try {
      const token = await down.token('hanako')
      for (let i = 0; i < 2; i++) {
        const body = await error(await down.call('GET', '/api/me', { token }), 503, 'internal')
        expect(body.message).toContain('LINE')
      }
      expect(down.verifyCalls()).toBe(2)
    } finally {
      await down.close()
    }
  })
})

describe('the token cache', () => {
  it('asks LINE once for repeated requests with one token, and again for a new token', async () => {
    const token = await t.token('hanako')
    for (const path of ['/api/me', '/api/loans', '/api/holds', '/api/me'])
      expect((await t.call('GET', path, { token })).status).toBe(200)
    expect(t.verifyCalls()).toBe(1)
    await Promise.all([1, 2, 3].map(() => t.call('GET', '/api/me', { token: 'a.b.c' })))
    expect(t.verifyCalls()).toBe(2)
    expect((await t.call('GET', '/api/me', { token: await t.token('hanako') })).status).toBe(200)
    expect(t.verifyCalls()).toBe(3)
  })

  it('shares one call to LINE between parallel requests', async () => {
    const token = await t.token('hanako')
    const answers = await Promise.all(
      ['/api/me', '/api/loans', '/api/holds'].map((p) => t.call('GET', p, { token })),
    )
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(t.verifyCalls()).toBe(1)
  })

  it('remembers a refused token as refused, never as good: LINE is asked once a minute', async () => {
    expect((await t.call('GET', '/api/me', { token: 'x.y.z' })).status).toBe(401)
    expect((await t.call('GET', '/api/me', { token: 'x.y.z' })).status).toBe(401)
    expect(t.verifyCalls()).toBe(1)
    t.clock.t += 60_000
    expect((await t.call('GET', '/api/me', { token: 'x.y.z' })).status).toBe(401)
    expect(t.verifyCalls()).toBe(2)
  })
})

describe('403 not_linked', () => {
  it('a verified LINE user with no link is told how to link (アカウント連携)', async () => {
    const token = await t.token(stranger)
    const body = await error(await t.call('GET', '/api/me', { token }), 403, 'not_linked')
    expect(body.message).toContain('アカウント連携')
  })

  it('in English, it names the menu item both ways', async () => {
    const token = await t.token(stranger)
    const body = await error(
      await t.call('GET', '/api/me', { token, lang: 'en' }),
      403,
      'not_linked',
    )
    expect(body.message).toMatch(/Link your account/)
  })
})

describe('403 online use barred', () => {
  it('ACC-ELIGIBLE: a wide-area patron', async () => {
    const body = await error(await t.call('GET', '/api/me', { as: 'naoki' }), 403, 'wide_area')
    expect(body.contact?.phone).toBe('050-7105-8141')
  })

  it('ACC-EXPIRED: a lapsed registration is told to re-register', async () => {
    const body = await error(await t.call('GET', '/api/loans', { as: 'sachiko' }), 403, 'expired')
    expect(body.message).toContain('窓口')
  })

  it('ACC-PASSWORD: no web password', async () => {
    await error(await t.call('GET', '/api/holds', { as: 'shota' }), 403, 'no_password')
  })

  it('LINE-CARD: the card as /api/card gives it is refused to them alike, while the system answers', async () => {
    await error(await t.call('GET', '/api/card', { as: 'naoki' }), 403, 'wide_area')
    await error(await t.call('GET', '/api/card', { as: 'sachiko' }), 403, 'expired')
    await error(await t.call('GET', '/api/card', { as: 'shota' }), 403, 'no_password')
    const ok = await t.call('GET', '/api/card')
    expect(ok.status).toBe(200)
  })

  it('LINE-LINK: unlinking is still allowed for them', async () => {
    const res = await t.call('POST', '/api/unlink', { as: 'sachiko' })
    expect(res.status).toBe(200)
    await error(await t.call('GET', '/api/me', { as: 'sachiko' }), 403, 'not_linked')
  })
})

describe('SVC-MAINT', () => {
  it('SVC-MAINT: every answer during the window says the service is paused and when it is back', async () => {
    t.clock.t = jstInstant('2026-06-11', '03:20')
    for (const [method, path, token] of [
      ['GET', '/api/me', undefined],
      ['POST', '/api/loans/1/renew', undefined],
      ['GET', '/api/holds', null],
    ] as const) {
      const body = await error(await t.call(method, path, { token }), 503, 'maintenance')
      expect(body.until).toBe('2026-06-11T04:00:00+09:00')
      expect(body.message).toContain('メンテナンス')
    }
    expect(t.verifyCalls()).toBe(0)
  })

  it('SVC-MAINT: nothing changes during the window, and the service is back at 04:00', async () => {
    t.clock.t = jstInstant('2026-06-11', '03:59')
    await error(await t.call('POST', '/api/loans/1/renew'), 503, 'maintenance')
    t.clock.t = jstInstant('2026-06-11', '04:00')
    const loans = await json<{ loans: { id: number; dueDate: string }[] }>(
      await t.call('GET', '/api/loans', { token: await t.token('hanako') }),
    )
    expect(loans.loans.find((l) => l.id === 1)?.dueDate).toBe('2026-06-15')
  })

  it('SVC-MAINT: in English when asked', async () => {
    t.clock.t = jstInstant('2026-06-11', '03:00')
    const body = await error(await t.call('GET', '/api/me', { lang: 'en' }), 503, 'maintenance')
    expect(body.message).toMatch(/maintenance/)
  })
})

describe('every answer', () => {
  it('is Cache-Control: no-store, success and error alike', async () => {
    expect((await t.call('GET', '/api/me')).headers.get('cache-control')).toBe('no-store')
    expect((await t.call('GET', '/api/me', { token: null })).headers.get('cache-control')).toBe(
      'no-store',
    )
    expect((await t.call('GET', '/api/nowhere')).headers.get('cache-control')).toBe('no-store')
  })

  it('an unknown path is 404 not_found as JSON', async () => {
    await error(await t.call('GET', '/api/nowhere'), 404, 'not_found')
  })

  it("follows the link's saved language when the request names neither ja nor en", async () => {
    const res = await t.call('POST', '/api/loans/5/renew', { as: 'emily', lang: 'fr' })
    const body = await json<ApiError>(res)
    expect(body.code).toBe('not_found')
    expect(body.message).toMatch(/could not find/)
  })

  it('saves the language the app speaks on the link, so notices follow it', async () => {
    const linkLang = async () =>
      (await t.db.orm.select().from(lineLinks).where(eq(lineLinks.patronId, PATRON.emily)))[0]
        ?.language
    await t.call('GET', '/api/me', { as: 'emily', lang: 'fr' })
    expect(await linkLang()).toBe('en')
    await t.call('GET', '/api/me', { as: 'emily', lang: 'ja' })
    expect(await linkLang()).toBe('ja')
  })

  it('logs no patron data', async () => {
    await t.call('GET', '/api/me')
    await t.call('POST', '/api/holds', { body: { titleIds: [36], pickupPlaceId: 1 } })
    const logged = t.log.lines.join('\n')
    for (const secret of ['山田', '1000000001', '枚方市史', 'Bearer'])
      expect(logged).not.toContain(secret)
  })

  it('GET /api/me: the card (LINE-CARD) with the policy barcode and hold counts', async () => {
    const me = await json<Me>(await t.call('GET', '/api/me'))
    expect(me.patronNumber).toBe('1000000001')
    expect(me.name).toBe('山田 花子')
    expect(me.barcode).toEqual({ symbology: 'codabar', start: 'A', stop: 'A' })
    expect(me.holds).toEqual({ total: 5, av: 0, limitTotal: 15, limitAv: 6 })
    expect(me.holdRefusal).toBeNull()
    expect(me.passwordRule).toMatchObject({ minLength: 8, maxLength: 64 })
    expect(me.passwordRule.text).toContain('英字と数字をそれぞれ1文字以上')
    // The embedded library system does everything the app offers.
    expect(me.capabilities).toEqual({
      renew: true,
      renewAll: true,
      holds: true,
      cancelHold: true,
      changePickup: true,
      titleHolds: true,
      opacUrl: null,
      suspendHolds: true,
      passwords: true,
      reminders: true,
      expiryNotices: true,
      // Embedded bunko sends no e-mail.
      emailNotices: false,
      // Whom to phone for what the app cannot do: the library's main contact.
      contact: { name: '中央図書館', phone: '050-7105-8141' },
    })
  })
})
