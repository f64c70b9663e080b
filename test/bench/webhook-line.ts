/**
 * LINE for the webhook benchmark, in its own process (as LINE is): the simulator's API (the
 * reply endpoint bunko answers on, the profile it may read) and the sender of the signed
 * webhooks, so neither the simulator's work nor the load's is inside the server's figures.
 * Driven by webhook.ts over IPC: `{ type: 'load', url, total, concurrency }` sends `total`
 * text-message events, one per request, each with a reply token the simulator issued, and
 * answers with the latencies; `{ type: 'report' }` answers with the replies LINE accepted.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { DEMO_CHANNEL } from '../../bot/config.ts'
import { createLineSimulator } from '../../bot/simulator/index.ts'
import { textMessageEvent } from '../../bot/simulator/webhook/events.ts'
import { sign } from '../../bot/webhook/signature.ts'
import { quantile } from './stats.ts'

const USER = `U${'b'.repeat(32)}`
const sim = createLineSimulator({
  channelSecret: DEMO_CHANNEL.secret,
  channelAccessToken: DEMO_CHANNEL.accessToken,
  loginChannelId: DEMO_CHANNEL.loginChannelId,
  users: [{ userId: USER, displayName: 'bench', language: 'ja', following: true }],
  limits: { monthlyMessageQuota: null, rateLimit: null },
})
// The simulator keeps only its latest calls; count every reply answer here instead.
const replies = new Map<number, number>()
const host = new Hono()
host.use('/v2/bot/message/reply', async (c, next) => {
  await next()
  replies.set(c.res.status, (replies.get(c.res.status) ?? 0) + 1)
})
host.route('/', sim.app)
const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' })
server.once('listening', () => {
  const { port } = server.address() as AddressInfo
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${port}` })
})

export interface LoadResult {
  seconds: number
  p50: number
  p99: number
  failures: number
}

async function load(url: string, total: number, concurrency: number): Promise<LoadResult> {
  // Each event is made just before it is sent: a reply token made long before would expire
  // (as LINE's do) while a slow run is still going.
  const event = async () => {
    const b = JSON.stringify({
      destination: 'Ubench',
      events: [textMessageEvent(sim.state, USER, 'ヘルプ')],
    })
    return { b, sig: await sign(DEMO_CHANNEL.secret, b) }
  }
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1
        const { b, sig } = await event()
        const s = performance.now()
        const res = await fetch(url, {
          method: 'POST',
          body: b,
          headers: { 'content-type': 'application/json', 'x-line-signature': sig },
        })
        await res.arrayBuffer()
        if (res.status !== 200) failures += 1
        latencies.push(performance.now() - s)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  return { seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures }
}

process.on('message', async (msg: { type: string; url: string; total: number; c: number }) => {
  if (msg.type === 'load')
    process.send?.({ type: 'loaded', ...(await load(msg.url, msg.total, msg.c)) })
  if (msg.type === 'report') {
    process.send?.({
      type: 'report',
      replies: [...replies.values()].reduce((a, b) => a + b, 0),
      accepted: replies.get(200) ?? 0,
    })
    server.close()
    setTimeout(() => process.exit(0), 50)
  }
})
