/**
 * Demo mode on Workers, before each request or cron run: load the demo library into an
 * empty D1 (once per isolate; a no-op when it is already there), and catch the demo clock up
 * with the offset the counter stored in the kv table, since another isolate may have moved it.
 */

import { restoreDemoClock } from '../counter/demo-clock.ts'
import { seedDemoLibrary } from '../demo.ts'
import { errorName } from '../log.ts'
import { tick } from '../notices/run-slot.ts'
import type { WorkerBunko } from './build.ts'
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
