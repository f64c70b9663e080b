/**
 * `GET /api/libraries`: the pickup places (HOLD-PICKUP) with phone and hours, libraries first,
 * then 分室, bookmobile stations and lockers. The library's public information, as open as the
 * catalogue (mounted before the access rules: bot/api/index.ts), so a family whose first card
 * lapsed can still choose where another card's hold waits.
 */
import { Hono } from 'hono'
import type { LibrariesResponse, PickupKind } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { OwnEnv } from '../env.ts'
import { reached } from '../library.ts'
import { pickupPlace } from '../views/places.ts'

const KIND_ORDER: PickupKind[] = ['library', 'branch_room', 'bookmobile', 'locker']

export function librariesRoutes({ library, config }: AppDeps) {
  const { policy } = config
  const app = new Hono<OwnEnv>()
  app.get('/libraries', async (c) => {
    const lang = c.get('lang')
    const rows = reached(await library.places(), lang)
    const ordered = KIND_ORDER.flatMap((kind) => rows.filter((r) => r.kind === kind))
    const body: LibrariesResponse = { places: ordered.map((r) => pickupPlace(r, lang, policy)) }
    return c.json(body)
  })
  return app
}
