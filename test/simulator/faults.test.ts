import { describe, expect, it } from 'vitest'
import { makeSimulator } from './helpers.ts'

const KEY = '00000000-0000-4000-8000-000000000001'

async function setUp() {
  const t = makeSimulator()
  await t.sim.users.follow(t.alice)
  const push = (headers: Record<string, string> = {}) =>
    t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [{ type: 'text', text: '予約の本が届きました' }] },
      headers,
    })
  return { ...t, push }
}

describe('fault injection', () => {
  it('answers 500 for the next N matching calls, sending nothing, then recovers', async () => {
    const t = await setUp()
    t.sim.faults.add({ match: 'POST /v2/bot/message/push', status: 500, times: 2 })
    expect((await t.push()).status).toBe(500)
    expect((await t.push()).status).toBe(500)
    expect((await t.push()).status).toBe(200)
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
    expect(t.sim.record.calls({ path: '/v2/bot/message/push' }).map((c) => c.status)).toEqual([
      500, 500, 200,
    ])
  })

  it('answers 429 with LINE’s body and leaves other endpoints alone', async () => {
    const t = await setUp()
    t.sim.faults.add({ match: '/v2/bot/message/*', status: 429 })
    const res = await t.push()
    expect(res.status).toBe(429)
    expect(await res.json()).toEqual({
      message: 'The API rate limit has been exceeded. Try again later.',
    })
    expect((await t.call('GET', `/v2/bot/profile/${t.alice}`)).status).toBe(200)
    t.sim.faults.clear()
    expect((await t.push()).status).toBe(200)
  })

  it('can accept the request and still answer 500, so a retry with the same key gets 409', async () => {
    const t = await setUp()
    t.sim.faults.add({
      match: 'POST /v2/bot/message/push',
      status: 500,
      times: 1,
      afterProcessing: true,
    })
    expect((await t.push({ 'x-line-retry-key': KEY })).status).toBe(500)
    expect((await t.push({ 'x-line-retry-key': KEY })).status).toBe(409)
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
  })

  it('applies a probability using the injected randomness', async () => {
    const rolls = [0.1, 0.9, 0.2, 0.8]
    const t = makeSimulator({ random: () => rolls.shift() ?? 0.99 })
    t.sim.faults.add({ match: /GET \/v2\/bot\/message\/quota$/, status: 503, probability: 0.5 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await t.call('GET', '/v2/bot/message/quota')).status)
    expect(statuses).toEqual([503, 200, 503, 200])
  })

  it('delays without failing when only delayMs is given', async () => {
    const t = await setUp()
    t.sim.faults.add({ match: 'POST /v2/bot/message/push', delayMs: 5, times: 1 })
    expect((await t.push()).status).toBe(200)
    expect(t.sim.record.calls({ path: '/v2/bot/message/push' })[0]!.fault).toBe(
      'POST /v2/bot/message/push',
    )
  })

  it('can be set over HTTP by the page or another process', async () => {
    const t = await setUp()
    await t.sim.app.request('/simulator/api/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: 'POST /v2/bot/message/push', status: 500, times: 1 }),
    })
    expect((await t.push()).status).toBe(500)
    expect((await t.push()).status).toBe(200)
  })
})
