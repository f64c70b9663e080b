/**
 * Everything the Node entry serves on its one port, shared with the end-to-end tests so they
 * run exactly what `npm start` runs: the app, the built LIFF app as static files and, in demo
 * mode, the LINE simulator with webhooks delivered in-process.
 */
import { readFile } from 'node:fs/promises'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import { compress } from 'hono/compress'
import type { LibrarySystem } from '../core/library-system.ts'
import type { Db } from '../db/client.ts'
import { embeddedLibrarySystem } from '../db/library-system.ts'
import { type AppOptions, createApp } from './app.ts'
import type { Clock } from './clock.ts'
import { type Config, DEMO_CHANNEL } from './config.ts'
import { taskTracker } from './defer.ts'
import { liffPageResponse, liffPages } from './liff-page.ts'
import { lineClients } from './line.ts'
import type { Log } from './log.ts'
import { verifySignatureNode } from './node-signature.ts'
import { type Scheduler, type SchedulerOptions, startScheduler } from './notices/scheduler.ts'
import { createLineSimulator, type LineSimulator, mountLineSimulator } from './simulator/index.ts'
import { frontLibrarySystem } from './sip2/client/build.ts'
import { nodeConnector } from './sip2/client/node-socket.ts'

export interface NodeServerDeps {
  db: Db
  config: Config
  clock: Clock
  log: Log
  /** The library's system; the embedded one over `db` unless given. */
  library?: LibrarySystem
  /** Folder holding the Vite build (`liff/` inside it). */
  staticRoot?: string
  /** Run the notice scheduler in this process (npm start does; most tests drive slots). */
  scheduler?: SchedulerOptions | false
}

/** The socket's address, or (behind a trusted proxy) the last X-Forwarded-For entry. */
function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
      if (forwarded) return forwarded
    }
    return getConnInfo(c).remote.address
  }
}

/** The LIFF page from the built index.html, read on each request (a rebuild is picked up). */
function liffPageHandler(indexPath: string, config: Config) {
  const pages = liffPages(config)
  return async (c: Context) => {
    const built = await readFile(indexPath, 'utf8').catch(() => null)
    if (built === null) return c.notFound()
    return liffPageResponse(await pages(built))
  }
}

export function nodeServer(deps: NodeServerDeps) {
  const { config, clock } = deps
  const staticRoot = deps.staticRoot ?? './dist'
  const line = lineClients(config)
  const background = taskTracker()
  const root = new Hono()
  let sim: LineSimulator | undefined
  if (config.demo) {
    sim = createLineSimulator({
      channelSecret: DEMO_CHANNEL.secret,
      channelAccessToken: DEMO_CHANNEL.accessToken,
      loginChannelId: DEMO_CHANNEL.loginChannelId,
      deliver: async (req) => root.fetch(req),
      clock: () => clock.now(),
      liffApps: { [config.line.liffId]: `${config.publicUrl}/liff/` },
    })
    mountLineSimulator(root, sim)
  }
  const system = config.librarySystem
  const library =
    deps.library ??
    (system.kind === 'sip2'
      ? frontLibrarySystem(
          deps.db,
          config.policy,
          system.sip2,
          nodeConnector({ connectTimeoutMs: system.sip2.timeoutMs }),
        ).library
      : embeddedLibrarySystem(deps.db, config.policy))
  const appDeps = {
    db: deps.db,
    library,
    config,
    clock,
    log: deps.log,
    line,
    background,
    clientAddress: nodeClientAddress(config.trustProxy),
    verifySignature: verifySignatureNode,
  }
  let scheduler: Scheduler | undefined
  // The counter's demo clock buttons wake the scheduler, so a reached slot is sent at once.
  const options: AppOptions = { onClockAdvanced: () => scheduler?.wake() }
  root.route('/', createApp(appDeps, options))
  // The app's files gzipped (a third of their size on a slow phone network, issue 21).
  root.use('/liff/*', compress())
  // The page itself with config inline and its CSP (bot/liff-page.ts), for /liff/, its
  // index.html and every client-side route below.
  const page = liffPageHandler(`${staticRoot}/liff/index.html`, config)
  root.get('/liff/', page)
  root.get('/liff/index.html', page)
  root.use(
    '/liff/*',
    serveStatic({
      root: staticRoot,
      // Vite names every asset by its content hash: a phone keeps it for good, so a second
      // open draws the card without fetching the app again (issue 21). The page itself is
      // always asked for again (no-cache), so a new release is picked up at once.
      onFound: (path, c) => {
        c.header(
          'Cache-Control',
          path.includes('/liff/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    }),
  )
  // The LIFF app routes on the client: any other /liff/ path gets its page.
  root.get('/liff/*', page)
  root.get('/', (c) => c.redirect(config.demo ? '/simulator' : '/healthz'))
  if (deps.scheduler !== false && deps.scheduler !== undefined)
    scheduler = startScheduler(appDeps, deps.scheduler)
  return { root, sim, line, library, background, scheduler }
}
