import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiFailure,
  api,
  connect,
  firstCallsAnswered,
  firstCallsSent,
  onAuthFailure,
  prefetch,
  takePrefetched,
} from './api.ts'
import type { Session } from './session.ts'

/** The bot's answers by path, and every request the app sent. */
let answers: Record<string, { status: number; body: unknown }>
let sent: string[]

beforeEach(() => {
  sent = []
  answers = { '/api/me': { status: 200, body: { patronNumber: '1' } } }
  vi.stubGlobal('fetch', async (path: string) => {
    sent.push(path)
    const a = answers[path] ?? { status: 404, body: {} }
    return new Response(JSON.stringify(a.body), { status: a.status })
  })
  const session = { token: async () => 'id-token' } as unknown as Session
  connect(Promise.resolve(session))
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  onAuthFailure(null)
})

describe('the first calls, sent before the page has rendered (issue 21)', () => {
  it('the page’s first call takes the prefetched answer over: one request, not two', async () => {
    prefetch('/api/me')
    const taken = takePrefetched<{ patronNumber: string }>('/api/me')
    expect(await taken).toEqual({ patronNumber: '1' })
    expect(takePrefetched('/api/me')).toBeNull()
    await api('GET', '/api/me')
    expect(sent).toEqual(['/api/me', '/api/me'])
  })

  it('an answer nobody took for 10 s is stale: the page asks again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    prefetch('/api/me')
    vi.setSystemTime(Date.now() + 10_001)
    expect(takePrefetched('/api/me')).toBeNull()
  })

  it('a 403 that comes before the app listens is told when it does', async () => {
    answers['/api/me'] = {
      status: 403,
      body: { code: 'not_linked', message: '連携されていません' },
    }
    prefetch('/api/me')
    await expect(takePrefetched('/api/me')).rejects.toMatchObject({ status: 403 })
    const heard: ApiFailure[] = []
    onAuthFailure((e) => heard.push(e))
    expect(heard.map((e) => e.status)).toEqual([403])
    // Told once only.
    onAuthFailure((e) => heard.push(e))
    expect(heard).toHaveLength(1)
  })
})

describe('the first calls the page’s inline script already sent (demo mode)', () => {
  it('a successful answer is taken as it is: no second request', async () => {
    const answer = Promise.resolve(Response.json({ patronNumber: 'early' }))
    prefetch('/api/me', { answer, sent: Promise.resolve() })
    expect(await takePrefetched('/api/me')).toEqual({ patronNumber: 'early' })
    expect(sent).toEqual([])
  })

  it('a 401 or a call never sent is asked again the ordinary way', async () => {
    const refused = Promise.resolve(new Response('{}', { status: 401 }))
    prefetch('/api/me', { answer: refused, sent: Promise.resolve() })
    expect(await takePrefetched('/api/me')).toEqual({ patronNumber: '1' })
    prefetch('/api/me', { answer: Promise.resolve(null), sent: Promise.resolve() })
    expect(await takePrefetched('/api/me')).toEqual({ patronNumber: '1' })
    expect(sent).toEqual(['/api/me', '/api/me'])
  })

  it('a 503 (the library’s system cannot be reached) is the answer: not asked again, which only waits as long once more', async () => {
    const down = Promise.resolve(
      Response.json(
        { code: 'library_unavailable', message: '図書館のシステムにただいま接続できません。' },
        { status: 503 },
      ),
    )
    prefetch('/api/me', { answer: down, sent: Promise.resolve() })
    const failed = await takePrefetched('/api/me')!.catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(ApiFailure)
    expect(failed).toMatchObject({ status: 503, body: { code: 'library_unavailable' } })
    expect(sent).toEqual([])
  })

  it('an answer that never comes is asked again the ordinary way after 10 s, not waited for ever', async () => {
    vi.useFakeTimers()
    prefetch('/api/me', { answer: new Promise(() => {}), sent: Promise.resolve() })
    const taken = takePrefetched('/api/me')!
    await vi.advanceTimersByTimeAsync(9_999)
    expect(sent).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(await taken).toEqual({ patronNumber: '1' })
    expect(sent).toEqual(['/api/me'])
  })
})

describe('when the first calls are sent and answered', () => {
  it('sent: once fetch has the request, not while LIFF is still starting', async () => {
    let start: (s: Session) => void = () => {}
    connect(new Promise<Session>((resolve) => (start = resolve)))
    let answer: (r: Response) => void = () => {}
    vi.stubGlobal('fetch', (path: string) => {
      sent.push(path)
      return new Promise<Response>((resolve) => (answer = resolve))
    })
    prefetch('/api/me')
    let isSent = false
    let isAnswered = false
    firstCallsSent().then(() => (isSent = true))
    firstCallsAnswered().then(() => (isAnswered = true))
    await new Promise((r) => setTimeout(r, 10))
    expect([isSent, sent]).toEqual([false, []])
    start({ token: async () => 'id-token' } as unknown as Session)
    await vi.waitFor(() => expect(isSent).toBe(true))
    expect(sent).toEqual(['/api/me'])
    // Taken by its page, and still waited for until it is answered.
    const taken = takePrefetched('/api/me')
    await new Promise((r) => setTimeout(r, 10))
    expect(isAnswered).toBe(false)
    answer(Response.json({ patronNumber: '1' }))
    await taken
    await vi.waitFor(() => expect(isAnswered).toBe(true))
  })
})

describe('LIFF that does not start', () => {
  it('every call fails with status 0 and says to close the screen and open it again', async () => {
    connect(Promise.reject(new Error('LIFF did not start')))
    const failed = await api('GET', '/api/me').catch((e: ApiFailure) => e)
    expect(failed).toMatchObject({ status: 0 })
    expect((failed as ApiFailure).body.message).toContain('もう一度開いてください')
    expect(sent).toEqual([])
  })
})

describe('ACC-FAMILY: a refusal about one family card', () => {
  it('ACC-FAMILY, ACC-EXPIRED: a 403 for a card the call names is that call’s failure only; the app shell hears of an unscoped one', async () => {
    const lapsed = { code: 'expired', message: '加藤 亮さんの利用者登録は無効になっています' }
    answers['/api/loans'] = { status: 403, body: lapsed }
    const heard: ApiFailure[] = []
    onAuthFailure((e) => heard.push(e))
    await expect(api('GET', '/api/loans', undefined, 10)).rejects.toMatchObject({
      status: 403,
      body: lapsed,
    })
    expect(heard).toEqual([])
    await expect(api('GET', '/api/loans')).rejects.toMatchObject({ status: 403 })
    expect(heard.map((e) => e.body.code)).toEqual(['expired'])
  })
})
