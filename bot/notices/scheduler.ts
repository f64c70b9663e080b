/**
 * The Node scheduler: an in-process loop that wakes at each notice slot (Japan time, from
 * core's slot lists) and runs `tick`. It follows the app clock, and re-checks on a short
 * tick, so a demo clock moved forward to the next slot is noticed within seconds. On start it
 * ticks at once: slots missed while the process was down are caught up once, and the leases
 * its dead predecessor held (same name, another incarnation) are taken back at once rather
 * than after they expire (db lapseDeadLeases; the retry key keeps it to one message).
 *
 * Workers has no long-lived process; it runs the same `tick` from cron (workers.ts).
 */

import { lapseDeadLeases } from '../../db/notices.ts'
import type { AppDeps } from '../deps.ts'
import { errorName } from '../log.ts'
import type { DispatchOptions } from './dispatch.ts'
import { tick } from './run-slot.ts'
import { nextSlot } from './slots.ts'

export interface SchedulerOptions extends DispatchOptions {
  /** This dispatcher's name: one process at a time runs under it (default `node`). */
  name?: string
  /** The longest sleep between checks of the clock (real ms). */
  tickMs?: number
  /** After a run with failed steps, wait this long before trying again. */
  retryMs?: number
}

export interface Scheduler {
  /** Check now instead of at the next tick (e.g. right after the demo clock moved). */
  wake(): void
  /** Stop, after the run in progress (if any) ends. */
  stop(): Promise<void>
  /** Resolves when no run is in progress. */
  idle(): Promise<void>
}

export function startScheduler(deps: AppDeps, opts: SchedulerOptions = {}): Scheduler {
  const { tickMs = 5_000, retryMs = 60_000, name = 'node', ...rest } = opts
  const incarnation = crypto.randomUUID()
  const dispatch: DispatchOptions = { ...rest, owner: `${name}/${incarnation}` }
  let started = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | null = null
  let stopped = false

  const schedule = (delay: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(run, Math.max(0, delay))
    ;(timer as { unref?: () => void }).unref?.()
  }

  const untilNextCheck = () => {
    const now = deps.clock.now()
    return Math.min(tickMs, nextSlot(now + 1, deps.config.policy) - now)
  }

  function run() {
    if (stopped || running) return
    running = (async () => {
      let delay: number
      try {
        if (!started) {
          const now = deps.clock.now()
          const lapsed = await lapseDeadLeases(deps.db, { name, incarnation, now })
          if (lapsed > 0) deps.log.info('notices.leases_reclaimed', { notices: lapsed })
          started = true
        }
        const report = await tick(deps, dispatch)
        delay = report?.errors.length ? retryMs : untilNextCheck()
      } catch (err) {
        deps.log.error('notices.tick_failed', {
          error: errorName(err),
        })
        delay = retryMs
      }
      running = null
      schedule(delay)
    })()
  }

  run()
  return {
    wake: () => {
      if (!running) schedule(0)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
    async idle() {
      await running
    },
  }
}
