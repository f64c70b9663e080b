/**
 * The Workers side of the schedule: cron triggers (UTC) call `scheduledHandler` from the
 * Worker's `scheduled()`; it runs the same `tick` as the Node scheduler. The slot crons fire
 * the slots; a catch-up cron every 10 minutes finishes claims left by a failed invocation,
 * sends what a run limited by `limit` left, and follows a demo clock moved forward.
 *
 *   [triggers]
 *   crons = ["0 1 * * *", "0 7 * * *", "0 10 * * *", "*\/10 * * * *"]
 *   # 10:00, 16:00 and 19:00 Japan time (UTC+9), then the catch-up
 */
import { HIRAKATA_POLICY, type Policy } from '../../core/index.ts'
import type { AppDeps } from '../deps.ts'
import type { DispatchOptions } from './dispatch.ts'
import { type SlotReport, tick } from './run-slot.ts'
import { slotCrons } from './slots.ts'

export const CATCH_UP_CRON = '*/10 * * * *'

/** The cron expressions for wrangler.toml, each with the Japan time it stands for. */
export function noticeCrons(policy: Policy = HIRAKATA_POLICY): { cron: string; jst: string }[] {
  return [...slotCrons(policy), { cron: CATCH_UP_CRON, jst: 'every 10 minutes (catch-up)' }]
}

/**
 * For `scheduled(controller, env, ctx)`: `ctx.waitUntil(scheduledHandler(deps,
 * controller.scheduledTime))`. The slot is taken from the app clock (the demo clock in demo
 * mode), not from the cron time, so a late or repeated invocation does the right thing.
 */
export async function scheduledHandler(
  deps: AppDeps,
  cronTime: number,
  opts: DispatchOptions = {},
): Promise<SlotReport | null> {
  const report = await tick(deps, opts)
  deps.log.info('notices.cron', {
    cronTime,
    slotAt: report?.slotAt ?? null,
    errors: report?.errors.length ?? 0,
  })
  return report
}
