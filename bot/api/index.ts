/**
 * The LIFF app's API (issue 6), mounted by the bot at `/api`. Every answer is JSON in the
 * shapes of liff/api-types.ts and `Cache-Control: no-store`: loans, holds and reading history
 * are private, and no shared cache or back button may keep them. Order of checks: SVC-MAINT
 * (every answer says the service is paused, even before login), the LIFF ID token, the LINE
 * link, the library system's record of the patron, then the access rules; unlinking, the
 * family-card list and the card as linked need only the link, so they are always possible,
 * even while the library's system cannot be reached (auth.ts readPatron). So are search, the
 * title pages, the pickup places, the cart, favourites, My本棚 and the ISBN lookup, which read
 * bunko's own tables (the catalogue copy: the design's "what bunko always keeps itself"):
 * while the system is down they answer without what only it knows (where the copies are, the
 * hold queue, whether this patron may reserve), and the access rules, which need its record,
 * wait until it is back. So a card that lapsed meanwhile can still browse the catalogue and its
 * own lists for that while, and nothing else: every route after `requireLibrarySystem` (each
 * one that acts at the library, and purchase requests) says 503. Routes mounted before it see
 * `patron` as null while the system is down (OwnEnv), every route after it the patron (ApiEnv).
 *
 * The catalogue and the pickup places come before the access rules (as open as the library's
 * OPAC); the hold cart too, with the rules of its own (the account's, cart.ts); favourites and
 * My本棚 after them (a card's own).
 */

import { type Env, Hono } from 'hono'
import { unavailableText } from '../../core/library-system.ts'
import { checkService, maintenanceState } from '../../core/maintenance.ts'
import { declaredBodyLimit } from '../body-limit.ts'
import type { AppDeps } from '../deps.ts'
import { CONTROL_CHARACTER_MESSAGE, refuseControlCharacters } from '../input/control-chars.ts'
import { API_LIMIT, clientLimiter } from '../rate-limit.ts'
import { authenticate, readPatron, requireAccess, requireLibrarySystem } from './auth.ts'
import type { ApiEnv, LinkEnv, OwnEnv } from './env.ts'
import { answerLang } from './lang.ts'
import { ApiProblem, problem } from './problem.ts'
import { cardRoutes } from './routes/card.ts'
import { cartRoutes } from './routes/cart.ts'
import { catalogueRoutes } from './routes/catalogue.ts'
import { familyRoutes } from './routes/family.ts'
import { favouriteRoutes } from './routes/favourites.ts'
import { holdSuspendRoutes } from './routes/hold-suspend.ts'
import { holdRoutes } from './routes/holds.ts'
import { isbnRoutes, purchaseRequestRoutes } from './routes/isbn.ts'
import { librariesRoutes } from './routes/libraries.ts'
import { loanRoutes } from './routes/loans.ts'
import { meRoutes } from './routes/me.ts'
import { settingsRoutes } from './routes/settings.ts'
import { shelfRoutes } from './routes/shelf.ts'
import { titleRoutes } from './routes/title.ts'
import { unlinkRoutes } from './routes/unlink.ts'
import { isoJst } from './time.ts'
import { MAX_BODY_BYTES } from './validate.ts'
import { idTokenVerifier } from './verify.ts'
import { contactOf } from './views/places.ts'
import { WORDS } from './words.ts'

export interface ApiOptions {
  /** How the ID token verifier reaches LINE; tests route it to the simulator. */
  fetch?: typeof fetch
}

export function apiRoutes(deps: AppDeps, options: ApiOptions = {}): Hono<ApiEnv> {
  const { config, clock, db, log } = deps
  const verifier = idTokenVerifier({
    loginApiBaseUrl: config.line.loginApiBaseUrl,
    channelId: config.line.loginChannelId,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const access = requireAccess(config.policy, clock)
  const app = new Hono<ApiEnv>()

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  app.use(
    '*',
    declaredBodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        throw problem(400, 'invalid', WORDS.invalid[answerLang(c.req.header('accept-language'))], {
          field: 'body',
        })
      },
    }),
  )
  app.use(
    '*',
    clientLimiter(deps, 'api', API_LIMIT, (c) => {
      throw problem(
        429,
        'rate_limited',
        WORDS.rateLimited[answerLang(c.req.header('accept-language'))],
      )
    }),
  )
  app.use(
    '*',
    refuseControlCharacters((c, field) => {
      const lang = answerLang(c.req.header('accept-language'))
      throw problem(400, 'invalid', CONTROL_CHARACTER_MESSAGE[lang], { field })
    }),
  )
  app.use('*', async (c, next) => {
    const now = clock.now()
    const service = checkService(now, config.policy)
    if (!service.ok) {
      const backAt = maintenanceState(now, config.policy).backAt ?? now
      const lang = answerLang(c.req.header('accept-language'))
      throw problem(503, 'maintenance', service.message[lang], { until: isoJst(backAt) })
    }
    await next()
  })
  // Each stage's routes, mounted in order after the checks before them.
  const mount = <E extends Env>(...routes: ((deps: AppDeps) => Hono<E>)[]) => {
    for (const r of routes) app.route('/', r(deps))
  }
  app.use('*', authenticate(db, verifier))
  // Before the patron is read: these need only the link (auth.ts readPatron).
  mount<LinkEnv>(unlinkRoutes, familyRoutes, cardRoutes)
  app.use('*', readPatron(deps.library))
  // The catalogue and the pickup places, as open as the library's own OPAC: before the access
  // rules (a card that lapsed may still look, and a family whose first card lapsed was shut out
  // of search). The title page's cart decision still applies them (title.ts). Then the
  // account's hold cart: the rules apply to the card its titles are placed for (cart.ts).
  mount<OwnEnv>(catalogueRoutes, titleRoutes, isbnRoutes, librariesRoutes, cartRoutes)
  app.use('*', access)
  // bunko's own data of the card, answered even while the library's system cannot be reached.
  mount<OwnEnv>(favouriteRoutes, shelfRoutes)
  app.use('*', requireLibrarySystem(config.policy))
  mount<ApiEnv>(meRoutes, loanRoutes, holdRoutes, settingsRoutes, holdSuspendRoutes)
  mount<OwnEnv>(purchaseRequestRoutes)

  // Here rather than notFound(): the host app's notFound wins for a mounted sub-app.
  app.all('*', (c) => {
    throw problem(404, 'not_found', WORDS.notFound[c.get('lang')])
  })
  app.onError((err, c) => {
    const lang = c.get('lang') ?? answerLang(c.req.header('accept-language'))
    const headers = { 'Cache-Control': 'no-store' }
    // The system being down, from whichever route: the sentence and the number the chat gives.
    if (err instanceof ApiProblem && err.body.code === 'library_unavailable' && !err.body.contact)
      return c.json(
        {
          ...err.body,
          message: unavailableText(config.policy.contact)[lang],
          contact: contactOf(config.policy, lang),
        },
        err.status,
        headers,
      )
    if (err instanceof ApiProblem) return c.json(err.body, err.status, headers)
    // Only the route template and the error's class: never ids, names or titles.
    log.error('api.failed', { route: c.req.routePath, method: c.req.method, error: err.name })
    return c.json({ code: 'internal', message: WORDS.internal[lang] }, 500, headers)
  })
  return app
}
