/**
 * `GET /api/card`: the card to show at a counter. From the library system's record, with its
 * access rules (ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD) as /api/me applies them; while the
 * system cannot be reached, from bunko's own LINE link (number and name as linked), which is
 * why it is mounted before the patron is read. The card page asks for it when /api/me answers
 * that the system is down (a front-mode walk: a phone that had not kept the card showed no
 * barcode), so a patron can still be served at a counter whose own system works.
 */
import { Hono } from 'hono'
import { isUnavailable, jstDate, type Policy } from '../../../core/index.ts'
import type { CardResponse, Lang } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { accessRefusal, linkedPatron } from '../auth.ts'
import type { LinkEnv } from '../env.ts'

/** The card's fields (also /api/me's): whose number and name, and the policy's barcode. */
export function cardOf(
  who: { number: string; name: string },
  policy: Policy,
  lang: Lang,
): CardResponse {
  return {
    patronNumber: who.number,
    name: who.name,
    barcode: { ...policy.barcode },
    libraryName: policy.libraryName[lang],
  }
}

export function cardRoutes({ config, library, clock }: AppDeps) {
  const { policy } = config
  const app = new Hono<LinkEnv>()
  app.get('/card', async (c) => {
    const lang = c.get('lang')
    const link = c.get('link')
    const answer = await library.patron(link.patronId)
    if (isUnavailable(answer)) return c.json(cardOf(link, policy, lang))
    const found = linkedPatron(answer, lang)
    const refused = accessRefusal(found.facts, jstDate(clock.now()), policy, {
      lang,
      name: found.name,
      family: c.get('family'),
    })
    if (refused) throw refused
    return c.json(cardOf(found, policy, lang))
  })
  return app
}
