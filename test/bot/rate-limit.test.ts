/**
 * Per-client limits (hono-rate-limiter with the database store): one address that posts the
 * forms too often, or calls the API too often, gets 429; another address is not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_LIMIT, FORM_LIMIT } from '../../bot/rate-limit.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'

let b: Bunko
beforeAll(async () => {
  b = await startBunko({ env: { TRUST_PROXY: '1' } })
})
afterAll(() => b.close())

const post = (path: string, address: string) =>
  fetch(`${b.origin}${path}`, {
    method: 'POST',
    headers: {
      'x-forwarded-for': `10.0.0.1, ${address}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'number=1000000001&password=x',
  })

describe('per-client limits', () => {
  it('the forms share one per-address budget; the next post is 429 with a page that says to wait', async () => {
    const paths = ['/password', '/link', '/counter/sign-in']
    for (let i = 0; i < FORM_LIMIT.limit; i++) {
      const res = await post(paths[i % paths.length]!, '203.0.113.50')
      expect(res.status).not.toBe(429)
      await res.arrayBuffer()
    }
    const limited = await post('/password', '203.0.113.50')
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('15分ほど待って')
    expect(limited.headers.get('ratelimit-policy') ?? limited.headers.get('ratelimit')).toBeTruthy()
    // Only the proxy's own entry counts: a forged first entry changes nothing.
    const other = await post('/password', '198.51.100.20')
    expect(other.status).not.toBe(429)
    // GET pages stay available to everyone.
    const page = await fetch(`${b.origin}/password`, {
      headers: { 'x-forwarded-for': '203.0.113.50' },
    })
    expect(page.status).toBe(200)
  })

  it('the API answers 429 rate_limited past its per-address limit', async () => {
    let last: Response | undefined
    for (let i = 0; i <= API_LIMIT.limit; i++) {
      last = await fetch(`${b.origin}/api/me`, { headers: { 'x-forwarded-for': '203.0.113.60' } })
      if (i < API_LIMIT.limit) await last.arrayBuffer()
    }
    expect(last!.status).toBe(429)
    expect(await last!.json()).toMatchObject({ code: 'rate_limited' })
    const other = await fetch(`${b.origin}/api/me`, {
      headers: { 'x-forwarded-for': '203.0.113.61' },
    })
    expect(other.status).toBe(401)
  })
})
