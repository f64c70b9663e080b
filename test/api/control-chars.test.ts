/** Control characters anywhere in an API request: 400 `invalid` naming the field, never a 500. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiError } from '../../liff/api-types.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

describe('control characters in API input', () => {
  it('GET /api/search?q=a%00b answers 400 with a clear message, and logs no error', async () => {
    for (const q of ['a%00b', '%1F', 'x%7F', '%C2%85']) {
      const res = await t.call('GET', `/api/search?q=${q}`)
      expect(res.status, q).toBe(400)
      const body = await json<ApiError>(res)
      expect(body).toMatchObject({ code: 'invalid', field: 'q' })
      expect(body.message).toContain('制御文字')
    }
    const en = await t.call('GET', '/api/search?q=a%00b', { lang: 'en' })
    expect((await json<ApiError>(en)).message).toContain('control characters')
    expect(t.log.lines.filter((l) => l.includes('"error"'))).toEqual([])
  })

  it('refuses them in JSON bodies, at any depth, and changes nothing', async () => {
    const res = await t.call('POST', '/api/password', {
      body: { current: 'hanako-0001', next: 'new-pass\u0000word1' },
    })
    expect(res.status).toBe(400)
    expect(await json<ApiError>(res)).toMatchObject({ code: 'invalid', field: 'next' })
    const escaped = await t.call('POST', '/api/holds', {
      raw: '{"items":[{"titleId":1}],"note":"\\u0007"}',
    })
    expect(escaped.status).toBe(400)
  })

  it('ordinary Japanese, emoji and spaces still pass', async () => {
    expect(
      (await t.call('GET', `/api/search?q=${encodeURIComponent('枚方 の 本 📚')}`)).status,
    ).toBe(200)
  })
})
