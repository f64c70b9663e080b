/**
 * Staff sign-in and sign-out. The sign-in form has no session yet, so it is protected by the
 * pages' double-submit CSRF token (bot/pages/csrf.ts); after sign-in every form carries the
 * session's own token. A fresh session token is issued at each sign-in (no fixation).
 */
import { Hono } from 'hono'
import { csrfToken, csrfValid } from '../pages/csrf.ts'
import { recordAudit } from './audit.ts'
import {
  type Counter,
  type CounterEnv,
  deskPlace,
  deskPlaces,
  type PlaceRow,
  placeById,
  secure,
  setDeskPlace,
} from './context.ts'
import {
  COUNTER_PATH,
  clearSessionCookie,
  createSession,
  deleteSession,
  findSession,
  sessionToken,
  setSessionCookie,
} from './session.ts'
import { signInStaff } from './staff.ts'
import { Frame, Message } from './views/frame.tsx'

export function signInRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  app.get('/sign-in', async (c) => {
    const token = sessionToken(c)
    if (token && (await findSession(k.db, token, k.wallNow()))) return c.redirect(COUNTER_PATH, 303)
    const here = await deskPlace(c, k)
    const note = c.req.query('out') ? 'サインアウトしました。' : undefined
    return c.html(
      <SignInPage
        csrf={csrfToken(c, k.publicUrl)}
        places={await deskPlaces(k)}
        placeId={here?.id ?? null}
        note={note}
      />,
    )
  })

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody()
    const places = await deskPlaces(k)
    const place = await placeById(k, Number(body.place))
    const again = (error: string, status: 400 | 401 | 403 | 429) =>
      c.html(
        <SignInPage
          csrf={csrfToken(c, k.publicUrl)}
          places={places}
          placeId={place?.id ?? null}
          login={typeof body.login === 'string' ? body.login.slice(0, 64) : ''}
          error={error}
        />,
        status,
      )
    if (!csrfValid(c, body.csrf))
      return again('画面の有効期限が切れました。もう一度サインインしてください。', 403)
    if (!place || place.kind === 'locker') return again('窓口の図書館を選んでください。', 400)
    const result = await signInStaff(
      k.db,
      {
        login: String(body.login ?? ''),
        password: String(body.password ?? ''),
        address: k.clientAddress(c),
      },
      k.wallNow(),
      k.policy,
    )
    if (!result.ok) {
      k.log.warn('counter.sign_in_refused', { reason: result.reason })
      return again(result.message.ja, result.reason === 'locked' ? 429 : 401)
    }
    const token = await createSession(k.db, result.value.id, k.wallNow())
    setSessionCookie(c, token, secure(c, k))
    setDeskPlace(c, k, place.id)
    await recordAudit(k.db, {
      staffId: result.value.id,
      at: k.now(),
      action: 'staff.sign_in',
      subject: `staff:${result.value.id}`,
      after: { deskPlaceId: place.id },
    })
    k.log.info('counter.sign_in', { staffId: result.value.id })
    return c.redirect(COUNTER_PATH, 303)
  })

  return app
}

/** POST /sign-out, behind the session and CSRF checks like every other form. */
export function signOutRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  app.post('/sign-out', async (c) => {
    const session = c.get('session')
    await deleteSession(k.db, session.id)
    clearSessionCookie(c, secure(c, k))
    await recordAudit(k.db, {
      staffId: session.staff.id,
      at: k.now(),
      action: 'staff.sign_out',
      subject: `staff:${session.staff.id}`,
    })
    return c.redirect(`${COUNTER_PATH}/sign-in?out=1`, 303)
  })
  return app
}

function SignInPage(p: {
  csrf: string
  places: PlaceRow[]
  placeId: number | null
  login?: string
  error?: string
  note?: string | undefined
}) {
  return (
    <Frame title="職員サインイン">
      {p.note ? <Message kind="ok">{p.note}</Message> : null}
      {p.error ? <Message kind="error">{p.error}</Message> : null}
      <form method="post" action={`${COUNTER_PATH}/sign-in`} class="panel" style="max-width:32rem">
        <input type="hidden" name="csrf" value={p.csrf} />
        <p>
          <label for="login">ログインID</label>
          <input
            id="login"
            name="login"
            autocomplete="username"
            autocapitalize="off"
            spellcheck={false}
            required
            maxlength={64}
            value={p.login ?? ''}
            autofocus
          />
        </p>
        <p>
          <label for="password">パスワード</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={256}
          />
        </p>
        <p>
          <label for="place">
            窓口の図書館
            <span class="hint">貸出・返却をこの図書館で行います</span>
          </label>
          <select id="place" name="place" required>
            {p.places.map((pl) => (
              <option value={String(pl.id)} selected={pl.id === p.placeId}>
                {pl.name}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">サインイン</button>
      </form>
    </Frame>
  )
}
