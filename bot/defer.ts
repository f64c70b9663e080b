/**
 * Work that runs after the response has been sent. Workers keeps the invocation alive for
 * it through `executionCtx.waitUntil`; Node has no such context, so the task is handed to
 * the entry point's `background` (which keeps the promise and logs its failure).
 */
import type { Context } from 'hono'

export type Background = (task: Promise<unknown>) => void

export function deferrer(background: Background | undefined) {
  return (c: Context, task: Promise<unknown>): void => {
    // Node passes `background`: asking Hono for an execution context there throws, and a
    // throw on every webhook costs more than the rest of the answer.
    if (background) {
      background(task)
      return
    }
    let ctx: { waitUntil(p: Promise<unknown>): void } | undefined
    try {
      ctx = c.executionCtx
    } catch {
      ctx = undefined // Node: Hono throws when there is no execution context.
    }
    if (ctx) ctx.waitUntil(task)
    else void task
  }
}

/** A Node background runner: keeps track of running tasks so shutdown and tests can await them. */
export function taskTracker(): Background & { idle(): Promise<void> } {
  const running = new Set<Promise<unknown>>()
  const run = (task: Promise<unknown>) => {
    const p = task.catch(() => {}).finally(() => running.delete(p))
    running.add(p)
  }
  return Object.assign(run, {
    async idle() {
      while (running.size) await Promise.all([...running])
    },
  })
}
