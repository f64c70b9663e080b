/**
 * /password: register a first web password or reset a forgotten one (ACC-RESET). The
 * strength rule is shown before typing; the same lockout as sign-in applies.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { passwordRuleText } from '../../core/credentials.ts'
import { checkService } from '../../core/maintenance.ts'
import { resetPassword } from '../../db/patrons.ts'
import type { AppDeps } from '../deps.ts'
import { csrfToken, csrfValid } from '../pages/csrf.ts'
import { langOf } from '../pages/layout.tsx'
import { refuseControlCharactersInForms } from '../pages/refuse-input.tsx'
import { PasswordForm, passwordText } from './password-views.tsx'
import { Notice } from './views.tsx'

export function passwordRoutes(deps: AppDeps): Hono {
  const app = new Hono()
  // The forms are a few fields; the pages carry live link nonces and must never be cached.
  app.use('*', bodyLimit({ maxSize: 16 * 1024 }), async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  app.use('*', refuseControlCharactersInForms())
  const { policy } = deps.config
  const rule = passwordRuleText(policy)

  app.use('*', async (c, next) => {
    const state = checkService(deps.clock.now(), policy)
    if (state.ok) return next()
    const lang = langOf(c.req.header('accept-language'))
    const title = lang === 'ja' ? 'ただいまメンテナンス中です' : 'Down for maintenance'
    return c.html(<Notice lang={lang} title={title} message={state.message[lang]} />, 503)
  })

  app.get('/', (c) => {
    const lang = langOf(c.req.header('accept-language'))
    return c.html(
      <PasswordForm lang={lang} csrf={csrfToken(c, deps.config.publicUrl)} rule={rule[lang]} />,
    )
  })

  app.post('/', async (c) => {
    const lang = langOf(c.req.header('accept-language'))
    const form = await c.req.parseBody()
    const number = String(form.number ?? '').slice(0, 20)
    const again = (error: string, status: 400 | 403 | 429 = 400) =>
      c.html(
        <PasswordForm
          lang={lang}
          csrf={csrfToken(c, deps.config.publicUrl)}
          rule={rule[lang]}
          number={number}
          error={error}
        />,
        status,
      )
    if (!csrfValid(c, form.csrf))
      return again(
        lang === 'ja'
          ? 'フォームの有効期限が切れました。お手数ですが、もう一度入力してください。'
          : 'This form has expired. Please enter your details again.',
        403,
      )
    const password = String(form.password ?? '')
    if (password !== String(form.confirm ?? '')) return again(passwordText[lang].mismatch)
    const result = await resetPassword(
      deps.db,
      { number, name: String(form.name ?? ''), phone: String(form.phone ?? ''), password },
      deps.clock.now(),
      policy,
    )
    if (!result.ok) {
      deps.log.info('password.reset_refused', { reason: result.reason })
      return again(result.message[lang], result.reason === 'locked' ? 429 : 400)
    }
    deps.log.info('password.reset_done')
    return c.html(
      <Notice lang={lang} title={passwordText[lang].doneTitle} message={passwordText[lang].done} />,
    )
  })
  return app
}
