/** `GET /api/me` (the card, LINE-CARD) and `GET /api/libraries` (pickup places, HOLD-PICKUP). */
import { Hono } from 'hono'
import {
  accessMessage,
  type Capabilities,
  holdMessage,
  passwordRuleText,
} from '../../../core/index.ts'
import type { LibrariesResponse, Me, PickupKind } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiEnv } from '../env.ts'
import { otherHolder } from '../holder.ts'
import { reached } from '../library.ts'
import { contactOf, pickupPlace } from '../views/places.ts'
import { cardOf } from './card.ts'

const KIND_ORDER: PickupKind[] = ['library', 'branch_room', 'bookmobile', 'locker']

/** The system's own OPAC address wins; else the configured OPAC_URL. */
function withOpac(caps: Capabilities, opacUrl: string | null): Capabilities {
  return { ...caps, opacUrl: caps.opacUrl ?? opacUrl }
}

export function meRoutes({ library, clock, config }: AppDeps) {
  const { policy } = config
  const app = new Hono<ApiEnv>()

  app.get('/me', async (c) => {
    const lang = c.get('lang')
    const row = c.get('patron')
    const patron = row.facts
    const { blocked, holds: counts } = reached(await library.standing(row.id, clock.now()), lang)
    const me: Me = {
      ...cardOf(row, policy, lang),
      holds: { ...counts, limitTotal: policy.holdLimit.total, limitAv: policy.holdLimit.av },
      holdRefusal: blocked
        ? { reason: 'blocked', message: accessMessage('blocked', policy, otherHolder(c))[lang] }
        : patron.reachable
          ? null
          : {
              reason: 'unreachable',
              message: holdMessage({ reason: 'unreachable' }, policy)[lang],
            },
      passwordRule: { ...policy.password, text: passwordRuleText(policy)[lang] },
      capabilities: {
        ...withOpac(library.capabilities(), config.opacUrl),
        contact: contactOf(policy, lang),
      },
    }
    return c.json(me)
  })

  app.get('/libraries', async (c) => {
    const lang = c.get('lang')
    const rows = reached(await library.places(), lang)
    const ordered = KIND_ORDER.flatMap((kind) => rows.filter((r) => r.kind === kind))
    const body: LibrariesResponse = { places: ordered.map((r) => pickupPlace(r, lang, policy)) }
    return c.json(body)
  })

  return app
}
