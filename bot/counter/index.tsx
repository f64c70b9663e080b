/**
 * The counter (issue 9): the staff console of the embedded library, mounted at /counter. In
 * front mode only bunko's own pages are mounted (front-home.tsx says why).
 *
 * Every page but sign-in needs a staff session; every POST needs the session's CSRF token;
 * every response is no-store with a CSP that allows no inline script (the camera script is
 * a file). Patron data is only ever rendered after the session check.
 */

import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { declaredBodyLimit } from '../body-limit.ts'
import { refuseControlCharactersInForms } from '../pages/refuse-input.tsx'
import { formLimiter } from '../pages/too-many.tsx'
import { auditRoutes } from './audit-page.tsx'
import { clockRoutes } from './clock-routes.ts'
import { type Counter, type CounterDeps, type CounterEnv, counterOf, secure } from './context.ts'
import { restoreDemoClock } from './demo-clock.ts'
import { deskRoutes } from './desk.tsx'
import { frontHomeRoutes } from './front-home.tsx'
import { holdShelfRoutes } from './hold-shelf.tsx'
import { patronRoutes } from './patron-routes.tsx'
import { pickRoutes } from './picks.tsx'
import { purchaseRequestRoutes } from './purchase-requests.tsx'
import { SCAN_SCRIPT } from './scan-script.ts'
import {
  COUNTER_PATH,
  clearSessionCookie,
  csrfMatches,
  findSession,
  sessionToken,
} from './session.ts'
import { signInRoutes, signOutRoutes } from './sign-in.tsx'
import { statsRoutes } from './stats/page.tsx'
import { transitRoutes } from './transit.tsx'
import { Frame, Message } from './views/frame.tsx'

export type { CounterDeps } from './context.ts'
export { restoreDemoClock } from './demo-clock.ts'
export { COUNTER_PATH } from './session.ts'

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

export function counterRoutes(deps: CounterDeps): Hono<CounterEnv> {
  const k = counterOf(deps)
  const app = new Hono<CounterEnv>()

  app.use('*', async (c, next) => {
    // The desk is /counter; /counter/ (typed by hand) goes there.
    if (c.req.method === 'GET' && c.req.path === `${COUNTER_PATH}/`)
      return c.redirect(COUNTER_PATH, 301)
    // Another process (or Workers isolate) may have moved the demo clock: catch up first.
    if (k.demoClock) await restoreDemoClock(k.db, k.demoClock)
    await next()
    c.header('Content-Security-Policy', CSP)
    c.header('Cache-Control', 'no-store')
    c.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()')
  })
  app.use('*', declaredBodyLimit({ maxSize: 16 * 1024 }))
  app.use('*', refuseControlCharactersInForms())
  app.use(
    '*',
    formLimiter(deps, (path) => path.endsWith('/sign-in')),
  )

  app.get('/scan.js', (c) =>
    c.body(SCAN_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  )
  app.route('/', signInRoutes(k))
  app.use('*', requireSession(k))
  app.route('/', signOutRoutes(k))
  if (k.front) {
    app.route('/', frontHomeRoutes(k))
    app.route('/', statsRoutes(k))
    app.route('/', clockRoutes(k))
    app.route('/', purchaseRequestRoutes(k))
    return app
  }
  app.route('/', deskRoutes(k))
  app.route('/', patronRoutes(k))
  app.route('/', holdShelfRoutes(k))
  app.route('/', pickRoutes(k))
  app.route('/', transitRoutes(k))
  app.route('/', auditRoutes(k))
  app.route('/', statsRoutes(k))
  app.route('/', clockRoutes(k))
  app.route('/', purchaseRequestRoutes(k))
  return app
}

/** No session: to the sign-in page. A POST without the session's CSRF token: 403, nothing done. */
function requireSession(k: Counter) {
  return createMiddleware<CounterEnv>(async (c, next) => {
    const token = sessionToken(c)
    const session = token ? await findSession(k.db, token, k.wallNow()) : null
    if (!session) {
      if (token) clearSessionCookie(c, secure(c, k))
      return c.redirect(`${COUNTER_PATH}/sign-in`, 303)
    }
    c.set('session', session)
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const body = await c.req.parseBody()
      if (!csrfMatches(session, body._csrf)) {
        k.log.warn('counter.csrf_refused', { staffId: session.staff.id })
        return c.html(
          <Frame title="操作を受け付けられませんでした">
            <Message kind="error">
              画面の有効期限が切れたか、正しくない送信です。何も変更していません。画面を読み込み直してから、もう一度操作してください。
            </Message>
            <p>
              <a href={COUNTER_PATH}>貸出・返却の画面に戻る</a>
            </p>
          </Frame>,
          403,
        )
      }
    }
    await next()
  })
}
