import fc from 'fast-check'
import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { memoryLog } from '../log.ts'
import { webhookRoute } from './route.ts'
import { sign } from './signature.ts'

const SECRET = 'route-test-secret'

function setup(bodyLimit = 4096) {
  const handled: unknown[] = []
  const deferred: Promise<unknown>[] = []
  const timings: { events: number; ms: number }[] = []
  const log = memoryLog()
  const app = webhookRoute({
    channelSecret: SECRET,
    bodyLimit,
    handle: async (body, timing) => {
      handled.push(body)
      timings.push(timing)
    },
    defer: (_c: Context, task) => {
      deferred.push(task)
    },
    log,
  })
  const post = (body: string, signature?: string | null) =>
    app.request('/', {
      method: 'POST',
      body,
      headers: signature === null ? {} : { 'x-line-signature': signature ?? '' },
    })
  return { app, handled, deferred, timings, log, post }
}

const eventBody = (text: string) =>
  JSON.stringify({
    destination: 'Ubot',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: 1,
        webhookEventId: '01TEST',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: 'U0' },
        replyToken: 'r',
        message: { type: 'text', id: '1', quoteToken: 'q', text },
      },
    ],
  })

describe('POST /webhook', () => {
  it('counts each verified request and its events with the time taken to answer (issue 20)', async () => {
    const { post, deferred, timings } = setup()
    const body = eventBody('こんにちは')
    await post(body, await sign(SECRET, body))
    const verify = JSON.stringify({ destination: 'Ubot', events: [] })
    await post(verify, await sign(SECRET, verify))
    await post(body, 'bad-signature')
    await Promise.all(deferred)
    expect(timings.map((t) => t.events)).toEqual([1])
    for (const t of timings) expect(t.ms).toBeGreaterThanOrEqual(0)
  })

  it('processes a correctly signed request after answering 200', async () => {
    const { post, handled, deferred } = setup()
    const body = eventBody('こんにちは')
    const res = await post(body, await sign(SECRET, body))
    expect(res.status).toBe(200)
    await Promise.all(deferred)
    expect(handled).toHaveLength(1)
  })

  it("answers LINE's empty verification request with 200 and handles nothing", async () => {
    const { post, handled, deferred } = setup()
    const body = JSON.stringify({ destination: 'Ubot', events: [] })
    expect((await post(body, await sign(SECRET, body))).status).toBe(200)
    expect(deferred).toHaveLength(0)
    expect(handled).toHaveLength(0)
  })

  it('refuses a missing signature with 401 and processes nothing', async () => {
    const { post, deferred } = setup()
    expect((await post(eventBody('x'), null)).status).toBe(401)
    expect(deferred).toHaveLength(0)
  })

  it('refuses forged and mutated signatures on random bodies, never logging the body', async () => {
    const { post, deferred, log } = setup(1 << 20)
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string(), async (text, forged) => {
        const body = eventBody(text)
        const good = await sign(SECRET, body)
        expect((await post(body, forged)).status).toBe(401)
        expect((await post(`${body} `, good)).status).toBe(401)
        expect((await post(body, await sign('another-secret', body))).status).toBe(401)
      }),
      { numRuns: 50 },
    )
    expect(deferred).toHaveLength(0)
    expect(log.lines.join('\n')).not.toContain('"text"')
  })

  it('refuses a body over the limit with 413 before checking anything', async () => {
    const { post, deferred } = setup(100)
    const body = eventBody('あ'.repeat(200))
    expect((await post(body, await sign(SECRET, body))).status).toBe(413)
    expect(deferred).toHaveLength(0)
  })

  it('answers 400 to a signed body that is not a webhook request', async () => {
    const { post, deferred } = setup()
    for (const body of ['not json', '[]', '{"events":"no"}']) {
      expect((await post(body, await sign(SECRET, body))).status).toBe(400)
    }
    expect(deferred).toHaveLength(0)
  })
})
