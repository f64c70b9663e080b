/** `GET /api/family` (ACC-FAMILY): the LINE account's linked cards, for the card swiper. */
import { Hono } from 'hono'
import type { FamilyResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiEnv } from '../env.ts'

export function familyRoutes({ config }: AppDeps) {
  const app = new Hono<ApiEnv>()
  app.get('/family', (c) => {
    const body: FamilyResponse = {
      cards: c.get('family').map((m) => ({
        patronId: m.patronId,
        patronNumber: m.number,
        name: m.name,
      })),
      limit: config.policy.familyCards,
    }
    return c.json(body)
  })
  return app
}
