/**
 * /password: register a first web password or reset a forgotten one (ACC-RESET). The
 * strength rule is shown before typing; the same lockout as sign-in applies.
 */

import { Hono } from 'hono'
import {
  passwordRuleText,
  RESET_CONFIRM_MINUTES,
  resetConfirmSentMessage,
  resetNeedsCounter,
} from '../../core/credentials.ts'
import { isUnavailable } from '../../core/library-system.ts'
import { checkService } from '../../core/maintenance.ts'
import { checkPatronNumber } from '../../core/patron-number.ts'
import { cancelPasswordReset } from '../../db/password-resets.ts'
import { declaredBodyLimit } from '../body-limit.ts'
import type { AppDeps } from '../deps.ts'
import { errorName } from '../log.ts'
import { langOf as langOfLine } from '../messages/lang.ts'
import { linkPageUrl } from '../messages/link.ts'
import { resetConfirmMessage } from '../messages/password-reset.ts'
import { csrfToken, csrfValid } from '../pages/csrf.ts'
import { pageLang } from '../pages/layout.tsx'
import { refuseControlCharactersInForms } from '../pages/refuse-input.tsx'
import { formLimiter } from '../pages/too-many.tsx'
import { clientAddress } from '../rate-limit.ts'
import { looksLikeLinkRequest, readLinkRequest } from './link-request.ts'
import { PasswordForm, passwordText } from './password-views.tsx'
import { Notice } from './views.tsx'

export function passwordRoutes(deps: AppDeps): Hono {
  const app = new Hono()
  // The forms are a few fields; the pages carry live link nonces and must never be cached.
  app.use('*', declaredBodyLimit({ maxSize: 16 * 1024 }), async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  app.use('*', refuseControlCharactersInForms())
  app.use('*', formLimiter(deps))
  const { policy } = deps.config
  const rule = passwordRuleText(policy)

  app.use('*', async (c, next) => {
    const state = checkService(deps.clock.now(), policy)
    if (state.ok) return next()
    const lang = pageLang(c)
    const title = lang === 'ja' ? 'ただいまメンテナンス中です' : 'Down for maintenance'
    return c.html(<Notice lang={lang} title={title} message={state.message[lang]} />, 503)
  })

  app.get('/', (c) => {
    const lang = pageLang(c)
    return c.html(
      <PasswordForm
        lang={lang}
        csrf={csrfToken(c, deps.config.publicUrl)}
        rule={rule[lang]}
        policy={policy}
        from={linkRequestOf(c.req.query('linkToken'), c.req.query('state'))}
      />,
    )
  })

  app.post('/', async (c) => {
    const lang = pageLang(c)
    const form = await c.req.parseBody()
    const number = String(form.number ?? '').slice(0, 64)
    const from = linkRequestOf(form.linkToken, form.state)
    const again = (error: string, status: 400 | 403 | 429 | 503 = 400) =>
      c.html(
        <PasswordForm
          lang={lang}
          csrf={csrfToken(c, deps.config.publicUrl)}
          rule={rule[lang]}
          number={number}
          error={error}
          policy={policy}
          from={from}
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
    // The library system's format (Policy): a number it could never hold is said at once.
    const typed = checkPatronNumber(number, policy)
    if (!typed.ok) return again(typed.message[lang])
    const password = String(form.password ?? '')
    if (password !== String(form.confirm ?? '')) return again(passwordText[lang].mismatch)
    const result = await deps.library.resetPassword(
      {
        number: typed.value,
        name: String(form.name ?? ''),
        phone: String(form.phone ?? ''),
        password,
        client: { address: clientAddress(deps, c) },
      },
      deps.clock.now(),
    )
    // The library's system is down: the form stays filled in, with a plain sentence.
    if (isUnavailable(result)) {
      deps.log.info('password.reset_unavailable')
      return again(result.message[lang], 503)
    }
    if (!result.ok) {
      deps.log.info('password.reset_refused', { reason: result.reason })
      return again(result.message[lang], result.reason === 'locked' ? 429 : 400)
    }
    const { pending } = result.value
    if (pending) {
      // ACC-RESET-LINKED: nothing changes until the linked LINE account confirms.
      if (!(await pushResetConfirm(deps, pending))) {
        await cancelPasswordReset(deps.db, { token: pending.token })
        return again(resetNeedsCounter(policy).message[lang])
      }
      deps.log.info('password.reset_confirm_sent')
      const title = lang === 'ja' ? 'LINEで確認してください' : 'Please confirm in LINE'
      return c.html(
        <Notice lang={lang} title={title} message={resetConfirmSentMessage(policy)[lang]} />,
      )
    }
    deps.log.info('password.reset_done')
    const words = passwordText[lang]
    // Reached from a link page: lead back to it while LINE's link token lives, else say how
    // to start linking again (a patron walk: the page said "you can now link" and stopped).
    if (!from) return c.html(<Notice lang={lang} title={words.doneTitle} message={words.done} />)
    if (!(await readLinkRequest(deps, from.linkToken, from.state)))
      return c.html(<Notice lang={lang} title={words.doneTitle} message={words.doneExpired} />)
    const back = linkPageUrl(deps.config.publicUrl, from.linkToken, from.state, lang)
    return c.html(
      <Notice
        lang={lang}
        title={words.doneTitle}
        message={words.doneBack}
        link={{ href: back, label: words.backToLink }}
      />,
    )
  })
  return app
}

/** The link request a link page sent along, when it has the shape of one. */
function linkRequestOf(
  linkToken: unknown,
  state: unknown,
): { linkToken: string; state: string } | undefined {
  if (typeof linkToken !== 'string' || typeof state !== 'string') return undefined
  return looksLikeLinkRequest(linkToken, state) ? { linkToken, state } : undefined
}

/** Push the confirm to the linked LINE account; false when LINE would not take it. */
async function pushResetConfirm(
  deps: AppDeps,
  pending: { token: string; lineUserId: string; language: string },
): Promise<boolean> {
  const message = resetConfirmMessage({
    token: pending.token,
    minutes: RESET_CONFIRM_MINUTES,
    lang: langOfLine(pending.language),
  })
  try {
    await deps.line.client.pushMessage(
      { to: pending.lineUserId, messages: [message] },
      crypto.randomUUID(),
    )
    return true
  } catch (err) {
    deps.log.warn('password.reset_confirm_unsent', { error: errorName(err) })
    return false
  }
}
