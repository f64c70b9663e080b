/**
 * Recording finished groups a few dozen at a time. One batch per group makes the database,
 * not LINE, the limit at LINE's full rate (a commit per push); gathering the groups that
 * finish within a few milliseconds into one batch removes that. A crash before a gathered
 * batch is written leaves those groups `sending` — exactly the case the retry key heals.
 */
import type { Db } from '../../db/client.ts'
import { type Finish, finishedCount, finishStatements } from './outbox.ts'

interface Waiting {
  statements: ReturnType<typeof finishStatements>
  done: (n: number) => void
  fail: (err: unknown) => void
}

export interface Finisher {
  /** Record the group's end; resolves with the number of notices changed once written. */
  finish(key: string, ids: readonly string[], f: Finish, now: number): Promise<number>
}

export function finisher(db: Db, opts: { maxGroups?: number; waitMs?: number } = {}): Finisher {
  const maxGroups = opts.maxGroups ?? 50
  const waitMs = opts.waitMs ?? 5
  let queue: Waiting[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = async () => {
    clearTimeout(timer)
    timer = undefined
    const batch = queue
    queue = []
    const [first, ...rest] = batch.flatMap((w) => w.statements)
    if (!first) return
    try {
      const results = await db.batch([first, ...rest])
      let at = 0
      for (const w of batch) {
        w.done(finishedCount(results.slice(at, at + w.statements.length)))
        at += w.statements.length
      }
    } catch (err) {
      for (const w of batch) w.fail(err)
    }
  }

  return {
    finish(key, ids, f, now) {
      const statements = finishStatements(key, ids, f, now)
      if (!statements.length) return Promise.resolve(0)
      return new Promise<number>((done, fail) => {
        queue.push({ statements, done, fail })
        if (queue.length >= maxGroups) void flush()
        else timer ??= setTimeout(() => void flush(), waitMs)
      })
    },
  }
}
