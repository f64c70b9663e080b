/**
 * POST /webhook on Workers with real LINE credentials (not demo mode): the signature is
 * checked over the raw body, a good request is answered 200 at once and its events are
 * processed afterwards through `ctx.waitUntil`, a bad one is 401 and processes nothing.
 * LINE is the simulator, reached in-process at its own origin (http://line.test).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createLineSimulator, DEMO_USERS, signBody } from '../../bot/simulator/index.ts'
import { routeInProcess } from '../../bot/worker/loopback.ts'
import worker from '../../bot/worker.ts'
import { openD1 } from '../../db/client.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { ORIGIN, workerEnv } from './worker-harness.ts'

const LINE = 'http://line.test'
const SECRET = 'workers-test-channel-secret'
const wenv = workerEnv('W_WEBHOOK', {
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: 'workers-test-access-token',
  LINE_API_BASE_URL: LINE,
  LINE_DATA_API_BASE_URL: LINE,
  LINE_LOGIN_API_BASE_URL: LINE,
  LINE_LOGIN_CHANNEL_ID: '1650000099',
  LIFF_ID: '1650000099-workersTest',
})

/** Work the Worker handed to waitUntil, per request. */
const deferred: Promise<unknown>[][] = []
async function toWorker(request: Request): Promise<Response> {
  const tasks: Promise<unknown>[] = []
  deferred.push(tasks)
  const ctx = {
    waitUntil: (t: Promise<unknown>) => void tasks.push(t),
    passThroughOnException() {},
    props: {},
  }
  return worker.fetch(request, wenv, ctx)
}
const settle = async () => {
  for (const tasks of deferred.splice(0)) await Promise.all(tasks)
}

/** LINE's answers to the bot wait for this gate while it is closed. */
let gate: Promise<void> = Promise.resolve()
let openGate = () => {}
const closeGate = () => {
  gate = new Promise((resolve) => {
    openGate = resolve
  })
}

const sim = createLineSimulator({
  channelSecret: SECRET,
  channelAccessToken: 'workers-test-access-token',
  loginChannelId: '1650000099',
  webhookUrl: `${ORIGIN}/webhook`,
  deliver: toWorker,
})
routeInProcess(LINE, async (req) => {
  await gate
  return sim.app.fetch(req)
})

const user = DEMO_USERS[3]!
const replies = () => sim.record.calls({ method: 'POST', path: '/v2/bot/message/reply' })

beforeAll(async () => {
  await seedDemo(openD1(wenv.DB), Date.now())
  await sim.users.follow(user.userId)
  await settle()
})

describe('webhook on Workers', () => {
  it('LINE-WEBHOOK: a good signature is answered 200 before its events are processed via waitUntil', async () => {
    closeGate()
    const before = replies().length
    const { delivery } = await sim.users.sendText(user.userId, 'ヘルプ')
    // The delivery is answered while the bot's reply still waits for LINE (the gate).
    expect(delivery).toMatchObject({ status: 200 })
    expect(deferred.flat().length).toBeGreaterThan(0)
    expect(replies().length).toBe(before)
    openGate()
    await settle()
    expect(replies().length).toBe(before + 1)
    expect(sim.record.botMessages(user.userId).length).toBeGreaterThan(0)
  })

  it('LINE-WEBHOOK: a missing, forged or mutated signature gets 401 and nothing is processed', async () => {
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId: user.userId },
          webhookEventId: '01WORKERSFORGED0000000000',
          deliveryContext: { isRedelivery: false },
          replyToken: 'forged-reply-token',
          message: { id: '1', type: 'text', quoteToken: 'q', text: 'ヘルプ' },
        },
      ],
    })
    const good = await signBody(SECRET, body)
    const cases: [string, string | null, string][] = [
      ['missing', null, body],
      ['forged', await signBody('another-secret', body), body],
      ['mutated', good, body.replace('ヘルプ', 'へるぷ')],
    ]
    const before = replies().length
    for (const [name, signature, sent] of cases) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (signature) headers['x-line-signature'] = signature
      const res = await toWorker(
        new Request(`${ORIGIN}/webhook`, { method: 'POST', headers, body: sent }),
      )
      expect(res.status, name).toBe(401)
    }
    await settle()
    expect(replies().length).toBe(before)
  })

  it('LINE-WEBHOOK: a redelivered event is handled once', async () => {
    const { delivery: first } = await sim.users.sendText(user.userId, '電話')
    await settle()
    const before = replies().length
    const again = await toWorker(
      new Request(`${ORIGIN}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': first.signature },
        body: first.body,
      }),
    )
    expect(again.status).toBe(200)
    await settle()
    expect(replies().length).toBe(before)
  })

  it("answers LINE's empty verification request with 200", async () => {
    const verification = await sim.verifyWebhook()
    expect(verification.status).toBe(200)
  })
})
