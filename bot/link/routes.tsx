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
import { readLinkRequest, TOKEN_RE } from './link-request.ts'
import { ConfirmReplace, LinkCancelled, LinkForm, Notice } from './views.tsx'

const words = {
  ja: {
    expiredTitle: '手続きの有効期限が切れました',
    expired:
      'この連携の手続きは有効期限が切れたか、すでに使われています。LINEのトーク画面に戻り、メニューの「アカウント連携」からもう一度お試しください。',
    maintTitle: 'ただいまメンテナンス中です',
    badForm: 'フォームの有効期限が切れました。お手数ですが、もう一度入力してください。',
    register: 'パスワードを登録する',
    alreadyTitle: 'このカードはすでに連携しています',
    already:
      'このカードは、すでにこのLINEアカウントと連携しています。変更はありません。別のカードを追加するときは、LINEのトーク画面に戻って「もう一枚カードを追加」と送信し、届いたボタンから、そのカードの利用者番号とパスワードを入力してください。',
  },
  en: {
    expiredTitle: 'This link request has expired',
    expired:
      'This linking request has expired or was already used. Go back to the LINE chat and tap "Link your account" in the menu to start again.',
    maintTitle: 'Down for maintenance',
    badForm: 'This form has expired. Please enter your details again.',
    register: 'Register a password',
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
  const stateFor = (linkToken: string, state: string) => readLinkRequest(deps, linkToken, state)
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
    const state = await stateFor(linkToken, stateValue)
    if (!state) return expired(c, lang)
    return c.html(
      <LinkForm
        lang={state.lang}
        linkToken={linkToken}
        state={stateValue}
        csrf={csrfToken(c, deps.config.publicUrl)}
        policy={policy}
      />,
    )
  })

  app.post('/', async (c) => {
    let lang = pageLang(c)
    const down = maintenance(c, lang)
    if (down) return down
    const form = await c.req.parseBody()
    const linkToken = String(form.linkToken ?? '')
    const stateValue = String(form.state ?? '')
    const number = String(form.number ?? '').slice(0, 64)
    const request = await stateFor(linkToken, stateValue)
    if (!request) return expired(c, lang)
    lang = request.lang
    const now = deps.clock.now()
    const again = (error: string, status: 400 | 403 | 409 | 429 | 503 = 400) =>
      c.html(
        <LinkForm
          lang={lang}
          linkToken={linkToken}
          state={stateValue}
          csrf={csrfToken(c, deps.config.publicUrl)}
          number={number}
          error={error}
          policy={policy}
        />,
        status,
      )
    if (!csrfValid(c, form.csrf)) return again(words[lang].badForm, 403)
    // The library system's format (Policy): a number it could never hold is said at once.
    const typed = checkPatronNumber(number, policy)
    if (!typed.ok) return again(typed.message[lang])
    const result = await deps.library.authenticate(
      {
        number: typed.value,
        password: String(form.password ?? ''),
        // ACC-SECRET: counted per address; the number's own LINE account passes a number lock.
        client: { address: clientAddress(deps, c), lineUserId: request.lineUserId },
      },
      now,
    )
    if (!result.ok) {
      deps.log.info('link.sign_in_refused', { reason: result.reason })
      const status = { locked: 429, library_unavailable: 503 } as const
      return again(result.message[lang], status[result.reason as keyof typeof status] ?? 400)
    }
    const patron = result.value
    // The card is already this LINE account's: linking it again would change nothing the
    // patron wants (only its place among the family's cards), and the chat would answer as if
    // a new link had been made. Say so here, before LINE's dialog, and change nothing.
    const theirs = await findLinkByPatron(deps.db, patron.id)
    if (theirs?.lineUserId === request.lineUserId)
      return c.html(
        <Notice lang={lang} title={words[lang].alreadyTitle} message={words[lang].already} />,
      )
    // ACC-FAMILY: a full family is refused before LINE's dialog, with what to do.
    if (!(await hasFamilyRoom(deps.db, request.lineUserId, patron.id, policy.familyCards)))
      return again(familyFull(policy).message[lang], 409)
    const issued = await createLinkNonce(
      deps.db,
      { patronId: patron.id, lineUserId: request.lineUserId },
      now,
      policy,
    )
    if (!issued.ok) return again(issued.message[lang])
    const nonce = issued.value.nonce
    // ACC-FAMILY: this LINE account's other cards stay; only the patron's own link elsewhere
    // is replaced (LINE-LINK), so only that is asked about.
    const otherPatron = false
    const otherLine = theirs !== null && theirs.lineUserId !== request.lineUserId
    if (otherPatron || otherLine) {
      return c.html(
        <ConfirmReplace
          lang={lang}
          csrf={csrfToken(c, deps.config.publicUrl)}
          linkToken={linkToken}
          pending={nonce}
          otherPatron={otherPatron}
          otherLine={otherLine}
        />,
      )
    }
    return c.redirect(dialogUrl(deps, linkToken, nonce), 303)
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
