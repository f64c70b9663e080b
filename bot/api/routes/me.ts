/** `GET /api/me` (the card, LINE-CARD) and `GET /api/libraries` (pickup places, HOLD-PICKUP). */
import { Hono } from 'hono'
import {
  accessMessage,
  holdCounts,
  holdMessage,
  isBlocked,
  jstDate,
  passwordRuleText,
} from '../../../core/index.ts'
import { activeHoldFacts, openLoanFacts } from '../../../db/facts.ts'
import { listPlaces } from '../../../db/places.ts'
import type { LibrariesResponse, Me, PickupKind } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiEnv } from '../env.ts'
import { pickupPlace } from '../views/places.ts'

const KIND_ORDER: PickupKind[] = ['library', 'branch_room', 'bookmobile', 'locker']

export function meRoutes({ db, clock, config }: AppDeps) {
  const { policy } = config
  const app = new Hono<ApiEnv>()

  app.get('/me', async (c) => {
    const lang = c.get('lang')
    const { row, patron } = c.get('patron')
    const [holds, loans] = await Promise.all([
      activeHoldFacts(db, row.id),
      openLoanFacts(db, row.id),
    ])
    const counts = holdCounts(
      holds.map((h) => h.core),
      policy,
    )
    const blocked = isBlocked(
      loans.map((l) => l.core),
      jstDate(clock.now()),
      policy,
    )
    const me: Me = {
      patronNumber: row.number,
      name: row.name,
      barcode: { ...policy.barcode },
      libraryName: policy.libraryName[lang],
      holds: { ...counts, limitTotal: policy.holdLimit.total, limitAv: policy.holdLimit.av },
      holdRefusal: blocked
        ? { reason: 'blocked', message: accessMessage('blocked', policy)[lang] }
        : patron.reachable
          ? null
          : {
              reason: 'unreachable',
              message: holdMessage({ reason: 'unreachable' }, policy)[lang],
            },
      passwordRule: { ...policy.password, text: passwordRuleText(policy)[lang] },
    }
    return c.json(me)
  })

  app.get('/libraries', async (c) => {
    const lang = c.get('lang')
    const rows = await listPlaces(db)
    const ordered = KIND_ORDER.flatMap((kind) => rows.filter((r) => r.kind === kind))
    const body: LibrariesResponse = { places: ordered.map((r) => pickupPlace(r, lang, policy)) }
    return c.json(body)
  })

  return app
}
