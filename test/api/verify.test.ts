/**
 * The ID token verifier and its cache on their own: LINE's answer checked as LINE documents
 * (aud, iss, exp by our clock), LINE's outages told apart from bad tokens, the cache bounded
 * and keyed by hash, and the answer's language.
 */
import { describe, expect, it } from 'vitest'
import { answerLang } from '../../bot/api/lang.ts'
import { TokenCache } from '../../bot/api/token-cache.ts'
import { idTokenVerifier, LINE_ISSUER, REJECTED_TTL_MS } from '../../bot/api/verify.ts'

const NOW = Date.UTC(2026, 5, 10, 3, 0)
const CHANNEL = '1650000000'
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJVMSJ9.c2lnbmF0dXJl'

function verifierAnswering(answer: () => Response | Promise<Response>, now = NOW) {
  const seen: Request[] = []
  const verifier = idTokenVerifier({
    loginApiBaseUrl: 'https://api.line.example/',
    channelId: CHANNEL,
    clock: { now: () => now },
    fetch: async (input, init) => {
      seen.push(new Request(input, init))
      return answer()
    },
  })
  return { verifier, seen }
}

const claims = (over: Record<string, unknown> = {}) =>
  Response.json({
    iss: LINE_ISSUER,
    sub: 'U1',
    aud: CHANNEL,
    exp: NOW / 1000 + 600,
    iat: NOW / 1000,
    ...over,
  })

describe('idTokenVerifier', () => {
  it('posts the token and our channel id as a form, as LINE documents', async () => {
    const { verifier, seen } = verifierAnswering(() => claims())
    expect(await verifier.verify(TOKEN)).toEqual({
      ok: true,
      userId: 'U1',
      expiresAt: NOW + 600_000,
    })
    const req = seen[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('https://api.line.example/oauth2/v2.1/verify')
    expect(req.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(await req.text())
    expect(Object.fromEntries(form)).toEqual({ id_token: TOKEN, client_id: CHANNEL })
  })

  it('refuses a 200 for another channel, another issuer, or already expired by our clock', async () => {
    for (const over of [
      { aud: '1999999999' },
      { iss: 'https://evil.example' },
      { exp: NOW / 1000 },
      { sub: '' },
      { exp: 'soon' },
    ]) {
      const { verifier } = verifierAnswering(() => claims(over))
      expect(await verifier.verify(TOKEN), JSON.stringify(over)).toEqual({
        ok: false,
        reason: 'invalid',
      })
    }
  })

  it("tells LINE's refusal (4xx: invalid) from LINE's trouble (5xx, network: unavailable)", async () => {
    const bad = verifierAnswering(() =>
      Response.json({ error: 'invalid_request' }, { status: 400 }),
    )
    expect(await bad.verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'invalid' })
    const down = verifierAnswering(() => new Response('oops', { status: 502 }))
    expect(await down.verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'unavailable' })
    const gone = verifierAnswering(() => Promise.reject(new TypeError('fetch failed')))
    expect(await gone.verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'unavailable' })
    // Trouble is not remembered: the next request asks again.
    await down.verifier.verify(TOKEN)
    expect(down.seen).toHaveLength(2)
  })

  it('remembers a good token until it expires, and only then asks again', async () => {
    let now = NOW
    const seen: number[] = []
    const verifier = idTokenVerifier({
      loginApiBaseUrl: 'https://api.line.example',
      channelId: CHANNEL,
      clock: { now: () => now },
      fetch: async () => {
        seen.push(now)
        return claims()
      },
    })
    await verifier.verify(TOKEN)
    now += 599_000
    expect((await verifier.verify(TOKEN)).ok).toBe(true)
    expect(seen).toHaveLength(1)
    now += 1_000
    // Expired: LINE is asked again, and its (stale) answer is refused by our clock.
    expect(await verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'invalid' })
    expect(seen).toHaveLength(2)
  })

  it('remembers a refused token for a minute, so a replayed forgery costs one call to LINE', async () => {
    let now = NOW
    const seen: number[] = []
    const verifier = idTokenVerifier({
      loginApiBaseUrl: 'https://api.line.example',
      channelId: CHANNEL,
      clock: { now: () => now },
      fetch: async () => {
        seen.push(now)
        return Response.json({ error: 'invalid_request' }, { status: 400 })
      },
    })
    for (let i = 0; i < 20; i++)
      expect(await verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'invalid' })
    expect(seen).toHaveLength(1)
    now += REJECTED_TTL_MS
    expect(await verifier.verify(TOKEN)).toEqual({ ok: false, reason: 'invalid' })
    expect(seen).toHaveLength(2)
  })

  it('refuses what cannot be a JWT without asking LINE', async () => {
    const { verifier, seen } = verifierAnswering(() => claims())
    for (const token of ['', 'abc', 'a.b', 'a.b.c.d', 'a.b.c d', `${'a'.repeat(5000)}.b.c`])
      expect((await verifier.verify(token)).ok).toBe(false)
    expect(seen).toHaveLength(0)
  })
})

describe('TokenCache', () => {
  it('keeps at most maxEntries, dropping expired entries first, then the oldest', () => {
    const cache = new TokenCache(3)
    cache.set('a', { userId: 'A', expiresAt: NOW + 10 }, NOW)
    cache.set('b', { userId: 'B', expiresAt: NOW + 1_000 }, NOW)
    cache.set('c', { userId: 'C', expiresAt: NOW + 1_000 }, NOW)
    cache.set('d', { userId: 'D', expiresAt: NOW + 1_000 }, NOW + 20)
    expect(cache.size).toBe(3)
    expect(cache.get('a', NOW + 20)).toBeNull()
    expect(cache.get('b', NOW + 20)?.userId).toBe('B')
    cache.set('e', { userId: 'E', expiresAt: NOW + 1_000 }, NOW + 20)
    expect(cache.size).toBe(3)
    expect(cache.get('b', NOW + 20)).toBeNull()
    expect(cache.get('e', NOW + 20)?.userId).toBe('E')
  })

  it('forgets an entry once it has expired', () => {
    const cache = new TokenCache()
    cache.set('k', { userId: 'U', expiresAt: NOW + 5 }, NOW)
    expect(cache.get('k', NOW + 4)?.userId).toBe('U')
    expect(cache.get('k', NOW + 5)).toBeNull()
    expect(cache.size).toBe(0)
  })
})

describe('answerLang', () => {
  it('follows the request when it names ja or en, then the saved link, then Japanese', () => {
    expect(answerLang('en')).toBe('en')
    expect(answerLang('en-GB,ja;q=0.5')).toBe('en')
    expect(answerLang('ja,en;q=0.9')).toBe('ja')
    expect(answerLang('fr-FR,en;q=0.8', 'ja')).toBe('en')
    expect(answerLang('fr', 'en')).toBe('en')
    expect(answerLang('ja', 'en')).toBe('ja')
    expect(answerLang(undefined, 'en')).toBe('en')
    expect(answerLang(undefined, null)).toBe('ja')
    expect(answerLang('*')).toBe('ja')
  })
})
