/**
 * /password: register a first web password or reset a forgotten one (ACC-RESET). The
 * strength rule is shown before typing; the same lockout as sign-in applies.
 */

import { type Context, Hono } from 'hono'
import {
  passwordElsewhereText,
  passwordRuleText,
  RESET_CONFIRM_MINUTES,
  resetConfirmSentMessage,
  resetNeedsCounter,
} from '../../core/credentials.ts'
import { isUnavailable, type PasswordReset } from '../../core/library-system.ts'
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
import { type Lang, pageLang } from '../pages/layout.tsx'
import { refuseControlCharactersInForms } from '../pages/refuse-input.tsx'
import { formLimiter } from '../pages/too-many.tsx'
import { clientAddress } from '../rate-limit.ts'
import { type FormStatus, formExpired, type Refused, refused } from './form-refusal.ts'
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
    // Front mode: the library's system keeps the password; where to go, not a form it refuses.
    const { passwords, opacUrl } = deps.library.capabilities()
    if (!passwords)
      return c.html(
        <Notice
          lang={lang}
          title={lang === 'ja' ? 'パスワードの登録・再設定' : 'Register or reset your password'}
          message={passwordElsewhereText(policy)[lang]}
          {...(opacUrl
            ? {
                link: {
                  href: opacUrl,
                  label: lang === 'ja' ? '図書館のホームページへ' : "The library's website",
                },
              }
            : {})}
        />,
      )
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

  /** ACC-RESET: check the form, ask the library, then confirm in LINE or say it is done. */
  app.post('/', async (c) => {
    const submit = await readResetSubmit(c)
    const checked = checkResetForm(deps, submit)
    if (!checked.ok) return resetFormAgain(deps, submit, checked.error, checked.status)
    const reset = await requestReset(deps, submit, checked)
    if (!reset.ok) return resetFormAgain(deps, submit, reset.error, reset.status)
    if (reset.pending) return confirmInLine(deps, submit, reset.pending)
    return resetDone(deps, submit)
  })
  return app
}

/** A password form POST: what the patron typed, and the link page it came from, if any. */
interface ResetSubmit {
  c: Context
  form: Record<string, string | File>
  /** The page's language (?lang=): this page has no signed state to take it from. */
  lang: Lang
  number: string
  from: { linkToken: string; state: string } | undefined
}

/** The posted form, read once so each step below sees the same fields. */
async function readResetSubmit(c: Context): Promise<ResetSubmit> {
  const lang = pageLang(c)
  const form = await c.req.parseBody()
  const number = String(form.number ?? '').slice(0, 64)
  return { c, form, lang, number, from: linkRequestOf(form.linkToken, form.state) }
}

/** The form again as the patron filled it (never the passwords), with why it was refused. */
function resetFormAgain(deps: AppDeps, s: ResetSubmit, error: string, status: FormStatus = 400) {
  const { policy } = deps.config
  return s.c.html(
    <PasswordForm
      lang={s.lang}
      csrf={csrfToken(s.c, deps.config.publicUrl)}
      rule={passwordRuleText(policy)[s.lang]}
      number={s.number}
      error={error}
      policy={policy}
      from={s.from}
    />,
    status,
  )
}

/**
 * What is refused before the library is asked (and counts no attempt): a stale form, a
 * number the library could never hold, two passwords that differ.
 */
function checkResetForm(
  deps: AppDeps,
  s: ResetSubmit,
): { ok: true; number: string; password: string } | Refused {
  if (!csrfValid(s.c, s.form.csrf)) return formExpired(s.lang)
  // The library system's format (Policy): a number it could never hold is said at once.
  const typed = checkPatronNumber(s.number, deps.config.policy)
  if (!typed.ok) return refused(typed.message[s.lang])
  const password = String(s.form.password ?? '')
  if (password !== String(s.form.confirm ?? '')) return refused(passwordText[s.lang].mismatch)
  return { ok: true, number: typed.value, password }
}

/** The library's answer: the reset (done, or pending a LINE confirm), or why not, logged. */
async function requestReset(
  deps: AppDeps,
  s: ResetSubmit,
  typed: { number: string; password: string },
): Promise<{ ok: true; pending: PasswordReset['pending'] } | Refused> {
  const result = await deps.library.resetPassword(
    {
      number: typed.number,
      name: String(s.form.name ?? ''),
      phone: String(s.form.phone ?? ''),
      password: typed.password,
      client: { address: clientAddress(deps, s.c) },
    },
    deps.clock.now(),
  )
  // The library's system is down: the form stays filled in, with a plain sentence.
  if (isUnavailable(result)) {
    deps.log.info('password.reset_unavailable')
    return refused(result.message[s.lang], 503)
  }
  if (!result.ok) {
    deps.log.info('password.reset_refused', { reason: result.reason })
    return refused(result.message[s.lang], result.reason === 'locked' ? 429 : 400)
  }
  return { ok: true, pending: result.value.pending }
}

/**
 * ACC-RESET-LINKED: nothing changes until the linked LINE account confirms. If LINE will
 * not take the message, the reset is dropped and the form says to come to the counter.
 */
async function confirmInLine(
  deps: AppDeps,
  s: ResetSubmit,
  pending: NonNullable<PasswordReset['pending']>,
) {
  const { policy } = deps.config
  if (!(await pushResetConfirm(deps, pending))) {
    await cancelPasswordReset(deps.db, { token: pending.token })
    return resetFormAgain(deps, s, resetNeedsCounter(policy).message[s.lang])
  }
  deps.log.info('password.reset_confirm_sent')
  const title = s.lang === 'ja' ? 'LINEで確認してください' : 'Please confirm in LINE'
  return s.c.html(
    <Notice lang={s.lang} title={title} message={resetConfirmSentMessage(policy)[s.lang]} />,
  )
}

/**
 * The password is set. Reached from a link page: lead back to it while LINE's link token
 * lives, else say how to start linking again (a patron walk: the page said "you can now link"
 * and stopped); reached on its own: just say it is done.
 */
async function resetDone(deps: AppDeps, s: ResetSubmit) {
  deps.log.info('password.reset_done')
  const { c, lang, from } = s
  const words = passwordText[lang]
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
