import { messagingApi, validateSignature } from '@line/bot-sdk'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createLineSimulator, lineBaseUrls, mountLineSimulator } from '../../bot/simulator/index.ts'
import { listen, SECRET, TOKEN } from './helpers.ts'

describe('mounting into the bot’s app', () => {
  it('serves bot and simulator on one origin, delivering webhooks in-process', async () => {
    const host = new Hono()
    const seen: string[] = []
    host.post('/webhook', async (c) => {
      const body = await c.req.text()
      seen.push(
        validateSignature(body, SECRET, c.req.header('x-line-signature') ?? '') ? 'signed' : 'bad',
      )
      return c.text('ok')
    })
    host.get('/health', (c) => c.text('fine'))
    const sim = createLineSimulator({
      channelSecret: SECRET,
      channelAccessToken: TOKEN,
      loginChannelId: '1',
      webhookUrl: 'http://localhost/webhook',
      deliver: (req) => Promise.resolve(host.fetch(req)),
    })
    mountLineSimulator(host, sim)
    const server = await listen(host.fetch)
    try {
      const urls = lineBaseUrls(`${server.origin}/`)
      expect(urls).toEqual({
        LINE_API_BASE_URL: server.origin,
        LINE_DATA_API_BASE_URL: server.origin,
        LINE_ACCESS_BASE_URL: server.origin,
        LINE_LOGIN_API_BASE_URL: server.origin,
      })
      // The bot's own routes are untouched by the simulator's auth and record.
      expect(await (await fetch(`${server.origin}/health`)).text()).toBe('fine')
      expect(sim.record.calls()).toHaveLength(0)
      const client = new messagingApi.MessagingApiClient({
        channelAccessToken: TOKEN,
        baseURL: urls.LINE_API_BASE_URL,
      })
      expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 1000 })
      expect((await fetch(`${server.origin}/simulator`)).status).toBe(200)
      const alice = sim.users.list()[0]!.userId
      await sim.users.follow(alice)
      expect(seen).toEqual(['signed'])
      const unknown = await fetch(`${server.origin}/v2/bot/nothing`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(unknown.status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
