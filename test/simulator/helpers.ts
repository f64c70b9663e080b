/** Shared set-up for the simulator's tests: a movable clock, captured webhooks, a live port. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createLineSimulator, type LineSimulatorOptions } from '../../bot/simulator/index.ts'

export const SECRET = 'test-channel-secret'
export const TOKEN = 'test-channel-access-token'
export const LOGIN_CHANNEL = '1234567890'
export const T0 = Date.UTC(2025, 5, 2, 1, 0, 0)

export function testClock(start = T0) {
  let now = start
  const clock = () => now
  return {
    clock,
    advance(ms: number) {
      now += ms
    },
  }
}

export type CapturedEvent = {
  type: string
  webhookEventId: string
  replyToken?: string
  deliveryContext: { isRedelivery: boolean }
  [key: string]: unknown
}

export interface Captured {
  body: string
  signature: string
  json: { destination: string; events: CapturedEvent[] }
}

/** A simulator whose webhooks land in `webhooks` (answered with `status`, 200 by default). */
export function makeSimulator(opts: Partial<LineSimulatorOptions> = {}) {
  const time = testClock()
  const webhooks: Captured[] = []
  const answer = { status: 200 }
  const sim = createLineSimulator({
    channelSecret: SECRET,
    channelAccessToken: TOKEN,
    loginChannelId: LOGIN_CHANNEL,
    clock: time.clock,
    deliver: async (req) => {
      const body = await req.text()
      webhooks.push({
        body,
        signature: req.headers.get('x-line-signature') ?? '',
        json: JSON.parse(body),
      })
      return new Response(null, { status: answer.status })
    },
    ...opts,
  })
  const users = sim.users.list()
  const call = (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
  ) =>
    sim.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    })
  return {
    sim,
    time,
    webhooks,
    answer,
    users,
    call,
    alice: users[0]!.userId,
    bob: users[1]!.userId,
  }
}

/** Serve a fetch handler on an ephemeral loopback port. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}

const pngs = new Map<string, Uint8Array>()

/** A real PNG of the given size (one colour), made with pngjs once per size. */
export async function png(width: number, height: number): Promise<Uint8Array> {
  const key = `${width}x${height}`
  let bytes = pngs.get(key)
  if (!bytes) {
    const { PNG } = await import('pngjs')
    const image = new PNG({ width, height })
    image.data.fill(200)
    bytes = new Uint8Array(PNG.sync.write(image))
    pngs.set(key, bytes)
  }
  return bytes
}
