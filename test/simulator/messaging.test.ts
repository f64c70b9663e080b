import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../bot/simulator/index.ts'
import { makeSimulator } from './helpers.ts'

const text = (t: string) => ({ type: 'text', text: t })
const KEY = '123e4567-e89b-12d3-a456-426614174000'

async function withFriend(opts = {}) {
  const t = makeSimulator(opts)
  await t.sim.users.follow(t.alice)
  return t
}

describe('authentication', () => {
  it('answers 401 with LINE’s bodies for a missing or wrong token, and a request id', async () => {
    const t = makeSimulator()
    const missing = await t.sim.app.request('/v2/bot/message/quota')
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ message: MESSAGES.authRequired })
    expect(missing.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const wrong = await t.call('GET', '/v2/bot/message/quota', {
      headers: { authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ message: MESSAGES.authFailed })
  })
})

describe('reply', () => {
  it('puts the messages in the chat and returns sentMessages', async () => {
    const t = await withFriend()
    await t.sim.users.sendText(t.alice, 'こんにちは')
    const token = t.webhooks.at(-1)!.json.events[0]!.replyToken
    const res = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken: token, messages: [text('ようこそ'), text('二通目')] },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { sentMessages: Array<{ id: string; quoteToken: string }> }
    expect(body.sentMessages).toHaveLength(2)
    expect(body.sentMessages[0]!.id).toMatch(/^\d{18}$/)
    const sent = t.sim.record.botMessages(t.alice)
    expect(sent.map((e) => [e.via, e.message.text])).toEqual([
      ['reply', 'ようこそ'],
      ['reply', '二通目'],
    ])
  })

  it('refuses a reply token used twice', async () => {
    const t = await withFriend()
    await t.sim.users.sendText(t.alice, 'a')
    const replyToken = t.webhooks.at(-1)!.json.events[0]!.replyToken
    const ok = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken, messages: [text('1')] },
    })
    expect(ok.status).toBe(200)
    const again = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken, messages: [text('2')] },
    })
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({ message: 'Invalid reply token' })
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
  })

  it('refuses a reply token after one minute', async () => {
    const t = await withFriend()
    await t.sim.users.sendText(t.alice, 'a')
    const replyToken = t.webhooks.at(-1)!.json.events[0]!.replyToken
    t.time.advance(60_000)
    const late = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken, messages: [text('x')] },
    })
    expect(late.status).toBe(400)
    expect(await late.json()).toEqual({ message: 'Invalid reply token' })
  })

  it('accepts a reply token just inside the minute', async () => {
    const t = await withFriend()
    await t.sim.users.sendText(t.alice, 'a')
    const replyToken = t.webhooks.at(-1)!.json.events[0]!.replyToken
    t.time.advance(59_999)
    const res = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken, messages: [text('x')] },
    })
    expect(res.status).toBe(200)
  })

  it('refuses a retry key on reply (only push-like APIs take one)', async () => {
    const t = await withFriend()
    const res = await t.call('POST', '/v2/bot/message/reply', {
      body: { replyToken: 'x', messages: [text('x')] },
      headers: { 'x-line-retry-key': KEY },
    })
    expect(res.status).toBe(400)
  })
})

describe('push', () => {
  it('refuses six messages with LINE’s validation body, sending nothing', async () => {
    const t = await withFriend()
    const messages = Array.from({ length: 6 }, (_, i) => text(String(i)))
    const res = await t.call('POST', '/v2/bot/message/push', { body: { to: t.alice, messages } })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    })
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(0)
  })

  it('refuses text over 5000 characters, naming the property', async () => {
    const t = await withFriend()
    const res = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('ok'), text('あ'.repeat(5001))] },
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { details: Array<{ property: string }> }
    expect(body.details.map((d) => d.property)).toEqual(['messages[1].text'])
  })

  it('checks templates, flex alt text and quick replies', async () => {
    const t = await withFriend()
    const items = Array.from({ length: 14 }, (_, i) => ({
      type: 'action',
      action: { type: 'message', label: `q${i}`, text: `q${i}` },
    }))
    const res = await t.call('POST', '/v2/bot/message/push', {
      body: {
        to: t.alice,
        messages: [
          { ...text('x'), quickReply: { items } },
          { type: 'flex', altText: 'a'.repeat(1501), contents: { type: 'bubble' } },
          {
            type: 'template',
            altText: 'c',
            template: { type: 'confirm', text: 'ok?', actions: [] },
          },
          { type: 'audiobook' },
        ],
      },
    })
    const body = (await res.json()) as { details: Array<{ property: string }> }
    expect(body.details.map((d) => d.property)).toEqual([
      'messages[0].quickReply.items',
      'messages[1].altText',
      'messages[2].template.actions',
      'messages[3].type',
    ])
  })

  it('answers a repeated retry key with 409 and x-line-accepted-request-id, sending nothing', async () => {
    const t = await withFriend()
    const first = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('延長しました')] },
      headers: { 'x-line-retry-key': KEY },
    })
    expect(first.status).toBe(200)
    const firstId = first.headers.get('x-line-request-id')
    t.time.advance(23 * 60 * 60_000)
    const again = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('延長しました')] },
      headers: { 'x-line-retry-key': KEY },
    })
    expect(again.status).toBe(409)
    expect(again.headers.get('x-line-accepted-request-id')).toBe(firstId)
    const body = (await again.json()) as { message: string; sentMessages: unknown[] }
    expect(body.message).toBe('The retry key is already accepted')
    expect(body.sentMessages).toHaveLength(1)
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
  })

  it('accepts the same retry key again after 24 hours', async () => {
    const t = await withFriend()
    const push = () =>
      t.call('POST', '/v2/bot/message/push', {
        body: { to: t.alice, messages: [text('x')] },
        headers: { 'x-line-retry-key': KEY },
      })
    expect((await push()).status).toBe(200)
    t.time.advance(24 * 60 * 60_000)
    expect((await push()).status).toBe(200)
  })

  it('does not consume a retry key on a refused request', async () => {
    const t = await withFriend()
    const bad = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [] },
      headers: { 'x-line-retry-key': KEY },
    })
    expect(bad.status).toBe(400)
    const good = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('x')] },
      headers: { 'x-line-retry-key': KEY },
    })
    expect(good.status).toBe(200)
  })

  it('refuses a retry key that is not a UUID', async () => {
    const t = await withFriend()
    const res = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('x')] },
      headers: { 'x-line-retry-key': 'not-a-uuid' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ message: MESSAGES.retryKeyInvalid })
  })

  it('accepts a push to a user who blocked the bot but delivers and counts nothing', async () => {
    const t = await withFriend()
    await t.sim.users.unfollow(t.alice)
    const res = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('x')] },
    })
    expect(res.status).toBe(200)
    expect(t.sim.record.botMessages(t.alice)[0]!.delivered).toBe(false)
    const usage = await t.call('GET', '/v2/bot/message/quota/consumption')
    expect(await usage.json()).toEqual({ totalUsage: 0 })
  })

  it('refuses a malformed or unknown recipient', async () => {
    const t = await withFriend()
    const bad = await t.call('POST', '/v2/bot/message/push', {
      body: { to: 'alice', messages: [text('x')] },
    })
    expect(bad.status).toBe(400)
    const unknown = await t.call('POST', '/v2/bot/message/push', {
      body: { to: `U${'0'.repeat(32)}`, messages: [text('x')] },
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({ message: 'Failed to send messages' })
  })

  it('answers 400 to a body that is not JSON', async () => {
    const t = await withFriend()
    const res = await t.call('POST', '/v2/bot/message/push', {
      raw: '{"to":',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
  })

  it('answers 413 to a body over 2 MB', async () => {
    const t = await withFriend()
    const res = await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('x')], padding: 'x'.repeat(2 * 1024 * 1024) },
    })
    expect(res.status).toBe(413)
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(0)
  })

  it('answers 413 from a declared Content-Length over 2 MB, and takes a declared small one', async () => {
    const t = await withFriend()
    const big = JSON.stringify({ to: t.alice, messages: [text('x')], pad: 'x'.repeat(2 ** 21) })
    const over = await t.call('POST', '/v2/bot/message/push', {
      raw: big,
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
    })
    expect(over.status).toBe(413)
    const small = JSON.stringify({ to: t.alice, messages: [text('x')] })
    const ok = await t.call('POST', '/v2/bot/message/push', {
      raw: small,
      headers: { 'content-type': 'application/json', 'content-length': String(small.length) },
    })
    expect(ok.status).toBe(200)
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
  })
})

describe('multicast', () => {
  it('sends to every friend and answers {}', async () => {
    const t = await withFriend()
    await t.sim.users.follow(t.bob)
    const res = await t.call('POST', '/v2/bot/message/multicast', {
      body: { to: [t.alice, t.bob], messages: [text('休館のお知らせ')] },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    expect(t.sim.record.botMessages(t.bob)[0]!.via).toBe('multicast')
    const usage = await t.call('GET', '/v2/bot/message/quota/consumption')
    expect(await usage.json()).toEqual({ totalUsage: 2 })
  })

  it('refuses more than 500 recipients', async () => {
    const t = await withFriend()
    const to = Array.from({ length: 501 }, (_, i) => `U${i.toString(16).padStart(32, '0')}`)
    const res = await t.call('POST', '/v2/bot/message/multicast', {
      body: { to, messages: [text('x')] },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 500', property: 'to' }],
    })
  })

  it('answers a repeated retry key with 409', async () => {
    const t = await withFriend()
    const send = () =>
      t.call('POST', '/v2/bot/message/multicast', {
        body: { to: [t.alice], messages: [text('x')] },
        headers: { 'x-line-retry-key': KEY },
      })
    const first = await send()
    const again = await send()
    expect(again.status).toBe(409)
    expect(again.headers.get('x-line-accepted-request-id')).toBe(
      first.headers.get('x-line-request-id'),
    )
    expect(t.sim.record.botMessages(t.alice)).toHaveLength(1)
  })
})

describe('quota and rate limit', () => {
  it('reports the quota and answers 429 once a push would pass it', async () => {
    const t = await withFriend({ limits: { monthlyMessageQuota: 3 } })
    expect(await (await t.call('GET', '/v2/bot/message/quota')).json()).toEqual({
      type: 'limited',
      value: 3,
    })
    const push = (n: number) =>
      t.call('POST', '/v2/bot/message/push', {
        body: { to: t.alice, messages: Array.from({ length: n }, () => text('x')) },
      })
    expect((await push(2)).status).toBe(200)
    const over = await push(2)
    expect(over.status).toBe(429)
    expect(await over.json()).toEqual({ message: 'You have reached your monthly limit.' })
    expect((await push(1)).status).toBe(200)
  })

  it('starts a fresh quota in the next Japan-time month', async () => {
    const t = await withFriend({ limits: { monthlyMessageQuota: 1 } })
    const push = () =>
      t.call('POST', '/v2/bot/message/push', { body: { to: t.alice, messages: [text('x')] } })
    expect((await push()).status).toBe(200)
    expect((await push()).status).toBe(429)
    t.time.advance(31 * 24 * 60 * 60_000)
    expect((await push()).status).toBe(200)
  })

  it('says quota type none when unlimited', async () => {
    const t = makeSimulator({ limits: { monthlyMessageQuota: null } })
    expect(await (await t.call('GET', '/v2/bot/message/quota')).json()).toEqual({ type: 'none' })
  })

  it('answers 429 past the configured rate, per endpoint, and recovers next window', async () => {
    const t = await withFriend({ limits: { rateLimit: { requests: 2, windowMs: 1000 } } })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await t.call('GET', '/v2/bot/message/quota')).status)
    expect(statuses).toEqual([200, 200, 429])
    expect((await t.call('GET', '/v2/bot/message/quota/consumption')).status).toBe(200)
    t.time.advance(1000)
    expect((await t.call('GET', '/v2/bot/message/quota')).status).toBe(200)
  })
})

describe('profile and link token', () => {
  it('gives a friend’s profile and 404 for strangers and unknown IDs', async () => {
    const t = await withFriend()
    const res = await t.call('GET', `/v2/bot/profile/${t.alice}`)
    expect(await res.json()).toEqual({
      displayName: '山田 花子',
      userId: t.alice,
      language: 'ja',
      statusMessage: '週末は図書館で過ごします',
    })
    expect((await t.call('GET', `/v2/bot/profile/${t.bob}`)).status).toBe(404)
    const unknown = await t.call('GET', `/v2/bot/profile/U${'f'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ message: 'Not found' })
  })

  it('issues a link token for a friend', async () => {
    const t = await withFriend()
    const res = await t.call('POST', `/v2/bot/user/${t.alice}/linkToken`)
    expect(res.status).toBe(200)
    const { linkToken } = (await res.json()) as { linkToken: string }
    expect(linkToken).toMatch(/^[A-Za-z0-9]{32}$/)
    expect((await t.call('POST', '/v2/bot/user/nobody/linkToken')).status).toBe(400)
  })

  it('records every call with its body, status and request id', async () => {
    const t = await withFriend()
    await t.call('POST', '/v2/bot/message/push', {
      body: { to: t.alice, messages: [text('記録')] },
    })
    const [call] = t.sim.record.calls({ method: 'POST', path: '/v2/bot/message/push' })
    expect(call!.status).toBe(200)
    expect(call!.body).toEqual({ to: t.alice, messages: [text('記録')] })
    expect(call!.headers.authorization).toBe('Bearer (valid)')
    expect(call!.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
