/**
 * Keeping pushes under LINE's rate limit (2,000 requests per second for push). Each push waits
 * for its turn on an even spacing of 1/rate seconds, so no one-second window ever holds more
 * than `rate` of them; a 429 pauses every sender, not only the one that got it. The number
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

export function pacer(perSecond: number, timing: Timing): Pacer {
  const gap = 1000 / Math.max(1, perSecond)
  let next = Number.NEGATIVE_INFINITY
  return {
    async turn() {
      const now = timing.now()
      const at = Math.max(now, next)
      next = at + gap
      if (at > now) await timing.sleep(at - now)
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
