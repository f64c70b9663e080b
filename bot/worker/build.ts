/**
 * bunko on Workers, built once per isolate for each `env`: the same app factory as Node, with
 * D1 for the database and, in demo mode (no LINE credentials), the LINE simulator mounted in
 * the same Worker, so `wrangler dev` is the whole try-it setup on one origin.
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
import { createLineSimulator, type LineSimulator, mountLineSimulator } from '../simulator/index.ts'
import { frontLibrarySystem } from '../sip2/client/build.ts'
import { workerConnector } from '../sip2/client/worker-socket.ts'
import { stringVars, type WorkerEnv } from './env.ts'
import { inProcess } from './in-process.ts'
import { liffFallback } from './liff-assets.ts'
import { routeInProcess } from './loopback.ts'

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

const built = new WeakMap<WorkerEnv, WorkerBunko>()

/** The bunko for `env`, built on first use in this isolate. Throws ConfigError when misconfigured. */
export function bunkoFor(env: WorkerEnv): WorkerBunko {
  let b = built.get(env)
  if (!b) {
    b = buildBunko(env)
    built.set(env, b)
  }
  return b
}

function buildBunko(env: WorkerEnv): WorkerBunko {
  const config = readConfig(stringVars(env), { publicUrl: DEV_PUBLIC_URL })
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
        ? frontLibrarySystem(db, config.policy, config.librarySystem.sip2, workerConnector())
            .library
        : embeddedLibrarySystem(db, config.policy),
    line: lineClients(config),
    clock,
    config,
    log,
    // Set by Cloudflare's edge for every request; a client cannot forge it on Workers.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  }
  const app = new Hono()
  const sim = config.demo ? mountSimulator(app, env, config, clock) : null
  const ticks = { last: 0, running: false }
  // Staff moved the demo clock: the request's demo tick runs now, not after the usual pause.
  const onClockAdvanced = () => {
    ticks.last = 0
  }
  app.route('/', createApp(deps, { onClockAdvanced }))
  app.get('/liff/*', liffFallback(env.ASSETS))
  app.get('/', (c) => c.redirect(config.demo ? '/simulator' : '/healthz'))
  return { app, deps, config, demoClock, sim, seeded: false, ticks }
}

/** The simulator on the same app, delivering webhooks in-process; the bot reaches it likewise. */
function mountSimulator(app: Hono, env: WorkerEnv, config: Config, clock: Clock): LineSimulator {
  const local = inProcess(app, env)
  const sim = createLineSimulator({
    channelSecret: config.line.channelSecret,
    channelAccessToken: config.line.channelAccessToken,
    loginChannelId: config.line.loginChannelId,
    deliver: local,
    clock: () => clock.now(),
    liffApps: { [config.line.liffId]: `${config.publicUrl}/liff/` },
  })
  mountLineSimulator(app, sim)
  // The LINE base URLs default to the public URL in demo mode (config.ts).
  routeInProcess(config.publicUrl, local)
  return sim
}
