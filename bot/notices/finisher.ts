/**
 * Recording finished groups up to 250 at a time. One batch per group makes the
 * database, not LINE, the limit at LINE's full rate (a commit per push); gathering the groups
 * that finish within 125 ms (about 250 at 2,000 pushes a second) into one batch, with one
 * statement per outcome, removes that: a commit costs about a millisecond of CPU however few
 * rows it writes, and the index pages a batch touches are written once per commit. A crash before a gathered batch is written leaves those groups `sending` —
 * exactly the case the retry key heals.
 */
import type { Db } from '../../db/client.ts'
import { type Finish, finishNoticeGroups, type Outcome } from '../../db/notices.ts'

interface Waiting {
  key: string
  ids: readonly string[]
  f: Finish
  now: number
  done: (n: number) => void
  fail: (err: unknown) => void
}

export interface Finisher {
  /** Record the group's end; resolves with the number of notices changed once written. */
  finish(key: string, ids: readonly string[], f: Finish, now: number): Promise<number>
}

export function finisher(db: Db, opts: { maxGroups?: number; waitMs?: number } = {}): Finisher {
  const maxGroups = opts.maxGroups ?? 250
  const waitMs = opts.waitMs ?? 125
  let queue: Waiting[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = async () => {
    clearTimeout(timer)
    timer = undefined
    const batch = queue
    queue = []
    const byOutcome = new Map<string, Waiting[]>()
    for (const w of batch) {
      const sig = `${w.f.state}|${w.f.tries}|${w.f.reason ?? ''}`
      const same = byOutcome.get(sig)
      if (same) same.push(w)
      else byOutcome.set(sig, [w])
    }
    const outcomes: Outcome[] = [...byOutcome.values()].map((ws) => ({
      groups: ws.map((w) => ({ key: w.key, ids: w.ids as string[] })),
      f: ws[0]!.f,
      now: ws.reduce((at, w) => Math.max(at, w.now), ws[0]!.now),
    }))
    try {
      const counts = await finishNoticeGroups(db, outcomes)
      for (const w of batch) w.done(counts.get(w.key) ?? 0)
    } catch (err) {
      for (const w of batch) w.fail(err)
    }
  }

  return {
    finish(key, ids, f, now) {
      if (!ids.length) return Promise.resolve(0)
      return new Promise<number>((done, fail) => {
        queue.push({ key, ids, f, now, done, fail })
        if (queue.length >= maxGroups) void flush()
        else timer ??= setTimeout(() => void flush(), waitMs)
      })
    },
  }
}
