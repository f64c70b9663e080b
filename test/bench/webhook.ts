/**
 * `npm run bench:webhook [-- --requests N --concurrency C]`
 *
 * Webhook throughput and latency: signed requests, one text-message event each, sent over
 * loopback to bunko's /webhook (the whole app: signature check, 200, then the event handled
 * after answering — dedup, link lookup, a reply to the in-process LINE simulator) and, in the
 * same run, to a bare Hono app answering 200. Both servers and the load run in this process,
 * so the figures compare like with like on this machine rather than measure a deployment.
 */
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { textMessageEvent } from '../../bot/simulator/webhook/events.ts'
import { sign } from '../../bot/webhook/signature.ts'
import { startBunko } from '../support/bunko.ts'
import { quantile } from './stats.ts'

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '32' },
  },
})
const total = Number(args.requests)
const concurrency = Number(args.concurrency)

interface Result {
  rps: number
  p50: number
  p99: number
}

async function load(url: string, body: (i: number) => string, secret: string): Promise<Result> {
  const bodies = await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const b = body(i)
      return { b, sig: await sign(secret, b) }
    }),
  )
  const latencies: number[] = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const { b, sig } = bodies[next++]!
        const s = performance.now()
        const res = await fetch(url, {
          method: 'POST',
          body: b,
          headers: { 'content-type': 'application/json', 'x-line-signature': sig },
        })
        await res.arrayBuffer()
        if (res.status !== 200) throw new Error(`status ${res.status}`)
        latencies.push(performance.now() - s)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  return { rps: total / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) }
}

async function bare(): Promise<{ url: string; close(): void }> {
  const app = new Hono()
  app.post('/webhook', (c) => c.json({}))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => server.once('listening', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () => server.close(),
  }
}

const b = await startBunko({ now: Date.now(), realTime: true })
const user = b.users[0]!.userId
await b.sim.users.follow(user)
await b.settled()
/** A text message as LINE sends it, with a reply token the simulator really issued. */
const event = (_i: number) =>
  JSON.stringify({
    destination: 'Ubench',
    events: [textMessageEvent(b.sim.state, user, 'ヘルプ')],
  })
const plain = await bare()
const secret = b.config.line.channelSecret
// Warm both up, then measure the bare app first and bunko second, in one run.
await load(plain.url, event, secret)
const bareResult = await load(plain.url, event, secret)
const bunkoResult = await load(`${b.origin}/webhook`, event, secret)
const replies = b.sim.record.calls({ path: '/v2/bot/message/reply' })
const accepted = replies.filter((c) => c.status === 200).length
await b.settled()
plain.close()
await b.close()

const row = (name: string, r: Result) =>
  `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`
console.log(`webhook: ${total} signed requests, ${concurrency} in flight, one event each\n`)
console.log('| server | requests/s | p50 ms | p99 ms |\n|---|---|---|---|')
console.log(row('bare Hono, 200', bareResult))
console.log(row('bunko /webhook', bunkoResult))
console.log(`\nreplies accepted by the simulator: ${accepted} of ${replies.length}`)
