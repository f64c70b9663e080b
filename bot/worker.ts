/**
 * Workers entry point: bunko on Cloudflare Workers with D1 (wrangler.toml). The same app
 * factory as Node; webhook work runs after the answer through `ctx.waitUntil`; cron triggers
 * run the same notice `tick` as the Node scheduler; a NOTICE_QUEUE, when bound, takes the
 * rest of a large slot. The LIFF app is served from static assets before this runs.
 *
 * With BUNKO_DEMO=1 (npm run dev:worker sets it) it is in demo mode, as on Node: the LINE
 * simulator answers in the same Worker at /simulator and the demo library is loaded into an
 * empty D1. Without it, missing LINE secrets stop it with the secret named in the logs.
 */

import { CATALOGUE_SYNC_CRON, runCatalogueSyncCron } from '../db/import/sync-cron.ts'
import { ConfigError } from './config.ts'
import { errorName } from './log.ts'
import { bunkoFor, type WorkerBunko } from './worker/build.ts'
import { demoTick, prepareDemo } from './worker/demo.ts'
import type { WorkerContext, WorkerEnv } from './worker/env.ts'
import { noticeJob, runCron, runNoticeJob } from './worker/notices.ts'

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
function bunko(env: WorkerEnv): WorkerBunko | null {
  try {
    return bunkoFor(env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(JSON.stringify({ level: 'error', event: 'config.invalid', error: err.message }))
    return null
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    const b = bunko(env)
    if (!b) return new Response('bunko is not configured; see the Worker logs.', { status: 500 })
    await prepareDemo(b)
    const response = await b.app.fetch(request, env, ctx)
    demoTick(b, ctx)
    return response
  },

  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const b = bunko(env)
    if (!b) return
    const syncUrl = typeof env.CATALOGUE_SYNC_URL === 'string' ? env.CATALOGUE_SYNC_URL : ''
    if (event.cron === CATALOGUE_SYNC_CRON && syncUrl)
      ctx.waitUntil(runCatalogueSyncCron(b.deps.db, syncUrl, b.deps.log))
    const run = prepareDemo(b).then(() => runCron(b, env, event.scheduledTime))
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
    const b = bunko(env)
    if (!b) return
    await prepareDemo(b)
    for (const message of batch.messages) {
      const job = noticeJob(message.body)
      if (job) await runNoticeJob(b, env, job)
      message.ack()
    }
  },
}
