/**
 * A bunko for notice tests: the small test library (test/db/fixture.ts) in in-memory SQLite,
 * the LINE simulator on an ephemeral loopback port with the bot's @line/bot-sdk clients
 * pointed at it through the Node entry's LINE transport (bot/node-line-fetch.ts), a clock the
 * test moves, and a timing that never sleeps for real.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { DEMO_CHANNEL, readConfig } from '../../bot/config.ts'
import type { AppDeps } from '../../bot/deps.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import { installLineFetch } from '../../bot/node-line-fetch.ts'
import type { DispatchOptions } from '../../bot/notices/index.ts'
import type { Timing } from '../../bot/notices/pacer.ts'
import {
  createLineSimulator,
  type LineSimulatorOptions,
  type SimUser,
} from '../../bot/simulator/index.ts'
import { jstInstant } from '../../core/index.ts'
import { checkIn } from '../../db/circulation.ts'
import { raw } from '../../db/client.ts'
import { placeHolds } from '../../db/holds.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { lineLinks, notices } from '../../db/schema.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { receiveCopy } from '../../db/transit.ts'
import { buildFixture, NOW, PATRON } from '../db/fixture.ts'

export { NOW, PATRON, PLACE, TITLE } from '../db/fixture.ts'

/** A LINE user id for patron `id` (fixed, valid for the simulator). */
export const lineUserOf = (patronId: number) => `U${patronId.toString(16).padStart(32, '0')}`

/** Japan wall time → instant. */
export const jst = (date: string, time = '00:00') => jstInstant(date, time)

/** A clock the test moves; it never goes back. */
export function manualClock(start = NOW) {
  let t = start
  return {
    now: () => t,
    set(at: number) {
      if (at < t) throw new Error('the test clock only moves forward')
      t = at
    },
    advance(ms: number) {
      t += ms
    },
  }
}

/** Timing for pacing and backoff that records each wait instead of sleeping. */
export function fakeTiming(): Timing & { waits: number[] } {
  let t = 0
  const waits: number[] = []
  return {
    waits,
    now: () => t,
    async sleep(ms) {
      waits.push(ms)
      t += ms
    },
  }
}

export interface Harness {
  deps: AppDeps & { log: ReturnType<typeof memoryLog> }
  db: ReturnType<typeof openSqlite>
  sim: ReturnType<typeof createLineSimulator>
  clock: ReturnType<typeof manualClock>
  timing: ReturnType<typeof fakeTiming>
  /** Dispatch options every test uses: fake timing, seeded jitter. */
  opts: DispatchOptions
  /** Link patrons to simulator users (following unless said otherwise). */
  link(patronId: number, opts?: { followed?: boolean; language?: 'ja' | 'en' }): Promise<void>
  /** Pushes the simulator put in the patron's chat. */
  pushesTo(patronId: number): Record<string, unknown>[]
  /** All push calls LINE answered, with their status. */
  pushCalls(): { status: number; key: string | undefined; to: string }[]
  noticeRows(): Promise<(typeof notices.$inferSelect)[]>
  /** Place holds and check copies in at central so they become ready, at `at`. */
  readyHolds(
    patronId: number,
    titleIds: number[],
    pickupPlaceId: number,
    barcodes: string[],
    at?: number,
  ): Promise<string[]>
  close(): Promise<void>
}

const PATRON_IDS = Object.values(PATRON)

export async function harness(
  opts: {
    start?: number
    limits?: LineSimulatorOptions['limits']
    /** Wrap the simulator (e.g. to add headers LINE would send). */
    wrap?: (app: Hono) => Hono
  } = {},
): Promise<Harness> {
  const clock = manualClock(opts.start ?? NOW)
  const db = openSqlite(':memory:')
  migrate(db)
  await buildFixture(db)
  await db.batch([raw(sql`DELETE FROM line_links RETURNING id`)])
  const users: SimUser[] = PATRON_IDS.map((id) => ({
    userId: lineUserOf(id),
    displayName: `patron ${id}`,
    language: 'ja',
    following: true,
  }))
  const sim = createLineSimulator({
    channelSecret: DEMO_CHANNEL.secret,
    channelAccessToken: DEMO_CHANNEL.accessToken,
    loginChannelId: DEMO_CHANNEL.loginChannelId,
    clock: () => clock.now(),
    users,
    limits: { monthlyMessageQuota: null, rateLimit: null, ...opts.limits },
  })
  const host = opts.wrap ? opts.wrap(new Hono()) : new Hono()
  host.route('/', sim.app)
  const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const config = readConfig(
    { BUNKO_DEMO: '1', LINE_API_BASE_URL: origin, LINE_DATA_API_BASE_URL: origin },
    { publicUrl: origin },
  )
  const log = memoryLog()
  const library = embeddedLibrarySystem(db, config.policy)
  const uninstallLineFetch = installLineFetch(config.line)
  const deps = { db, library, line: lineClients(config), clock, config, log }
  const timing = fakeTiming()
  let seed = 1
  const random = () => {
    seed = (seed * 48271) % 2147483647
    return seed / 2147483647
  }
  const policy = config.policy
  return {
    deps,
    db,
    sim,
    clock,
    timing,
    opts: { timing, random },
    async link(patronId, o = {}) {
      await db.batch([
        db.orm
          .insert(lineLinks)
          .values({
            lineUserId: lineUserOf(patronId),
            patronId,
            linkedAt: 0,
            followed: o.followed ?? true,
            language: o.language ?? 'ja',
          })
          .returning({ id: lineLinks.id }),
      ])
    },
    pushesTo: (patronId) =>
      sim.record
        .botMessages(lineUserOf(patronId))
        .filter((e) => e.via === 'push')
        .map((e) => e.message),
    pushCalls: () =>
      sim.record.calls({ method: 'POST', path: '/v2/bot/message/push' }).map((c) => ({
        status: c.status,
        key: c.headers['x-line-retry-key'],
        to: String((c.body as { to?: unknown } | undefined)?.to),
      })),
    noticeRows: () => db.orm.select().from(notices).orderBy(notices.createdAt, notices.id),
    async readyHolds(patronId, titleIds, pickupPlaceId, barcodes, at = clock.now()) {
      const placed = await placeHolds(db, { patronId, titleIds, pickupPlaceId }, at, policy)
      if (!placed.ok) throw new Error(`placeHolds: ${placed.reason}`)
      const ids: string[] = []
      for (const barcode of barcodes) {
        const r = await checkIn(db, { barcode, placeId: 1 }, at, policy)
        if (!r.ok) throw new Error(`checkIn: ${r.reason}`)
        // HOLD-TRANSIT: a copy for another pickup place is ready once received there.
        const to = r.value.hold?.state === 'in_transit' ? r.value.transitToId : null
        const got = to ? await receiveCopy(db, { barcode, placeId: to }, at, policy) : null
        if (got && !got.ok) throw new Error(`receiveCopy: ${got.reason}`)
        const noticeId = got ? got.value.noticeId : r.value.noticeId
        if (noticeId) ids.push(noticeId)
      }
      return ids
    },
    async close() {
      uninstallLineFetch()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      db.close()
    },
  }
}

/** The alt text of every message in a push. */
export const altTexts = (messages: Record<string, unknown>[]) =>
  messages.map((m) => String(m.altText))

/** Every text inside a Flex message, joined (what the patron reads inside the chat). */
export function flexText(message: Record<string, unknown>): string {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (o.type === 'text' && typeof o.text === 'string') out.push(o.text)
      for (const [k, x] of Object.entries(o)) if (k !== 'altText') walk(x)
    }
  }
  walk(message.contents)
  return out.join('\n')
}
