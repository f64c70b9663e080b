/**
 * The API under test: the bot's `/api` on an in-memory SQLite with the fixture, a LINE
 * simulator in-process that issues real ES256 ID tokens, and the verifier's fetch routed to
 * the simulator's `app.fetch` (counted, so the token cache can be seen working). The LINE
 * Messaging client (for unlinking the rich menu) reaches the simulator over a loopback port.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { apiRoutes } from '../../bot/api/index.ts'
import type { Clock } from '../../bot/clock.ts'
import { DEMO_CHANNEL, readConfig } from '../../bot/config.ts'
import type { AppDeps } from '../../bot/deps.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import { createLineSimulator, type LineSimulator } from '../../bot/simulator/index.ts'
import type { LibrarySystem } from '../../core/library-system.ts'
import type { Db } from '../../db/client.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { buildFixture, NOW, PATRON, USER, type Who } from './fixture.ts'

export class TestClock implements Clock {
  constructor(public t = NOW) {}
  now(): number {
    return this.t
  }
}

export interface ApiHarness {
  app: Hono
  sim: LineSimulator
  clock: TestClock
  db: ReturnType<typeof openSqlite>
  log: ReturnType<typeof memoryLog>
  /** Calls the verifier made to LINE's verify endpoint. */
  verifyCalls: () => number
  token(who: Who | string, opts?: { ttlMs?: number; aud?: string }): Promise<string>
  /** A request as the LIFF app sends it, as `who` (a fresh ID token unless one is given). */
  call(
    method: string,
    path: string,
    init?: {
      as?: Who
      token?: string | null
      body?: unknown
      raw?: string
      lang?: string
      /** More request headers (ACC-FAMILY: `X-Bunko-Patron`). */
      headers?: Record<string, string>
    },
  ): Promise<Response>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Serve the simulator on a loopback port for the Messaging API client (rich menus). */
  lineServer?: boolean
  /** Load the data: the API fixture by default; tests of the demo library pass seedDemo. */
  load?: (db: Db, now: number) => Promise<unknown>
  now?: number
  /** LINE's verify endpoint answers 502, as in an outage. */
  lineDown?: boolean
  /** The library system the app holds, given the embedded one (a test double for the port). */
  library?: (embedded: LibrarySystem) => LibrarySystem
}

export async function makeApi(opts: HarnessOptions = {}): Promise<ApiHarness> {
  const clock = new TestClock(opts.now)
  const users = Object.entries(USER).map(([who, userId]) => ({
    userId,
    displayName: who,
    language: 'ja' as const,
    following: true,
  }))
  users.push({ userId: stranger, displayName: 'stranger', language: 'ja', following: true })
  const sim = createLineSimulator({
    channelSecret: DEMO_CHANNEL.secret,
    channelAccessToken: DEMO_CHANNEL.accessToken,
    loginChannelId: DEMO_CHANNEL.loginChannelId,
    clock: () => clock.now(),
    users,
  })
  const server = opts.lineServer ? await listen(sim.app.fetch) : null
  const origin = server?.origin ?? 'http://line.invalid'
  const config = readConfig(
    { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin },
    { publicUrl: 'http://bunko.test' },
  )
  const db = openSqlite(':memory:')
  migrate(db)
  await (opts.load ?? buildFixture)(db, clock.now())
  const log = memoryLog()
  let verifyCalls = 0
  const toSim: typeof fetch = async (input, init) => {
    const req = new Request(input, init)
    if (new URL(req.url).pathname === '/oauth2/v2.1/verify') verifyCalls++
    if (opts.lineDown) return new Response('Bad Gateway', { status: 502 })
    return sim.app.fetch(req)
  }
  const embedded = embeddedLibrarySystem(db, config.policy)
  const library = opts.library ? opts.library(embedded) : embedded
  const deps: AppDeps = { db, library, line: lineClients(config), clock, config, log }
  const app = new Hono()
  app.route('/api', apiRoutes(deps, { fetch: toSim }))
  const tokens = new Map<string, string>()
  const token = async (who: Who | string, o: { ttlMs?: number; aud?: string } = {}) =>
    sim.idTokens.issue(who in USER ? USER[who as Who] : who, o)
  return {
    app,
    sim,
    clock,
    db,
    log,
    verifyCalls: () => verifyCalls,
    token,
    async call(method, path, init = {}) {
      const who = init.as ?? 'hanako'
      let bearer = init.token
      if (bearer === undefined) {
        // One token per user while the clock stands still, as a LIFF app keeps its token
        // between calls (and has a new one after time has passed).
        const key = `${who}@${clock.t}`
        bearer = tokens.get(key) ?? (await token(who))
        tokens.set(key, bearer)
      }
      const headers: Record<string, string> = {
        'Accept-Language': init.lang ?? 'ja',
        ...init.headers,
      }
      if (bearer !== null) headers.Authorization = `Bearer ${bearer}`
      let body: string | undefined = init.raw
      if (init.body !== undefined) {
        headers['Content-Type'] = 'application/json'
        body = JSON.stringify(init.body)
      }
      return app.request(path, { method, headers, body })
    },
    async close() {
      db.close()
      await server?.close()
    },
  }
}

/** A LINE user the simulator knows who never linked a library card. */
export const stranger = `U${'f'.repeat(32)}`

export { PATRON }

async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ origin: string; close(): Promise<void> }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      })
    })
  })
}

/** The JSON body of `res`, typed as the contract says. */
export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}
