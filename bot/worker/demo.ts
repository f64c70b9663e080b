/**
 * Demo mode on Workers, only in the demo Worker (bot/worker-demo.ts): the LINE simulator in
 * the same Worker, and before each request or cron run, the demo library loaded into an
 * empty D1 (once per isolate; a no-op when it is already there) and the demo clock caught up
 * with the offset the counter stored in the kv table, since another isolate may have moved it.
 * The production Worker never imports this file, so it carries neither simulator nor seed.
 */

import type { Hono } from 'hono'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import { restoreDemoClock } from '../counter/demo-clock.ts'
import { seedDemoLibrary } from '../demo.ts'
import { errorName } from '../log.ts'
import { tick } from '../notices/run-slot.ts'
import { createLineSimulator, type LineSimulator, mountLineSimulator } from '../simulator/index.ts'
import type { DemoSupport, WorkerBunko } from './build.ts'
import type { WorkerEnv } from './env.ts'
import { inProcess } from './in-process.ts'
import { routeInProcess } from './loopback.ts'
import { DEFAULT_PUSH_LIMIT } from './notices.ts'

export async function prepareDemo(b: WorkerBunko): Promise<void> {
  if (!b.demoClock) return
  const { db, log } = b.deps
  await restoreDemoClock(db, b.demoClock)
  if (b.seeded) return
  try {
    const now = b.demoClock.now()
    if (await seedDemoLibrary(db, now)) log.info('db.demo_seeded', { driver: 'd1' })
    b.seeded = true
  } catch (err) {
    // Another isolate or request may be loading it (the batch leaves nothing half-done), or
    // the migrations are missing: either way the next request checks again.
    log.warn('db.demo_seed_failed', { error: errorName(err) })
  }
}

/** How often traffic may run the notice tick in demo mode (real time). */
export const DEMO_TICK_MS = 5_000

/**
 * Demo mode: `wrangler dev` fires no cron triggers on its own, so after a request (at most
 * every few seconds) the notice tick runs in the background, as the Node scheduler's short
 * tick does. Moving the demo clock to the next slot at the counter then sends its notices.
 */
export function demoTick(b: WorkerBunko, ctx: { waitUntil(task: Promise<unknown>): void }): void {
  const { ticks } = b
  if (!b.demoClock || ticks.running) return
  const wall = Date.now()
  if (wall - ticks.last < DEMO_TICK_MS) return
  ticks.running = true
  ticks.last = wall
  ctx.waitUntil(
    tick(b.deps, { limit: DEFAULT_PUSH_LIMIT })
      .catch((err: unknown) => {
        b.deps.log.error('notices.tick_failed', {
          error: errorName(err),
        })
      })
      .finally(() => {
        ticks.running = false
      }),
  )
}

/** The simulator on the same app, delivering webhooks in-process; the bot reaches it likewise. */
export function mountSimulator(
  app: Hono,
  env: WorkerEnv,
  config: Config,
  clock: Clock,
): LineSimulator {
  const local = inProcess(app, env)
  const sim = createLineSimulator({
    channelSecret: config.line.channelSecret,
    channelAccessToken: config.line.channelAccessToken,
    loginChannelId: config.line.loginChannelId,
    deliver: local,
    clock: () => clock.now(),
    liffApps: { [config.line.liffId]: `${config.publicUrl}/liff/` },
  })
  mountLineSimulator(app, sim)
  // The LINE base URLs default to the public URL in demo mode (config.ts).
  routeInProcess(config.publicUrl, local)
  return sim
}

/** Demo mode for `bunkoFor` and the demo Worker's handlers. */
export const WORKER_DEMO: DemoSupport = {
  mount: mountSimulator,
  prepare: prepareDemo,
  tick: demoTick,
}
