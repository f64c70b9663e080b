/**
 * A whole bunko for end-to-end tests: the app and the LINE simulator on one loopback port
 * (as `npm start` runs them), an in-memory SQLite with the demo library, a clock the test
 * moves, and the rich menus synced. Webhooks are delivered in-process.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { DemoClock } from '../../bot/clock.ts'
import { readConfig } from '../../bot/config.ts'
import { memoryLog } from '../../bot/log.ts'
import { nodeServer } from '../../bot/node-server.ts'
import type { SchedulerOptions } from '../../bot/notices/scheduler.ts'
import { syncRichMenus } from '../../bot/richmenu/sync.ts'
import { DEMO_USERS } from '../../bot/simulator/index.ts'
import { jstInstant } from '../../core/dates.ts'
import type { LibrarySystem } from '../../core/library-system.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

/** A weekday noon in Japan, outside the maintenance window. */
export const TEST_NOW = jstInstant('2026-11-25', '12:00')

export async function startBunko(
  opts: {
    now?: number
    env?: Record<string, string>
    staticRoot?: string
    /** Run the notice scheduler as npm start does (off by default: most tests drive slots). */
    scheduler?: SchedulerOptions
    /** Let time flow from `now` (benchmarks); tests keep it still and move it with setNow. */
    realTime?: boolean
    /** The library system bunko holds, given the embedded one (a test double for the port). */
    library?: (embedded: LibrarySystem) => LibrarySystem
  } = {},
) {
  let base = opts.now ?? TEST_NOW
  const started = Date.now()
  const clock = new DemoClock(opts.realTime ? () => base + Date.now() - started : () => base)
  const db = openSqlite(':memory:')
  migrate(db)
  await seedDemo(db, clock.now())
  let app: ReturnType<typeof nodeServer> | undefined
  const server = serve({
    fetch: (req) => app!.root.fetch(req),
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const config = readConfig(
    {
      PUBLIC_URL: origin,
      ...(opts.env?.LINE_CHANNEL_SECRET ? {} : { BUNKO_DEMO: '1' }),
      ...opts.env,
    },
    { publicUrl: origin },
  )
  const log = memoryLog()
  app = nodeServer({
    db,
    config,
    clock,
    log,
    staticRoot: opts.staticRoot,
    scheduler: opts.scheduler ?? false,
    ...(opts.library ? { library: opts.library(embeddedLibrarySystem(db, config.policy)) } : {}),
  })
  const { root, line, library, background, scheduler } = app
  const sim = app.sim!
  const menus = await syncRichMenus({
    client: line.client,
    blobClient: line.blob,
    liffId: config.line.liffId,
  })
  return {
    db,
    sim,
    root,
    origin,
    clock,
    config,
    log,
    line,
    library,
    menus,
    /** Set the test's wall clock (Japan time instants). */
    setNow(t: number) {
      base = t
    },
    /** Wait until every webhook event handed to the background has been handled. */
    settled: () => background.idle(),
    users: DEMO_USERS,
    scheduler,
    async close() {
      await scheduler?.stop()
      await background.idle()
      await new Promise((r) => server.close(r))
      db.close()
    },
  }
}

export type Bunko = Awaited<ReturnType<typeof startBunko>>
