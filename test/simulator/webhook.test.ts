import { validateSignature } from '@line/bot-sdk'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signBody } from '../../bot/simulator/index.ts'
import { listen, makeSimulator, SECRET, T0 } from './helpers.ts'

describe('webhook signatures', () => {
  it('are accepted by @line/bot-sdk’s validateSignature', async () => {
    const t = makeSimulator()
    await t.sim.users.follow(t.alice)
    await t.sim.users.sendText(t.alice, '予約の確認 📚')
    expect(t.webhooks).toHaveLength(2)
    for (const w of t.webhooks) {
      expect(validateSignature(w.body, SECRET, w.signature)).toBe(true)
      expect(validateSignature(w.body, 'another-secret', w.signature)).toBe(false)
    }
  })

  it('match validateSignature for any body (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ minLength: 1 }), async (body, secret) => {
        expect(validateSignature(body, secret, await signBody(secret, body))).toBe(true)
      }),
      { numRuns: 50 },
    )
  })
})

describe('webhook events', () => {
  it('have LINE’s shape for follow, message, postback and unfollow', async () => {
    const t = makeSimulator({ botUserId: `U${'b'.repeat(32)}` })
    await t.sim.users.follow(t.alice)
    await t.sim.users.sendText(t.alice, 'ヘルプ')
    await t.sim.users.postback(t.alice, 'action=card', { params: { date: '2025-06-03' } })
    await t.sim.users.unfollow(t.alice)
    const events = t.webhooks.map((w) => w.json.events[0]!)
    for (const w of t.webhooks) expect(w.json.destination).toBe(`U${'b'.repeat(32)}`)
    for (const e of events) {
      expect(e.mode).toBe('active')
      expect(e.timestamp).toBe(T0)
      expect(e.source).toEqual({ type: 'user', userId: t.alice })
      expect(e.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(e.deliveryContext).toEqual({ isRedelivery: false })
    }
    const [follow, message, postback, unfollow] = events
    expect(follow).toMatchObject({ type: 'follow', follow: { isUnblocked: false } })
    expect(follow!.replyToken).toMatch(/^[0-9a-f]{32}$/)
    expect(message).toMatchObject({ type: 'message', message: { type: 'text', text: 'ヘルプ' } })
    expect((message!.message as { id: string }).id).toMatch(/^\d{18}$/)
    expect(postback).toMatchObject({
      type: 'postback',
      postback: { data: 'action=card', params: { date: '2025-06-03' } },
    })
    expect(unfollow!.type).toBe('unfollow')
    expect(unfollow!.replyToken).toBeUndefined()
  })

  it('marks a follow after a block as isUnblocked', async () => {
    const t = makeSimulator()
    await t.sim.users.follow(t.alice)
    await t.sim.users.unfollow(t.alice)
    await t.sim.users.follow(t.alice)
    expect(t.webhooks.at(-1)!.json.events[0]).toMatchObject({ follow: { isUnblocked: true } })
  })

  it('refuses actions a user cannot take', async () => {
    const t = makeSimulator()
    await expect(t.sim.users.sendText(t.alice, 'hi')).rejects.toThrow(/friend/)
    await t.sim.users.follow(t.alice)
    await expect(t.sim.users.follow(t.alice)).rejects.toThrow(/already/)
    expect(t.webhooks).toHaveLength(1)
  })

  it('sends LINE’s empty verification request', async () => {
    const t = makeSimulator()
    const d = await t.sim.verifyWebhook()
    expect(d.status).toBe(200)
    expect(t.webhooks[0]!.json.events).toEqual([])
  })
})

describe('redelivery', () => {
  it('sends a failed delivery again with the same webhookEventId and isRedelivery true', async () => {
    const t = makeSimulator()
    await t.sim.users.follow(t.alice)
    t.answer.status = 500
    await t.sim.users.sendText(t.alice, '貸出')
    t.answer.status = 200
    const [again] = await t.sim.redeliverFailed()
    expect(again!.status).toBe(200)
    const original = t.webhooks[1]!.json.events[0]!
    const redelivered = t.webhooks[2]!.json.events[0]!
    expect(redelivered.webhookEventId).toBe(original.webhookEventId)
    expect(redelivered.deliveryContext).toEqual({ isRedelivery: true })
    expect(redelivered.message).toEqual(original.message)
    expect(validateSignature(t.webhooks[2]!.body, SECRET, t.webhooks[2]!.signature)).toBe(true)
    expect(await t.sim.redeliverFailed()).toEqual([])
  })
})

describe('delivery over HTTP', () => {
  it('POSTs to the webhook URL with LINE’s headers', async () => {
    const received: Array<{ sig: string | null; type: string | null; body: string }> = []
    const bot = await listen(async (req) => {
      received.push({
        sig: req.headers.get('x-line-signature'),
        type: req.headers.get('content-type'),
        body: await req.text(),
      })
      return new Response('ok')
    })
    try {
      const t = makeSimulator({ deliver: undefined, webhookUrl: `${bot.origin}/webhook` })
      await t.sim.users.follow(t.alice)
      expect(received).toHaveLength(1)
      expect(received[0]!.type).toMatch(/^application\/json/)
      expect(validateSignature(received[0]!.body, SECRET, received[0]!.sig!)).toBe(true)
      expect(t.sim.record.deliveries()[0]!.status).toBe(200)
    } finally {
      await bot.close()
    }
  })

  it('records a delivery that could not connect', async () => {
    const t = makeSimulator({ deliver: undefined, webhookUrl: 'http://127.0.0.1:9/webhook' })
    const { delivery } = await t.sim.users.follow(t.alice)
    expect(delivery.status).toBeNull()
    expect(delivery.error).toBeTruthy()
  })
})
