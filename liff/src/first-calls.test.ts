import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiffConfig } from '../api-types.ts'
import { type EarlyCalls, liffStartGate, startFirstCalls } from './first-calls.ts'

const config: LiffConfig = {
  liffId: 'demo',
  mock: true,
  libraryName: { ja: '図書館', en: 'Library' },
  simulatorOrigin: 'http://sim.test',
}

/** Every request the page's inline script sent, with its headers. */
let sent: { url: string; headers: Headers }[]

beforeEach(() => {
  sent = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    sent.push({ url, headers: new Headers(init?.headers) })
    if (url === 'http://sim.test/simulator/api/users/U1/id-token')
      return Response.json({ idToken: 'tok-1' })
    if (url.startsWith('http://sim.test/')) return new Response('', { status: 404 })
    return Response.json({ path: url })
  })
})
afterEach(() => vi.unstubAllGlobals())

describe('the first calls, sent by the page’s inline script in demo mode (issue 21)', () => {
  it('asks the simulator for the token, then the card’s calls with it, in mock LIFF’s language', async () => {
    const first = startFirstCalls(config, new URLSearchParams('simUserId=U1&lang=en-US'), 'card')
    expect(first).not.toBeNull()
    expect(first?.lang).toBe('en')
    await first?.sent
    expect(sent.map((r) => r.url)).toEqual([
      'http://sim.test/simulator/api/users/U1/id-token',
      '/api/me',
      '/api/family',
    ])
    for (const r of sent.slice(1)) {
      expect(r.headers.get('authorization')).toBe('Bearer tok-1')
      expect(r.headers.get('accept-language')).toBe('en')
    }
    expect(await (await first?.answers['/api/me'])?.json()).toEqual({ path: '/api/me' })
    expect(await first?.token).toBe('tok-1')
  })

  it('uses the token the URL carries without asking the simulator; Japanese by default', async () => {
    const first = startFirstCalls(config, new URLSearchParams('simIdToken=given'), 'loans')
    await first?.sent
    expect(first?.lang).toBe('ja')
    expect(sent.map((r) => [r.url, r.headers.get('authorization')])).toEqual([
      ['/api/family', 'Bearer given'],
      ['/api/loans', 'Bearer given'],
    ])
  })

  it('sends nothing without a token: the entry asks again the ordinary way', async () => {
    const first = startFirstCalls(config, new URLSearchParams('simUserId=U9'), 'card')
    await first?.sent
    expect(await first?.answers['/api/me']).toBeNull()
    expect(sent.map((r) => r.url)).toEqual(['http://sim.test/simulator/api/users/U9/id-token'])
  })

  it('does nothing outside demo mode, or for a page without first calls', () => {
    const params = new URLSearchParams('simUserId=U1')
    expect(startFirstCalls({ ...config, mock: false }, params, 'card')).toBeNull()
    expect(startFirstCalls(null, params, 'card')).toBeNull()
    expect(startFirstCalls(config, params, 'search')).toBeNull()
    expect(sent).toEqual([])
  })
})

describe('when LIFF may start in demo mode (liffStartGate)', () => {
  const settled = async (p: Promise<void>) => {
    let done = false
    p.then(() => (done = true))
    await vi.advanceTimersByTimeAsync(0)
    return done
  }
  const calls = (...answers: (Response | null | Error)[]): EarlyCalls => ({
    token: Promise.resolve('t'),
    answers: Object.fromEntries(
      answers.map((a, i) => [
        `/api/${i}`,
        a instanceof Error ? Promise.reject(a) : Promise.resolve(a),
      ]),
    ),
    lang: 'ja',
    sent: Promise.resolve(),
  })
  const never = new Promise<void>(() => {})
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('waits for the answers to be drawn while every early call succeeds', async () => {
    let drawn = () => {}
    const gate = liffStartGate(
      calls(new Response('{}'), new Response('{}')),
      new Promise<void>((r) => (drawn = r)),
      1000,
    )
    expect(await settled(gate)).toBe(false)
    drawn()
    expect(await settled(gate)).toBe(true)
  })

  it('opens at once when an early call is refused (a 403 for a patron not linked yet)', async () => {
    const gate = liffStartGate(
      calls(new Response('{}', { status: 403 }), new Response('{}')),
      never,
      1000,
    )
    expect(await settled(gate)).toBe(true)
  })

  it('opens at once when an early call could not be sent or failed on the network', async () => {
    expect(await settled(liffStartGate(calls(null), never, 1000))).toBe(true)
    expect(await settled(liffStartGate(calls(new Error('offline')), never, 1000))).toBe(true)
  })

  it('opens after maxMs whatever happens', async () => {
    const gate = liffStartGate(calls(new Response('{}')), never, 1000)
    await vi.advanceTimersByTimeAsync(999)
    expect(await settled(gate)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(gate)).toBe(true)
  })
})
