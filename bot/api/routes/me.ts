/** `GET /api/me`: the card (LINE-CARD), hold counts, the password rule, the system's capabilities. */
import { Hono } from 'hono'
import {
  accessMessage,
  type Capabilities,
  holdMessage,
  passwordRuleText,
} from '../../../core/index.ts'
import type { Me } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiEnv } from '../env.ts'
import { otherHolder } from '../holder.ts'
import { reached } from '../library.ts'
import { contactOf } from '../views/places.ts'
import { cardOf } from './card.ts'

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

  return app
}
