/**
 * Who is calling: the LIFF ID token in `Authorization: Bearer …`, verified with LINE (see
 * verify.ts), then the LINE user's link to a patron (LINE-LINK). No token or a bad one is
 * 401; a LINE user with no link is 403 `not_linked` with how to link; LINE being unreachable
 * is 503, because the patron did nothing wrong. With family cards (ACC-FAMILY) the call names
 * its patron in `X-Bunko-Patron`; a patron not linked to this LINE user is 403 `not_family`.
 */
import type { MiddlewareHandler } from 'hono'
import {
  type AccessReason,
  type Answer,
  accessMessage,
  isExpired,
  isUnavailable,
  jstDate,
  type LibrarySystem,
  type Patron,
  type PatronSummary,
  type Policy,
  unavailableText,
} from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { familyOf, setFamilyLanguage } from '../../db/family.ts'
import type { Lang } from '../../liff/api-types.ts'
import type { Clock } from '../clock.ts'
import type { LinkEnv, OwnEnv } from './env.ts'
import { answerLang, requestedLang } from './lang.ts'
import { reached } from './library.ts'
import { choosePatron, PATRON_HEADER } from './patron-choice.ts'
import { problem } from './problem.ts'
import type { IdTokenVerifier } from './verify.ts'
import { contactOf } from './views/places.ts'
import { WORDS } from './words.ts'

const BEARER = /^Bearer +(\S+)$/i

/** The verified LINE user and the link the call names (see the file's comment). */
export function authenticate(db: Db, verifier: IdTokenVerifier): MiddlewareHandler<LinkEnv> {
  return async (c, next) => {
    const requested = c.req.header('accept-language')
    const early = answerLang(requested)
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1]
    if (!token) throw problem(401, 'unauthorized', WORDS.unauthorized[early])
    const verified = await verifier.verify(token)
    if (!verified.ok) {
      if (verified.reason === 'unavailable')
        throw problem(503, 'internal', WORDS.lineUnavailable[early])
      throw problem(401, 'unauthorized', WORDS.unauthorized[early])
    }
    const family = await familyOf(db, verified.userId)
    const link = choosePatron(family, c.req.header(PATRON_HEADER))
    if (!link) throw problem(403, 'not_linked', WORDS.notLinked[early])
    if (link === 'foreign') throw problem(403, 'not_family', WORDS.notFamily[early])
    const lang = answerLang(requested, link.language)
    // The link keeps the language the patron uses the app in, so pushes match it.
    if (requestedLang(requested) === lang && link.language !== lang)
      await setFamilyLanguage(db, { lineUserId: verified.userId, language: lang })
    c.set('lang', lang)
    c.set('lineUserId', verified.userId)
    c.set('link', link)
    c.set('family', family)
    await next()
  }
}

/**
 * The library system's record of the linked patron, for every route mounted after this one;
 * null while the system cannot be reached. Unlinking and the family-card list are mounted
 * before it (bot/api/index.ts): they need the link only (LINE-LINK: unlinking is always
 * offered; ACC-FAMILY: the list offers unlinking one card), and a system that is down, or no
 * longer knows the patron, must not keep anyone from unlinking (a review found unlinking
 * refused with 503 while it was down). The routes of bunko's own data come next and answer
 * while it is down; `requireLibrarySystem` then says 503 for every other route.
 */
export function readPatron(library: LibrarySystem): MiddlewareHandler<OwnEnv> {
  return async (c, next) => {
    const answer = await library.patron(c.get('link').patronId)
    c.set('patron', isUnavailable(answer) ? null : linkedPatron(answer, c.get('lang')))
    await next()
  }
}

/**
 * 503 `library_unavailable` for every route that needs the library's system, when readPatron
 * found it down: not asked again, which would only wait as long once more.
 */
export function requireLibrarySystem(policy: Policy): MiddlewareHandler<OwnEnv> {
  return async (c, next) => {
    if (c.get('patron') === null)
      throw problem(503, 'library_unavailable', unavailableText(policy.contact)[c.get('lang')])
    await next()
  }
}

/** The library system's answer for a linked patron: 503 if down, 403 if it no longer knows them. */
export function linkedPatron(answer: Answer<PatronSummary | null>, lang: Lang): PatronSummary {
  const found = reached(answer, lang)
  if (!found) throw problem(403, 'not_linked', WORDS.notLinked[lang])
  return found
}

/**
 * ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD: a wide-area, lapsed or password-less patron may
 * not use the online service at all (403 with the rule's words and whom to phone).
 *
 * ACC-BLOCK-OVERDUE is deliberately not here: a patron blocked by a long-overdue loan keeps
 * the card, the loan list (which shows what to return) and hold cancelling, while every
 * action the rule names is refused by that action with `blocked` — renewing, placing a hold,
 * changing a pickup place — each saying why and whom to phone.
 */
export function requireAccess(
  policy: Policy,
  clock: Clock,
  /** Let a refused card through when the account links others (the account's hold cart). */
  account = false,
): MiddlewareHandler<OwnEnv> {
  return async (c, next) => {
    const patron = c.get('patron')
    // Unknown while the system is down: bunko's own data is served (readPatron).
    const refused =
      patron &&
      accessRefusal(patron.facts, jstDate(clock.now()), policy, {
        lang: c.get('lang'),
        name: patron.name,
        family: c.get('family'),
      })
    if (refused && !(account && refused.body.otherCards)) throw refused
    await next()
  }
}

/**
 * The 403 of ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD for `patron` today, or null. The rules
 * refuse a card, not the LINE account (ACC-FAMILY): with `family` linking other cards, the
 * answer says so (`otherCards`), and the app keeps serving those (a lapsed first card shut
 * every card out); its sentence is then about the card's holder (`name`) where the rule's words
 * have that form, even for the account's own first card, since the page shows it beside the
 * others (a walk read 「利用者登録が無効…」 at the top of マイポータル as the whole account's).
 */
export function accessRefusal(
  patron: Patron,
  today: string,
  policy: Policy,
  said: { lang: Lang; name: string; family: readonly unknown[] },
) {
  const reason = accessProblem(patron, today)
  if (!reason) return null
  const others = said.family.length > 1
  const holder = others ? said.name : undefined
  return problem(403, reason, accessMessage(reason, policy, holder)[said.lang], {
    contact: contactOf(policy, said.lang),
    ...(others ? { otherCards: true } : {}),
  })
}

function accessProblem(patron: Patron, today: string): Exclude<AccessReason, 'blocked'> | null {
  if (patron.category === 'wide_area') return 'wide_area'
  if (isExpired(patron, today)) return 'expired'
  if (!patron.hasPassword) return 'no_password'
  return null
}
