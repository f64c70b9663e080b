/**
 * What the Worker is given by Cloudflare: the bindings named in wrangler.toml and the
 * variables and secrets, all on one `env` object. Declared narrowly (not with the Workers
 * globals) so the project's tsconfig, which targets Node and the DOM, can check it.
 */
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import type { Env } from '../config.ts'

/** Static assets (the built LIFF app under dist/), bound as ASSETS in wrangler.toml. */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>
}

/** A Cloudflare Queue producer (NOTICE_QUEUE), for fanning a large slot out. */
export interface QueueBinding<Body> {
  send(body: Body): Promise<unknown>
  sendBatch(messages: Iterable<{ body: Body }>): Promise<unknown>
}

/** One unit of notice work handed to a queue consumer: send what is due at `slotAt`. */
export interface NoticeJob {
  slotAt: number
}

export interface WorkerEnv {
  DB: D1Database
  ASSETS?: AssetsBinding
  NOTICE_QUEUE?: QueueBinding<NoticeJob>
  [name: string]: unknown
}

/** What the Workers runtime passes as `ctx` (Hono's name for it). */
export type { ExecutionContext as WorkerContext } from 'hono'

/** The string variables and secrets, for readConfig (bindings are objects and left out). */
export function stringVars(env: WorkerEnv): Env {
  const out: Env = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v
  return out
}
