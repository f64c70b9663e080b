/**
 * /link: the page LINE's link button opens (LINE-LINK). The patron signs in with patron
 * number and web password; on success a fresh nonce (≥128 random bits, single use, short
 * expiry) is stored for them and the browser goes to LINE's account-link dialog, which
 * sends the `accountLink` event that completes the link. Works without JavaScript.
 *
 * The page speaks LINE's language: from the signed state once it is read, and before that
 * (maintenance, an expired or used link) from `?lang=`, which the bot's link and this page's
 * forms carry (pageLang); only a URL without it falls back to the browser's Accept-Language.
 */

import { type Context, Hono } from 'hono'
import type { PatronSummary } from '../../core/library-system.ts'
import { checkService } from '../../core/maintenance.ts'
import { checkPatronNumber } from '../../core/patron-number.ts'
import { familyFull, hasFamilyRoom } from '../../db/family-limit.ts'
import { createLinkNonce, findLinkByPatron } from '../../db/links.ts'
import { declaredBodyLimit } from '../body-limit.ts'
import type { AppDeps } from '../deps.ts'
import { csrfToken, csrfValid } from '../pages/csrf.ts'
import { type Lang, pageLang } from '../pages/layout.tsx'
import { refuseControlCharactersInForms } from '../pages/refuse-input.tsx'
import { formLimiter } from '../pages/too-many.tsx'
import { clientAddress } from '../rate-limit.ts'
import { type FormStatus, formExpired, type Refused, refused } from './form-refusal.ts'
import { readLinkRequest, TOKEN_RE } from './link-request.ts'
import type { LinkState } from './state.ts'
import { ConfirmReplace, LinkCancelled, LinkForm, Notice } from './views.tsx'

const words = {
  ja: {
    expiredTitle: '手続きの有効期限が切れました',
    expired:
      'この連携の手続きは有効期限が切れたか、すでに使われています。LINEのトーク画面に戻り、メニューの「アカウント連携」からもう一度お試しください。',
    maintTitle: 'ただいまメンテナンス中です',
    alreadyTitle: 'このカードはすでに連携しています',
    already:
      'このカードは、すでにこのLINEアカウントと連携しています。変更はありません。別のカードを追加するときは、LINEのトーク画面に戻って「もう一枚カードを追加」と送信し、届いたボタンから、そのカードの利用者番号とパスワードを入力してください。',
  },
  en: {
    expiredTitle: 'This link request has expired',
    expired:
      'This linking request has expired or was already used. Go back to the LINE chat and tap "Link your account" in the menu to start again.',
    maintTitle: 'Down for maintenance',
    alreadyTitle: 'This card is already linked',
    already:
      'This card is already linked to this LINE account, so nothing was changed. To add a different card, go back to the LINE chat, send "Add another card", then use the button in the answer to sign in with that card\'s patron number and password.',
  },
} as const

export function linkRoutes(deps: AppDeps): Hono {
  const app = new Hono()
  // The forms are a few fields; the pages carry live link nonces and must never be cached.
  app.use('*', declaredBodyLimit({ maxSize: 16 * 1024 }), async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  app.use('*', refuseControlCharactersInForms())
  app.use('*', formLimiter(deps))
  const { policy } = deps.config

  /** SVC-MAINT: the page says the service is paused and when it returns. */
  const maintenance = (c: Context, lang: Lang) => {
    const state = checkService(deps.clock.now(), policy)
    if (state.ok) return null
    return c.html(
      <Notice lang={lang} title={words[lang].maintTitle} message={state.message[lang]} />,
      503,
    )
  }
  const expired = (c: Context, lang: Lang) =>
    c.html(
      <Notice lang={lang} title={words[lang].expiredTitle} message={words[lang].expired} />,
      410,
    )

  app.get('/', async (c) => {
    const lang = pageLang(c)
    const down = maintenance(c, lang)
    if (down) return down
    const linkToken = c.req.query('linkToken') ?? ''
    const stateValue = c.req.query('state') ?? ''
    const state = await readLinkRequest(deps, linkToken, stateValue)
    if (!state) return expired(c, lang)
    return c.html(
      <LinkForm
        lang={state.lang}
        linkToken={linkToken}
        state={stateValue}
        csrf={csrfToken(c, deps.config.publicUrl)}
        policy={policy}
        passwordsHere={deps.library.capabilities().passwords}
      />,
    )
  })

  /** LINE-LINK: sign in with number and password; then LINE's dialog, or why not. */
  app.post('/', async (c) => {
    const lang = pageLang(c)
    const down = maintenance(c, lang)
    if (down) return down
    const submit = await readLinkSubmit(deps, c)
    if (!submit) return expired(c, lang)
    const signedIn = await signIn(deps, submit)
    if (!signedIn.ok) return linkFormAgain(deps, submit, signedIn.error, signedIn.status)
    return linkPatron(deps, submit, signedIn.patron)
  })

  /** One LINE account ↔ one patron: the answer to "replace the existing link?". */
  app.post('/confirm', async (c) => {
    const lang = pageLang(c)
    const down = maintenance(c, lang)
    if (down) return down
    const form = await c.req.parseBody()
    const linkToken = String(form.linkToken ?? '')
    const nonce = String(form.pending ?? '')
    if (!TOKEN_RE.test(linkToken) || !TOKEN_RE.test(nonce)) return expired(c, lang)
    if (!csrfValid(c, form.csrf)) return expired(c, lang)
    // Cancelling sends the nonce nowhere: it was only ever on this page, cannot complete a
    // link without LINE's dialog for this user's link token, and expires unused.
    if (form.choice !== 'replace') return c.html(<LinkCancelled lang={lang} />)
    return c.redirect(dialogUrl(deps, linkToken, nonce), 303)
  })

  return app
}

function dialogUrl(deps: AppDeps, linkToken: string, nonce: string): string {
  const url = new URL('/dialog/bot/accountLink', deps.config.line.accessBaseUrl)
  url.searchParams.set('linkToken', linkToken)
  url.searchParams.set('nonce', nonce)
  return url.toString()
}

/** A link form POST whose signed state is ours: whom it is for and what the patron typed. */
interface LinkSubmit {
  c: Context
  form: Record<string, string | File>
  linkToken: string
  state: string
  number: string
  request: LinkState
  /** The signed state's language (LINE's), not the URL's. */
  lang: Lang
  /** One moment for the whole POST: the sign-in and the nonce's expiry count from it. */
  now: number
}

/** The posted form, or null when its link token and state are not ours or have expired. */
async function readLinkSubmit(deps: AppDeps, c: Context): Promise<LinkSubmit | null> {
  const form = await c.req.parseBody()
  const linkToken = String(form.linkToken ?? '')
  const state = String(form.state ?? '')
  const number = String(form.number ?? '').slice(0, 64)
  const request = await readLinkRequest(deps, linkToken, state)
  if (!request) return null
  const now = deps.clock.now()
  return { c, form, linkToken, state, number, request, lang: request.lang, now }
}

/** The form again as the patron filled it (never the password), with why it was refused. */
function linkFormAgain(deps: AppDeps, s: LinkSubmit, error: string, status: FormStatus = 400) {
  return s.c.html(
    <LinkForm
      lang={s.lang}
      linkToken={s.linkToken}
      state={s.state}
      csrf={csrfToken(s.c, deps.config.publicUrl)}
      number={s.number}
      error={error}
      policy={deps.config.policy}
      passwordsHere={deps.library.capabilities().passwords}
    />,
    status,
  )
}

/**
 * The patron, or why not. A stale form or a number the library could never hold is refused
 * before the library is asked; its refusals (wrong password, lockout) are logged.
 */
async function signIn(
  deps: AppDeps,
  s: LinkSubmit,
): Promise<{ ok: true; patron: PatronSummary } | Refused> {
  if (!csrfValid(s.c, s.form.csrf)) return formExpired(s.lang)
  // The library system's format (Policy): a number it could never hold is said at once.
  const typed = checkPatronNumber(s.number, deps.config.policy)
  if (!typed.ok) return refused(typed.message[s.lang])
  const result = await deps.library.authenticate(
    {
      number: typed.value,
      password: String(s.form.password ?? ''),
      // ACC-SECRET: counted per address; the number's own LINE account passes a number lock.
      client: { address: clientAddress(deps, s.c), lineUserId: s.request.lineUserId },
    },
    s.now,
  )
  if (result.ok) return { ok: true, patron: result.value }
  deps.log.info('link.sign_in_refused', { reason: result.reason })
  const status = { locked: 429, library_unavailable: 503 } as const
  return refused(result.message[s.lang], status[result.reason as keyof typeof status] ?? 400)
}

/**
 * A signed-in patron: say so when the card is already this account's, refuse a full family,
 * else store a single-use nonce for LINE's dialog.
 */
async function linkPatron(deps: AppDeps, s: LinkSubmit, patron: PatronSummary) {
  const { policy } = deps.config
  const { lang, request } = s
  // The card is already this LINE account's: linking it again would change nothing the
  // patron wants (only its place among the family's cards), and the chat would answer as if
  // a new link had been made. Say so here, before LINE's dialog, and change nothing.
  const theirs = await findLinkByPatron(deps.db, patron.id)
  if (theirs?.lineUserId === request.lineUserId)
    return s.c.html(
      <Notice lang={lang} title={words[lang].alreadyTitle} message={words[lang].already} />,
    )
  // ACC-FAMILY: a full family is refused before LINE's dialog, with what to do.
  if (!(await hasFamilyRoom(deps.db, request.lineUserId, patron.id, policy.familyCards)))
    return linkFormAgain(deps, s, familyFull(policy).message[lang], 409)
  const issued = await createLinkNonce(
    deps.db,
    { patronId: patron.id, lineUserId: request.lineUserId },
    s.now,
    policy,
  )
  if (!issued.ok) return linkFormAgain(deps, s, issued.message[lang])
  const otherLine = theirs !== null && theirs.lineUserId !== request.lineUserId
  return toDialog(deps, s, issued.value.nonce, otherLine)
}

/**
 * ACC-FAMILY: this LINE account's other cards stay; only the patron's own link elsewhere is
 * replaced (LINE-LINK), so only that is asked about before LINE's dialog.
 */
function toDialog(deps: AppDeps, s: LinkSubmit, nonce: string, otherLine: boolean) {
  const otherPatron = false
  if (otherPatron || otherLine) {
    return s.c.html(
      <ConfirmReplace
        lang={s.lang}
        csrf={csrfToken(s.c, deps.config.publicUrl)}
        linkToken={s.linkToken}
        pending={nonce}
        otherPatron={otherPatron}
        otherLine={otherLine}
      />,
    )
  }
  return s.c.redirect(dialogUrl(deps, s.linkToken, nonce), 303)
}
