/**
 * Keeping pushes under LINE's rate limit (2,000 requests per second for push). Each push waits
 * for its turn on an even spacing of 1/rate seconds (turns a few milliseconds apart going
 * together, see `pacer`), so no one-second window holds much more than `rate` of them; a 429
 * pauses every sender, not only the one that got it. The number
 * of pushes in flight is bounded separately, so a slow LINE cannot pile up open requests.
 */

/** Real time and waiting, injectable so tests never sleep. */
export interface Timing {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
}

export interface Pacer {
  /** Wait for this push's turn. */
  turn(): Promise<void>
  /** Hold every sender back for `ms` (after a 429). */
  pause(ms: number): void
}

/** Turns this close together go on one timer (see `pacer`). */
export const PACER_BURST_MS = 10

/**
 * Turns due within the next `burstMs` go together on one timer, so the event loop wakes every
 * `burstMs` rather than for every push (at LINE's rate a wake-up a millisecond cost more CPU
 * than the pushes' own bookkeeping, issue 21). A push may so start up to `burstMs` before its
 * turn, and a one-second window holds at most rate × (1 + burstMs / 1000) + 1 pushes: 1,920 at
 * 1,900 a second and 10 ms, under LINE's 2,000.
 */
export function pacer(perSecond: number, timing: Timing, burstMs = PACER_BURST_MS): Pacer {
  const gap = 1000 / Math.max(1, perSecond)
  let next = Number.NEGATIVE_INFINITY
  // Pushes waiting for their turn, in turn order (`at` never decreases); `head` is the first.
  const waiting: { at: number; go: () => void }[] = []
  let head = 0
  let waking = false
  const wake = async () => {
    waking = true
    try {
      while (head < waiting.length) {
        const wait = waiting[head]!.at - burstMs - timing.now()
        if (wait > 0) await timing.sleep(Math.max(wait, burstMs))
        const until = timing.now() + burstMs
        while (head < waiting.length && waiting[head]!.at <= until) waiting[head++]!.go()
        if (head >= 1024) {
          waiting.splice(0, head)
          head = 0
        }
      }
      waiting.length = 0
      head = 0
    } finally {
      waking = false
    }
  }
  return {
    turn() {
      const now = timing.now()
      const at = Math.max(now, next)
      next = at + gap
      if (at <= now + burstMs && head === waiting.length) return Promise.resolve()
      return new Promise<void>((go) => {
        waiting.push({ at, go })
        if (!waking) void wake()
      })
    },
    pause(ms) {
      next = Math.max(next, timing.now() + ms)
    },
  }
}

/** At most `limit` tasks at once: `start` waits for a free place, then starts the task. */
export function semaphore(limit: number) {
  let active = 0
  const waiting: (() => void)[] = []
  const running = new Set<Promise<void>>()
  // A finishing task hands its place straight to the next waiter, so none can slip in between.
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else active -= 1
  }
  return {
    /** Resolves once the task has started (not when it ends). A task must not reject. */
    async start(task: () => Promise<void>): Promise<void> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
      else active += 1
      const p: Promise<void> = task().finally(() => {
        running.delete(p)
        release()
      })
      running.add(p)
    },
    /** Wait until every started task has ended. */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running])
    },
  }
}
