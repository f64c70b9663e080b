/**
 * `GET /api/card`: the card from bunko's own LINE link (number and name as linked) and the
 * policy's barcode, with nothing asked of the library system. The card page draws it when
 * /api/me answers that the system cannot be reached (a front-mode walk: a phone that had not
 * kept the card showed no barcode while the system was down), so a patron can still be served
 * at a counter whose own system works. Access rules (ACC-EXPIRED …) are not checked here: the
 * system that knows them is down, and the page says so beside the card.
 */
import { Hono } from 'hono'
import type { CardResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { LinkEnv } from '../env.ts'

export function cardRoutes({ config }: AppDeps) {
  const { policy } = config
  const app = new Hono<LinkEnv>()
  app.get('/card', (c) => {
    const link = c.get('link')
    const body: CardResponse = {
      patronNumber: link.number,
      name: link.name,
      barcode: { ...policy.barcode },
      libraryName: policy.libraryName[c.get('lang')],
    }
    return c.json(body)
  })
  return app
}
