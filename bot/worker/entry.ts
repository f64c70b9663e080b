/**
 * The Worker's handlers — `fetch`, `scheduled` (cron triggers) and `queue` — shared by the
 * production entry (bot/worker.ts) and the demo entry (bot/worker-demo.ts), which differ only
 * in whether demo mode (the LINE simulator, the demo library) is bundled in. Two entries,
 * not a dynamic import(): wrangler bundles into one file, and esbuild inlines a dynamic
 * import of a local module, so only a separate entry keeps the demo out of the production one.
 */

import { CATALOGUE_SYNC_CRON, runCatalogueSyncCron } from '../../db/import/sync-cron.ts'
import { ConfigError } from '../config.ts'
import { errorName } from '../log.ts'
import { bunkoFor, type DemoSupport, type WorkerBunko } from './build.ts'
import type { WorkerContext, WorkerEnv } from './env.ts'
import { noticeJob, runCron, runNoticeJob } from './notices.ts'

interface ScheduledEvent {
  scheduledTime: number
  cron: string
}

interface QueueMessage {
  body: unknown
  ack(): void
  retry(): void
}

/** The bunko for `env`, or null after logging why it cannot start (a misconfiguration). */
function bunko(env: WorkerEnv, demo: DemoSupport | null): WorkerBunko | null {
  try {
    return bunkoFor(env, demo)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(JSON.stringify({ level: 'error', event: 'config.invalid', error: err.message }))
    return null
  }
}

/** The Worker's handlers; `demo` (bot/worker/demo.ts) only in the demo Worker. */
export function workerHandlers(demo: DemoSupport | null) {
  const prepare = async (b: WorkerBunko) => {
    await demo?.prepare(b)
  }
  return {
    async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      const b = bunko(env, demo)
      if (!b) return new Response('bunko is not configured; see the Worker logs.', { status: 500 })
      await prepare(b)
      const response = await b.app.fetch(request, env, ctx)
      demo?.tick(b, ctx)
      return response
    },

    async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
      const b = bunko(env, demo)
      if (!b) return
      const syncUrl = typeof env.CATALOGUE_SYNC_URL === 'string' ? env.CATALOGUE_SYNC_URL : ''
      if (event.cron === CATALOGUE_SYNC_CRON && syncUrl)
        ctx.waitUntil(runCatalogueSyncCron(b.deps.db, syncUrl, b.deps.log))
      const run = prepare(b).then(() => runCron(b, env, event.scheduledTime))
      ctx.waitUntil(
        run.catch((err: unknown) => {
          b.deps.log.error('notices.cron_failed', {
            cron: event.cron,
            error: errorName(err),
          })
          throw err // the invocation is reported as failed, and the next tick tries again
        }),
      )
    },

    async queue(batch: { messages: readonly QueueMessage[] }, env: WorkerEnv): Promise<void> {
      const b = bunko(env, demo)
      if (!b) return
      await prepare(b)
      for (const message of batch.messages) {
        const job = noticeJob(message.body)
        if (job) await runNoticeJob(b, env, job)
        message.ack()
      }
    },
  }
}
