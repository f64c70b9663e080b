/**
 * The middleware alone: headers go on the handler's own response when it can take them, and
 * on a copy when its headers are immutable. test/bot/security-headers.test.ts checks the
 * headers the whole app serves.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { readConfig } from './config.ts'
import {
  LIFF_PERMISSIONS_POLICY,
  liffCsp,
  PERMISSIONS_POLICY,
  securityHeaders,
} from './security-headers.ts'

const config = readConfig({ BUNKO_DEMO: '1' }, { publicUrl: 'http://localhost:3000' })

function appReturning(make: () => Response) {
  const made: Response[] = []
  const app = new Hono()
  app.use('*', securityHeaders(config))
  app.all('*', () => {
    const res = make()
    made.push(res)
    return res
  })
  return { app, made }
}

describe('securityHeaders', () => {
  it('adds its headers to the handler’s response itself, without copying it', async () => {
    const { app, made } = appReturning(() => Response.json({}))
    const res = await app.request('/webhook', { method: 'POST' })
    expect(res).toBe(made[0])
    expect(res.headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY)
    expect(res.headers.get('content-security-policy')).toBeNull()
    expect(await res.json()).toEqual({})

    const liff = await app.request('/liff/')
    expect(liff).toBe(made[1])
    expect(liff.headers.get('permissions-policy')).toBe(LIFF_PERMISSIONS_POLICY)
    expect(liff.headers.get('content-security-policy')).toBe(liffCsp(config))
  })

  it('copies a response whose headers are immutable, and still sets every header', async () => {
    const { app, made } = appReturning(() => Response.redirect('http://localhost:3000/liff/x', 302))
    const res = await app.request('/liff/')
    expect(() => made[0]?.headers.set('x-test', '1')).toThrow(TypeError)
    expect(res).not.toBe(made[0])
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://localhost:3000/liff/x')
    expect(res.headers.get('permissions-policy')).toBe(LIFF_PERMISSIONS_POLICY)
    expect(res.headers.get('content-security-policy')).toBe(liffCsp(config))
  })

  it('keeps a response’s own policies', async () => {
    const { app } = appReturning(
      () =>
        new Response('x', {
          headers: { 'Permissions-Policy': 'camera=(self)', 'Content-Security-Policy': 'a' },
        }),
    )
    const res = await app.request('/password')
    expect(res.headers.get('permissions-policy')).toBe('camera=(self)')
    expect(res.headers.get('content-security-policy')).toBe('a')
  })
})
