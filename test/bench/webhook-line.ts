/**
 * LINE for the webhook benchmark, in its own process (as LINE is): the simulator's API (the
 * reply endpoint bunko answers on, the profile it may read) and the sender of the signed
 * webhooks, so neither the simulator's work nor the load's is inside the server's figures.
 * Driven by webhook.ts over IPC: `{ type: 'load', url, total, c, replying }` sends `total`
 * text-message events, `c` requests in flight, each event with a reply token the simulator
 * issued (`replying`: whether the server answers with it), and answers with the latencies; `{ type: 'cpu' }` with this process's CPU time so far (ms), so
 * the runner can say what LINE's side cost (it shares the machine with the servers);
 * `{ type: 'report' }` answers with the replies LINE accepted.
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
  // A spent token is dropped (see `forget`).
  if (c.res.status === 200) forget((await c.req.json<{ replyToken: string }>()).replyToken)
})
host.route('/', sim.app)
const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' })
server.once('listening', () => {
  const { port } = server.address() as AddressInfo
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${port}` })
})

/**
 * The simulator keeps every reply token, spent or not, for a day past its expiry, and looks
 * through all of them on every API call: over a run of thousands of events that made LINE's
 * side cost grow with the run (quadratic), and the time went to the servers' figures. Here a
 * token is dropped once spent, or once the bare app, which never replies, has answered.
 */
function forget(token: string | undefined) {
  if (token) sim.state.replyTokens.delete(token)
}

export interface LoadResult {
  seconds: number
  p50: number
  p99: number
  failures: number
}

async function load(
  url: string,
  total: number,
  concurrency: number,
  replying: boolean,
): Promise<LoadResult> {
  // Each event is made just before it is sent: a reply token made long before would expire
  // (as LINE's do) while a slow run is still going.
  const event = async () => {
    const e = textMessageEvent(sim.state, USER, 'ヘルプ')
    const b = JSON.stringify({ destination: 'Ubench', events: [e] })
    return { b, sig: await sign(DEMO_CHANNEL.secret, b), token: e.replyToken as string }
  }
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1
        const { b, sig, token } = await event()
        const s = performance.now()
        const res = await fetch(url, {
          method: 'POST',
          body: b,
          headers: { 'content-type': 'application/json', 'x-line-signature': sig },
        })
        await res.arrayBuffer()
        if (res.status !== 200) failures += 1
        latencies.push(performance.now() - s)
        if (!replying) forget(token)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  return { seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures }
}

interface Message {
  type: string
  url: string
  total: number
  c: number
  replying: boolean
}

process.on('message', async (msg: Message) => {
  if (msg.type === 'load')
    process.send?.({ type: 'loaded', ...(await load(msg.url, msg.total, msg.c, msg.replying)) })
  if (msg.type === 'cpu') {
    const { user, system } = process.cpuUsage()
    process.send?.({ type: 'cpu', ms: (user + system) / 1000 })
  }
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
