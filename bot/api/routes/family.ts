/**
 * ACC-FAMILY: `GET /api/family` (the LINE account's linked cards, for the card swiper and the
 * person filter) and `POST /api/family/link` (もう一枚カードを追加 from the card page): a link
 * token issued by LINE for this user and the link page for it, the same official account-link
 * flow as the chat's (the patron signs in there, LINE's dialog sends accountLink with a nonce).
 */
import { Hono } from 'hono'
import { familyFull, hasFamilyRoom } from '../../../db/family-limit.ts'
import type { FamilyLinkResponse, FamilyResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { signLinkState } from '../../link/state.ts'
import { linkPageUrl } from '../../messages/link.ts'
import type { LinkEnv } from '../env.ts'
import { problem } from '../problem.ts'
import { noBody } from '../validate.ts'
import { WORDS } from '../words.ts'

export function familyRoutes({ config, db, line, clock, log }: AppDeps) {
  const { policy } = config
  const app = new Hono<LinkEnv>()
  app.get('/family', (c) => {
    const body: FamilyResponse = {
      cards: c.get('family').map((m) => ({
        patronId: m.patronId,
        patronNumber: m.number,
        name: m.name,
      })),
      limit: policy.familyCards,
    }
    return c.json(body)
  })

  app.post('/family/link', async (c) => {
    const lang = c.get('lang')
    await noBody(c, lang)
    const lineUserId = c.get('lineUserId')
    if (!(await hasFamilyRoom(db, lineUserId, 0, policy.familyCards)))
      throw problem(409, 'family_full', familyFull(policy).message[lang])
    let linkToken: string
    try {
      linkToken = (await line.client.issueLinkToken(lineUserId)).linkToken
    } catch (e) {
      log.warn('api.link_token_failed', { error: e instanceof Error ? e.name : 'unknown' })
      throw problem(503, 'internal', WORDS.lineUnavailable[lang])
    }
    const state = await signLinkState(config.line.channelSecret, linkToken, {
      lineUserId,
      lang,
      issuedAt: clock.now(),
    })
    const body: FamilyLinkResponse = { url: linkPageUrl(config.publicUrl, linkToken, state, lang) }
    return c.json(body)
  })
  return app
}
