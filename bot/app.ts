/**
 * The bunko Hono app. Built by a factory from its dependencies; the Node and Workers entry
 * points each supply theirs and add only what is theirs (static files, the simulator).
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { apiRoutes } from './api/index.ts'
import { DemoClock } from './clock.ts'
import { counterRoutes } from './counter/index.tsx'
import { deferrer } from './defer.ts'
import type { AppDeps } from './deps.ts'
import { eventHandler } from './events/handle.ts'
import { shownMenus } from './events/menu.ts'
import { liffConfig } from './liff-page.ts'
import { passwordRoutes } from './link/password-routes.tsx'
import { linkRoutes } from './link/routes.tsx'
import { errorName } from './log.ts'
import { menuIdCache } from './richmenu/cache.ts'
import { isLiff, securityHeaders } from './security-headers.ts'
import { webhookRoute } from './webhook/route.ts'

export type { AppDeps } from './deps.ts'

export interface AppOptions {
  /** Called when staff move the demo clock, so the scheduler runs a reached slot at once. */
  onClockAdvanced?: () => void
}

const secure = secureHeaders({ crossOriginEmbedderPolicy: false })
/**
 * The LIFF app's page opens without `Origin-Agent-Cluster: ?1` (issue 21). Chromium already
 * keys agent clusters by origin when the header is absent (document.domain cannot be set), so
 * what the header adds is a hint to give the origin a process of its own; beside COOP
 * same-origin, which the page keeps, that hint made every open of the card start a new
 * renderer process: 25-35 ms of the warm card's 100 ms (test/bench/RESULTS.md). Every other
 * page keeps the header.
 */
const liffSecure = secureHeaders({ crossOriginEmbedderPolicy: false, originAgentCluster: false })

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono {
  const app = new Hono()
  app.use('*', (c, next) => (isLiff(c.req.path) ? liffSecure : secure)(c, next))
  app.use('*', securityHeaders(deps.config))
  // An unexpected error is logged by its class name only (a database error's message can
  // carry query parameters: patron numbers, hashes) and answered with a plain 500.
  app.onError((err, c) => {
    deps.log.error('http.unhandled', { path: c.req.path, error: errorName(err) })
    return c.text('Internal Server Error', 500)
  })
  // Front mode adds the ILS connection (ok / unreachable), never any patron data.
  app.get('/healthz', async (c) => {
    const health = await deps.library.health?.()
    return c.json(health ? { ok: true, ils: health.ils } : { ok: true })
  })
  // Browsers ask for it on every page; answering spares the logs a 404 each time.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  const handle = eventHandler({
    ...deps,
    menus: menuIdCache(deps.line.client, deps.clock),
    shownMenus: shownMenus(),
  })
  app.route(
    '/webhook',
    webhookRoute({
      channelSecret: deps.config.line.channelSecret,
      bodyLimit: deps.config.webhookBodyLimit,
      handle,
      defer: deferrer(deps.background),
      verify: deps.verifySignature,
      log: deps.log,
    }),
  )
  app.route('/link', linkRoutes(deps))
  app.route('/password', passwordRoutes(deps))
  app.route('/api', apiRoutes(deps))
  app.route(
    '/counter',
    counterRoutes({
      ...deps,
      demoClock: deps.config.demo && deps.clock instanceof DemoClock ? deps.clock : undefined,
      onClockAdvanced: options.onClockAdvanced,
    }),
  )
  // The page carries the same inline (bot/liff-page.ts); this stays for pages and tools that ask.
  app.get('/liff/config.json', (c) => c.json(liffConfig(deps.config)))
  return app
}
