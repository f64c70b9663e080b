/**
 * The dispatcher: every notice whose slot has come goes out as a LINE push, one push per
 * patron (NOTICE-SLOTS, NOTICE-ONCE). Never called inside a request: the scheduler (Node) or
 * the cron handler (Workers) runs it.
 *
 * Exactly once: a patron's due notices are claimed under one group key and a lease before
 * the push, and the key is the push's X-Line-Retry-Key. A crash after LINE accepted the push
 * but before the rows were marked sent leaves them `sending`; once the lease lapses the next
 * run re-claims the same rows under the same key, pushes again, and LINE's 409 marks them
 * sent without a second message. A group unfinished for longer than LINE remembers keys is
 * marked failed (`outcome_unknown`) instead of risking a second message. A push that failed
 * for a passing reason (5xx, 429, network) after its retries goes again at a later slot under
 * the same key, a bounded number of times (retry.ts); other failures are final.
 */
import {
  releaseNoticeGroup,
  retryNoticeGroupAt,
  settleUnsendableNotices,
} from '../../db/notices.ts'
import type { AppDeps } from '../deps.ts'
import { claimGroups } from './claim.ts'
import { buildGroupContent, type GroupContent, loadGroups } from './content.ts'
import { type Finisher, finisher } from './finisher.ts'
import { pacer, realTiming, semaphore, type Timing } from './pacer.ts'
import {
  DEFAULT_RETRY,
  type Pusher,
  type PushOutcome,
  pushWithRetry,
  type RetryPolicy,
} from './push.ts'
import { type QuotaReading, readQuota, warnQuota } from './quota.ts'
import { retrySlot } from './retry.ts'

export interface DispatchOptions {
  /** Send what is due at this slot (default: now). Notices due later wait (NOTICE-SLOTS). */
  slotAt?: number
  /** At most this many pushes (patron groups) in this run. */
  limit?: number
  /** Pushes started per second: under LINE's 2,000/s with room for other calls. */
  pushesPerSecond?: number
  /** Pushes in flight at once. */
  concurrency?: number
  /** How long a claim is owned; must outlast one group's retries. */
  leaseMs?: number
  retry?: Partial<RetryPolicy>
  /** Real time for pacing and backoff (not the app clock, which a demo may move). */
  timing?: Timing
  random?: () => number
  /** Read the month's quota first and send only what fits (default true). */
  checkQuota?: boolean
  /**
   * Groups claimed per batch. Each push is built just before it goes, so a chunk holds its
   * rows, not its messages; a larger chunk pays the claim's fixed costs (a commit, the lapsed
   * groups' lookup, the loads) fewer times (issue 21).
   */
  claimChunk?: number
  /** This dispatcher, `<name>/<incarnation>`, written on its leases (scheduler.ts). */
  owner?: string
}

export const DISPATCH_DEFAULTS = {
  pushesPerSecond: 1900,
  concurrency: 32,
  leaseMs: 5 * 60_000,
  claimChunk: 400,
} as const

export interface DispatchReport {
  slotAt: number
  /** Pushes LINE accepted now (200). */
  pushed: number
  /** Pushes LINE already had (409): a repeat after a crash or lost answer. */
  repeated: number
  sent: number
  failed: number
  undeliverable: number
  /** Notices whose push failed for a passing reason, put back for a later slot (retry.ts). */
  retrying: number
  /** Notices left pending because the month's quota is used up. */
  deferred: number
  quota: QuotaReading | null
}

/** Send every notice due at `slotAt`; see the file comment for the guarantees. */
export async function dispatchDue(
  deps: AppDeps,
  opts: DispatchOptions = {},
): Promise<DispatchReport> {
  const { db, clock, log } = deps
  const at = opts.slotAt ?? clock.now()
  const report: DispatchReport = {
    slotAt: at,
    pushed: 0,
    repeated: 0,
    sent: 0,
    failed: 0,
    undeliverable: 0,
    retrying: 0,
    deferred: 0,
    quota: null,
  }
  const settled = await settleUnsendableNotices(db, at)
  report.undeliverable += settled.length
  logReasons(deps, settled)

  let budget = Number.POSITIVE_INFINITY
  if (opts.checkQuota !== false) {
    report.quota = await readQuota(deps.line.client, log)
    if (report.quota) {
      warnQuota(log, report.quota)
      budget = report.quota.remaining
    }
  }
  const timing = opts.timing ?? realTiming
  const pusher: Pusher = {
    client: deps.line.client,
    pacer: pacer(opts.pushesPerSecond ?? DISPATCH_DEFAULTS.pushesPerSecond, timing),
    timing,
    random: opts.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
  }
  const finish = finisher(db)
  const inFlight = semaphore(opts.concurrency ?? DISPATCH_DEFAULTS.concurrency)
  const limit = opts.limit ?? Number.POSITIVE_INFINITY
  const chunkSize = opts.claimChunk ?? DISPATCH_DEFAULTS.claimChunk
  const run = { fatal: null as unknown, quotaHit: false }
  // A push gives its in-flight place back once LINE has answered; recording the outcome waits
  // for the finisher's next batch (up to 125 ms) without holding LINE's concurrency.
  const finishing = new Set<Promise<void>>()
  const track = (work: Promise<void>) => {
    const p: Promise<void> = work
      .catch((err: unknown) => {
        run.fatal ??= err
      })
      .finally(() => finishing.delete(p))
    finishing.add(p)
  }

  const send = async (g: GroupContent) => {
    try {
      await sendGroup(deps, pusher, finish, g, report, run, track)
    } catch (err) {
      // The database failed: stop as a crash would. The rows stay leased and are resumed.
      run.fatal ??= err
    }
  }

  let groups = 0
  while (!run.fatal && !run.quotaHit && groups < limit) {
    const now = clock.now()
    const leaseMs = opts.leaseMs ?? DISPATCH_DEFAULTS.leaseMs
    const take = Math.min(chunkSize, limit - groups)
    const { claimed, failed } = await claimGroups(
      db,
      log,
      at,
      now,
      leaseMs,
      take,
      opts.owner ?? null,
    )
    report.failed += failed
    if (!claimed.length && !failed) break
    groups += claimed.length
    const loaded = await loadGroups(
      db,
      claimed.flatMap((c) => c.ids),
      { library: deps.library, now: clock.now() },
    )
    const resumed = new Set(claimed.filter((c) => c.resumed).map((c) => c.key))
    // Each group leaves the chunk as its push is built, so what a chunk read is freed push by
    // push while the chunk is sent, not kept until its last push has gone.
    const queue = loaded.reverse()
    while (queue.length && !run.fatal) {
      const g = buildGroupContent(queue.pop()!, deps.config.policy, deps.config.line.liffId)
      const cost = g.request?.messages.length ?? 0
      if (run.quotaHit || (!resumed.has(g.key) && cost > budget)) {
        run.quotaHit = true
        const n = await releaseNoticeGroup(db, { key: g.key, ids: g.noticeIds }, 0)
        report.deferred += n
        continue
      }
      budget -= cost
      await inFlight.start(() => send(g))
    }
  }
  await inFlight.idle()
  while (finishing.size) await Promise.all([...finishing])
  if (run.quotaHit)
    log.warn('notices.quota_reached', {
      slotAt: at,
      deferred: report.deferred,
      remaining: report.quota?.remaining ?? null,
    })
  if (run.fatal) throw run.fatal
  log.info('notices.dispatched', { ...report, quota: report.quota?.used ?? null })
  return report
}

/**
 * Push one group and record the outcome (a sent one through `track`, see dispatchDue).
 * Throws only when the database fails.
 */
async function sendGroup(
  deps: AppDeps,
  pusher: Pusher,
  finish: Finisher,
  g: GroupContent,
  report: DispatchReport,
  run: { quotaHit: boolean },
  track: (work: Promise<void>) => void,
): Promise<void> {
  const { db, clock } = deps
  if (!g.request) {
    const state = g.problem === 'build_error' ? 'failed' : 'undeliverable'
    const n = await finish.finish(
      g.key,
      g.noticeIds,
      { state, reason: g.problem, tries: 0 },
      clock.now(),
    )
    report[state] += n
    return
  }
  const out = await pushWithRetry(pusher, g.request, g.key)
  if (out.kind === 'sent') {
    if (out.repeat) report.repeated += 1
    else report.pushed += 1
    const sent = finish.finish(g.key, g.noticeIds, { state: 'sent', tries: out.tries }, clock.now())
    track(
      sent.then((n) => {
        report.sent += n
      }),
    )
  } else if (out.kind === 'quota') {
    run.quotaHit = true
    const n = await releaseNoticeGroup(db, { key: g.key, ids: g.noticeIds }, out.tries)
    report.deferred += n
  } else {
    await recordFailure(deps, finish, g, out, report)
  }
}

/** A push that failed: put back for a later slot while it may, else failed with the reason. */
async function recordFailure(
  deps: AppDeps,
  finish: Finisher,
  g: GroupContent,
  out: Extract<PushOutcome, { kind: 'failed' }>,
  report: DispatchReport,
): Promise<void> {
  const { db, clock, log } = deps
  const now = clock.now()
  const retryAt = out.transient ? retrySlot(g.key, now, g.list, deps.config.policy) : null
  if (retryAt !== null) {
    const retry = { dueAt: retryAt, reason: out.reason, tries: out.tries }
    const n = await retryNoticeGroupAt(db, { key: g.key, ids: g.noticeIds }, retry)
    report.retrying += n
    log.warn('notices.push_retry_later', { key: g.key, reason: out.reason, retryAt, notices: n })
    return
  }
  const failed = { state: 'failed', reason: out.reason, tries: out.tries } as const
  const n = await finish.finish(g.key, g.noticeIds, failed, now)
  report.failed += n
  log.warn('notices.push_failed', { key: g.key, reason: out.reason, tries: out.tries, notices: n })
}

function logReasons(deps: AppDeps, settled: { reason: string }[]): void {
  if (!settled.length) return
  const counts: Record<string, number> = {}
  for (const s of settled) counts[s.reason] = (counts[s.reason] ?? 0) + 1
  deps.log.info('notices.not_pushed', counts)
}
