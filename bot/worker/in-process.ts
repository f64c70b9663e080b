/**
 * A request answered by the Worker's own app without leaving the isolate (the simulator's
 * webhook delivery, the bot's calls to the simulator). The app defers webhook work with
 * `executionCtx.waitUntil`; here that work is awaited before the response is handed back,
 * so it finishes inside the outer request that caused it (the runtime may stop work that
 * no live request or waitUntil holds) and the simulator shows the bot's reply at once.
 */
import type { Hono } from 'hono'
import type { WorkerContext, WorkerEnv } from './env.ts'

export function inProcess(app: Hono, env: WorkerEnv) {
  return async (request: Request): Promise<Response> => {
    const tasks: Promise<unknown>[] = []
    const ctx: WorkerContext = {
      waitUntil: (task) => {
        tasks.push(task)
      },
      passThroughOnException: () => {},
      props: {},
    }
    const response = await app.fetch(request, env, ctx)
    while (tasks.length) await Promise.allSettled(tasks.splice(0))
    return response
  }
}
