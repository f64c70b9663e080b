/**
 * Content-Security-Policy on the link and password pages and the LIFF app, and
 * Permissions-Policy on every answer (the counter keeps its own, which allows its camera), and
 * the isolation headers (the LIFF app without Origin-Agent-Cluster, bot/app.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../bot/config.ts'
import { css } from '../../bot/pages/layout.tsx'
import { liffCsp, pagesCsp } from '../../bot/security-headers.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'

let b: Bunko
let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bunko-csp-'))
  await mkdir(join(root, 'liff'))
  await writeFile(join(root, 'liff', 'index.html'), '<!doctype html><title>x</title>')
  b = await startBunko({ staticRoot: root })
})
afterAll(async () => {
  await b.close()
  await rm(root, { recursive: true, force: true })
})

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/)
      return [name, values]
    }),
  )

describe('Content-Security-Policy', () => {
  it('the link and password pages allow no script, no framing, forms only to us and LINE', async () => {
    for (const path of ['/password', '/link?linkToken=x&state=y']) {
      const res = await fetch(`${b.origin}${path}`)
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp['script-src'], path).toEqual(["'self'"])
      expect(csp['default-src'], path).toEqual(["'none'"])
      expect(csp['form-action'], path).toContain("'self'")
      // Demo mode: the simulator (same origin) frames the link page.
      expect(csp['frame-ancestors'], path).toEqual(["'self'"])
      expect(res.headers.get('permissions-policy')).toContain('camera=()')
    }
  })

  it('the pages’ one inline style is allowed by its hash, nothing else inline', async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css))
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)))
    const res = await fetch(`${b.origin}/password`)
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp['style-src']).toEqual([`'sha256-${hash}'`])
    expect(await res.text()).not.toMatch(/<script|\son[a-z]+=|style="/)
  })

  it('the LIFF app: its own scripts only, LINE’s origins for the SDK, no framing in production', async () => {
    const res = await fetch(`${b.origin}/liff/`)
    expect(res.status).toBe(200)
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['form-action']).toEqual(["'self'"])
    expect(csp['connect-src']).toEqual(expect.arrayContaining(["'self'", 'https://api.line.me']))
    const live = readConfig(
      { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', PUBLIC_URL: 'https://x.jp' },
      { publicUrl: 'http://localhost' },
    )
    expect(directives(liffCsp(live))['frame-ancestors']).toEqual(["'none'"])
    const pages = directives(await pagesCsp(live))
    expect(pages['frame-ancestors']).toEqual(["'none'"])
    expect(pages['form-action']).toEqual(["'self'", 'https://access.line.me'])
  })
})

describe('Permissions-Policy', () => {
  it('is on every answer; the counter keeps its camera', async () => {
    for (const path of ['/healthz', '/api/me', '/liff/', '/password', '/webhook']) {
      const res = await fetch(`${b.origin}${path}`)
      expect(res.headers.get('permissions-policy'), path).toMatch(/microphone=\(\)/)
    }
    const counter = await fetch(`${b.origin}/counter/sign-in`)
    expect(counter.headers.get('permissions-policy')).toContain('camera=(self)')
  })
})

describe('Isolation headers', () => {
  it('every page is its own browsing context group; only the LIFF app asks no process of its own', async () => {
    for (const path of ['/liff/', '/liff/card']) {
      const res = await fetch(`${b.origin}${path}`)
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin')
      expect(res.headers.get('origin-agent-cluster'), path).toBeNull()
    }
    for (const path of ['/password', '/counter/sign-in', '/healthz']) {
      const res = await fetch(`${b.origin}${path}`)
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin')
      expect(res.headers.get('origin-agent-cluster'), path).toBe('?1')
    }
  })
})
