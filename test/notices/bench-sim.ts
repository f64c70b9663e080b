/**
 * The LINE simulator for the notice benchmark, in its own process (as LINE is): `count`
 * following users, LINE's push rate limit (2,000 per second), no monthly target. Started by
 * bench.ts over IPC; answers `{ type: 'report' }` with what LINE received.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { DEMO_CHANNEL } from '../../bot/config.ts'
import { createLineSimulator, type SimUser } from '../../bot/simulator/index.ts'

export const benchUser = (i: number) => `U${i.toString(16).padStart(32, '0')}`

const count = Number(process.argv[2] ?? 10_000)
const users: SimUser[] = Array.from({ length: count }, (_, i) => ({
  userId: benchUser(i + 1),
  displayName: `user ${i + 1}`,
  language: 'ja',
  following: true,
}))
const sim = createLineSimulator({
  channelSecret: DEMO_CHANNEL.secret,
  channelAccessToken: DEMO_CHANNEL.accessToken,
  loginChannelId: DEMO_CHANNEL.loginChannelId,
  users,
  limits: { monthlyMessageQuota: null, rateLimit: { requests: 2000, windowMs: 1000 } },
})

// The simulator keeps only its latest calls; count every push answer here instead.
const statuses = new Map<number, number>()
const host = new Hono()
host.use('/v2/bot/message/push', async (c, next) => {
  await next()
  statuses.set(c.res.status, (statuses.get(c.res.status) ?? 0) + 1)
})
host.route('/', sim.app)
const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' })
// The simulator's own CPU from here on: on 2 cores it shares the machine with the dispatcher.
let cpu0 = process.cpuUsage()
server.once('listening', () => {
  cpu0 = process.cpuUsage()
  const { port } = server.address() as AddressInfo
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${port}` })
})

process.on('message', (msg: { type: string }) => {
  if (msg.type !== 'report') return
  // Each benchmark push carries one message, so messages per user = pushes per user.
  const received = users.map(
    (u) => sim.record.botMessages(u.userId).filter((e) => e.via === 'push').length,
  )
  process.send?.({
    type: 'report',
    calls: [...statuses.values()].reduce((a, b) => a + b, 0),
    accepted: statuses.get(200) ?? 0,
    repeats: statuses.get(409) ?? 0,
    rateLimited: statuses.get(429) ?? 0,
    messages: received.reduce((a, b) => a + b, 0),
    usersReached: received.filter((n) => n > 0).length,
    duplicates: received.reduce((a, n) => a + Math.max(0, n - 1), 0),
    cpuSeconds: ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu0)),
  })
  server.close()
  setTimeout(() => process.exit(0), 50)
})
