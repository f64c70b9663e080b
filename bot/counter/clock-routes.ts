/**
 * POST /clock/advance: move the demo clock to the next notice slot, by a day or by a week.
 * Only registered in demo mode with a DemoClock; otherwise the path does not exist (404),
 * and the real clock cannot be moved by anyone.
 */
import { Hono } from 'hono'
import { recordAudit } from './audit.ts'
import type { Counter, CounterEnv } from './context.ts'
import { advanceDemoClock, CLOCK_STEPS, type ClockStep } from './demo-clock.ts'
import { COUNTER_PATH } from './session.ts'

/** Pages the clock buttons may return to (the page they were pressed on). */
export const BACK = /^(\/(patrons\/\d+|holds(\?place=\d+)?|audit))?$/

export function clockRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  const clock = k.demoClock
  if (!clock) return app
  app.post('/clock/advance', async (c) => {
    const body = await c.req.parseBody()
    const step = CLOCK_STEPS.find((s) => s === body.by) as ClockStep | undefined
    if (!step) return c.text('Bad Request', 400)
    const moved = await advanceDemoClock(k.db, clock, step, k.policy)
    await recordAudit(k.db, {
      staffId: c.get('session').staff.id,
      at: moved.after,
      action: 'clock.advance',
      subject: 'clock',
      before: { now: moved.before },
      after: { now: moved.after, offset: moved.offset, step },
    })
    k.log.info('counter.demo_clock', { step, offset: moved.offset })
    k.onClockAdvanced()
    const back = typeof body.back === 'string' && BACK.test(body.back) ? body.back : ''
    return c.redirect(`${COUNTER_PATH}${back}`, 303)
  })
  return app
}
