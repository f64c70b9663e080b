/**
 * Notices on Workers. Cron triggers run the same `tick` as the Node scheduler (expiry,
 * overdue queueing, dispatch), each invocation bounded by NOTICE_PUSH_LIMIT pushes so it
 * stays inside Workers' per-invocation subrequest limit. What a bounded run leaves pending is
 * sent by the next tick (the catch-up cron), or at once when a NOTICE_QUEUE is bound: then
 * the cron hands the rest to NOTICE_FANOUT queue consumers, each sending up to the limit per
 * message and re-enqueueing itself while notices are still due. Consumers share LINE's rate
 * between them, and the outbox's claims keep any two of them from sending the same notice.
 */

import { hasDuePending } from '../../db/notices.ts'
import type { DispatchOptions } from '../notices/dispatch.ts'
import { DISPATCH_DEFAULTS, dispatchDue, lastSlotRun, scheduledHandler } from '../notices/index.ts'
import type { WorkerBunko } from './build.ts'
import type { NoticeJob, WorkerEnv } from './env.ts'

/**
 * Pushes per invocation when NOTICE_PUSH_LIMIT is unset. Measured in workerd
 * (test/workers/fanout.test.ts): 400 pushes took 402 fetches and 48 D1 calls, so a push
 * costs about 1.1 subrequests plus a fixed few. 400 leaves room under the paid plan's 1,000
 * for a retry of every push; on the free plan (50) set NOTICE_PUSH_LIMIT=15.
 */
export const DEFAULT_PUSH_LIMIT = 400
/** Queue consumers working on one slot at once when NOTICE_QUEUE is bound. */
export const DEFAULT_FANOUT = 4

export interface NoticeLimits {
  limit: number
  fanout: number
}

export function noticeLimits(env: WorkerEnv): NoticeLimits {
  return {
    limit: positiveInt(env.NOTICE_PUSH_LIMIT, DEFAULT_PUSH_LIMIT),
    fanout: positiveInt(env.NOTICE_FANOUT, DEFAULT_FANOUT),
  }
}

function positiveInt(value: unknown, fallback: number): number {
  const n = Number(value)
  return typeof value === 'string' && Number.isSafeInteger(n) && n > 0 ? n : fallback
}

/** Cron: run the owed slot (or the catch-up), then hand what is left to the queue, if any. */
export async function runCron(b: WorkerBunko, env: WorkerEnv, scheduledTime: number) {
  const { limit, fanout } = noticeLimits(env)
  const report = await scheduledHandler(b.deps, scheduledTime, { limit })
  const queue = env.NOTICE_QUEUE
  if (!queue) return report
  const slotAt = await lastSlotRun(b.deps.db)
  if (slotAt !== null && !report?.dispatch?.deferred && (await hasDuePending(b.deps.db, slotAt))) {
    await queue.sendBatch(Array.from({ length: fanout }, () => ({ body: { slotAt } })))
    b.deps.log.info('notices.fanned_out', { slotAt, consumers: fanout })
  }
  return report
}

/** Queue consumer: send up to the limit for the job's slot; continue while notices are due. */
export async function runNoticeJob(b: WorkerBunko, env: WorkerEnv, job: NoticeJob) {
  const { limit, fanout } = noticeLimits(env)
  const opts: DispatchOptions = {
    slotAt: job.slotAt,
    limit,
    // The consumers run side by side: together they stay under LINE's rate.
    pushesPerSecond: Math.max(1, Math.floor(DISPATCH_DEFAULTS.pushesPerSecond / fanout)),
  }
  const report = await dispatchDue(b.deps, opts)
  if (!report.deferred && (await hasDuePending(b.deps.db, job.slotAt)))
    await env.NOTICE_QUEUE?.send({ slotAt: job.slotAt })
  return report
}

/** A message body this consumer understands, or null (it is then acknowledged and dropped). */
export function noticeJob(body: unknown): NoticeJob | null {
  const slotAt = (body as { slotAt?: unknown } | null)?.slotAt
  return typeof slotAt === 'number' && Number.isSafeInteger(slotAt) ? { slotAt } : null
}
