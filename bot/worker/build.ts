/**
 * bunko on Workers, built once per isolate for each `env`: the same app factory as Node, with
 * D1 for the database and, in demo mode, the LINE simulator mounted in the same Worker, so
 * `wrangler dev` is the whole try-it setup on one origin. The simulator and the demo library
 * come only with the demo Worker (bot/worker-demo.ts, `demo` below): the production Worker
 * (bot/worker.ts) does not carry them, and refuses BUNKO_DEMO=1.
 */
import { Hono } from 'hono'
import { openD1 } from '../../db/client.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { createApp } from '../app.ts'
import { type Clock, DemoClock, systemClock } from '../clock.ts'
import { type Config, ConfigError, readConfig } from '../config.ts'
import type { AppDeps } from '../deps.ts'
import { lineClients } from '../line.ts'
import { consoleLog } from '../log.ts'
import type { LineSimulator } from '../simulator/index.ts'
import { frontLibrarySystem } from '../sip2/client/build.ts'
import { workerConnector } from '../sip2/client/worker-socket.ts'
import { stringVars, type WorkerContext, type WorkerEnv } from './env.ts'
import { liffFallback } from './liff-assets.ts'

/** `wrangler dev`'s own address: the public URL when PUBLIC_URL is not set. */
export const DEV_PUBLIC_URL = 'http://127.0.0.1:8787'

export interface WorkerBunko {
  /** The whole Worker app: bunko, plus the simulator in demo mode. */
  app: Hono
  deps: AppDeps
  config: Config
  /** Demo mode only: the clock the counter moves (its offset lives in the kv table). */
  demoClock: DemoClock | null
  /** Demo mode only: the LINE simulator answering in this isolate. */
  sim: LineSimulator | null
  /** Whether this isolate has made sure the demo library is loaded. */
  seeded: boolean
  /** Demo mode: when traffic last ran the notice tick (real ms; 0 = run it next), and whether it still runs. */
  ticks: { last: number; running: boolean }
}

/** What demo mode adds to a Worker (bot/worker/demo.ts); only the demo Worker has it. */
export interface DemoSupport {
  /** Mount the LINE simulator on `app`, answering in this isolate. */
  mount(app: Hono, env: WorkerEnv, config: Config, clock: Clock): LineSimulator
  /** Before each request or cron run: the demo library loaded, the demo clock caught up. */
  prepare(b: WorkerBunko): Promise<void>
  /** After a request: the notice tick, as no cron fires under `wrangler dev`. */
  tick(b: WorkerBunko, ctx: WorkerContext): void
}

const built = new WeakMap<WorkerEnv, WorkerBunko>()

/**
 * The bunko for `env`, built on first use in this isolate. Throws ConfigError when
 * misconfigured, and for BUNKO_DEMO=1 without `demo` (the production Worker).
 */
export function bunkoFor(env: WorkerEnv, demo: DemoSupport | null = null): WorkerBunko {
  let b = built.get(env)
  if (!b) {
    b = buildBunko(env, demo)
    built.set(env, b)
  }
  return b
}

function buildBunko(env: WorkerEnv, demo: DemoSupport | null): WorkerBunko {
  const config = readConfig(stringVars(env), { publicUrl: DEV_PUBLIC_URL })
  if (config.demo && !demo)
    throw new ConfigError(
      'BUNKO_DEMO=1 needs the demo Worker (bot/worker-demo.ts, as npm run dev:worker runs it); this production Worker has no LINE simulator.',
    )
  // Only demo mode may fall back to wrangler dev's address: LINE must reach a real one.
  if (!config.demo && !env.PUBLIC_URL)
    throw new ConfigError('Set PUBLIC_URL (wrangler.toml [vars]) to the address LINE reaches.')
  const demoClock = config.demo ? new DemoClock() : null
  const clock: Clock = demoClock ?? systemClock
  const log = consoleLog(() => clock.now())
  const db = openD1(env.DB)
  const deps: AppDeps = {
    db,
    library:
      config.librarySystem.kind === 'sip2'
        ? frontLibrarySystem(
            db,
            config.policy,
            config.librarySystem.sip2,
            workerConnector({ connectTimeoutMs: config.librarySystem.sip2.timeoutMs }),
          ).library
        : embeddedLibrarySystem(db, config.policy),
    line: lineClients(config),
    clock,
    config,
    log,
    // Set by Cloudflare's edge for every request; a client cannot forge it on Workers.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  }
  const app = new Hono()
  const sim = config.demo && demo ? demo.mount(app, env, config, clock) : null
  const ticks = { last: 0, running: false }
  // Staff moved the demo clock: the request's demo tick runs now, not after the usual pause.
  const onClockAdvanced = () => {
    ticks.last = 0
  }
  app.route('/', createApp(deps, { onClockAdvanced }))
  app.get('/liff/*', liffFallback(env.ASSETS, config))
  app.get('/', (c) => c.redirect(config.demo ? '/simulator' : '/healthz'))
  return { app, deps, config, demoClock, sim, seeded: false, ticks }
}
