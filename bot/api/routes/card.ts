/**
 * `GET /api/card`: the card to show at a counter. From the library system's record, with its
 * access rules (ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD) as /api/me applies them; while the
 * system cannot be reached, from bunko's own LINE link (number and name as linked), which is
 * why it is mounted before the patron is read. The card page asks for it when /api/me answers
 * that the system is down (a front-mode walk: a phone that had not kept the card showed no
 * barcode), so a patron can still be served at a counter whose own system works.
 */
import { Hono } from 'hono'
import { isUnavailable, jstDate } from '../../../core/index.ts'
import type { CardResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { accessRefusal } from '../auth.ts'
import type { LinkEnv } from '../env.ts'
import { holderOf } from '../holder.ts'
import { reached } from '../library.ts'
import { problem } from '../problem.ts'
import { WORDS } from '../words.ts'

export function cardRoutes({ config, library, clock }: AppDeps) {
  const { policy } = config
  const app = new Hono<LinkEnv>()
  app.get('/card', async (c) => {
    const lang = c.get('lang')
    const link = c.get('link')
    const card = (who: { number: string; name: string }): CardResponse => ({
      patronNumber: who.number,
      name: who.name,
      barcode: { ...policy.barcode },
      libraryName: policy.libraryName[lang],
    })
    const answer = await library.patron(link.patronId)
    if (isUnavailable(answer)) return c.json(card(link))
    const found = reached(answer, lang)
    if (!found) throw problem(403, 'not_linked', WORDS.notLinked[lang])
    const holder = holderOf(c.get('family'), found)
    const refused = accessRefusal(found.facts, jstDate(clock.now()), policy, { lang, holder })
    if (refused) throw refused
    return c.json(card(found))
  })
  return app
}
