/**
 * Users and the channel on api.line.me: profiles, link tokens for account linking, bot info
 * and the webhook endpoint settings.
 */
import { Hono } from 'hono'
import { MESSAGES } from '../errors.ts'
import { linkToken, USER_ID_RE } from '../ids.ts'
import type { SimulatorState } from '../state.ts'
import type { WebhookDelivery } from '../types.ts'
import { readJsonObject } from './json.ts'
import type { SimEnv } from './middleware.ts'

export function channelRoutes(
  state: SimulatorState,
  testWebhook: () => Promise<WebhookDelivery>,
): Hono<SimEnv> {
  const app = new Hono<SimEnv>()

  /** Only friends have a profile the bot may read; strangers and blockers are 404. */
  app.get('/v2/bot/profile/:userId', (c) => {
    const user = state.users.get(c.req.param('userId'))
    if (!user?.following) return c.json({ message: MESSAGES.notFound }, 404)
    return c.json({
      displayName: user.displayName,
      userId: user.userId,
      language: user.language,
      ...(user.pictureUrl ? { pictureUrl: user.pictureUrl } : {}),
      ...(user.statusMessage ? { statusMessage: user.statusMessage } : {}),
    })
  })

  app.post('/v2/bot/user/:userId/linkToken', (c) => {
    const userId = c.req.param('userId')
    if (!USER_ID_RE.test(userId))
      return c.json({ message: "The value for the 'userId' path parameter is invalid" }, 400)
    if (!state.users.get(userId)?.following) return c.json({ message: MESSAGES.notFound }, 404)
    const token = linkToken()
    state.linkTokens.set(token, {
      userId,
      expiresAt: state.clock() + state.limits.linkTokenTtlMs,
      used: false,
    })
    return c.json({ linkToken: token })
  })

  app.get('/v2/bot/info', (c) =>
    c.json({
      userId: state.botUserId,
      basicId: '@000bunko',
      displayName: 'bunko 図書館 (シミュレーター)',
      chatMode: 'bot',
      markAsReadMode: 'manual',
    }),
  )

  app.get('/v2/bot/channel/webhook/endpoint', (c) =>
    c.json({ endpoint: state.webhookUrl ?? '', active: state.webhookUrl !== null }),
  )

  app.put('/v2/bot/channel/webhook/endpoint', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    if (typeof body.endpoint !== 'string' || !/^https?:\/\//.test(body.endpoint))
      return c.json({ message: 'Invalid webhook endpoint URL' }, 400)
    state.webhookUrl = body.endpoint
    return c.json({})
  })

  /** LINE's "Verify" button: an empty event list the bot must answer with 200. */
  app.post('/v2/bot/channel/webhook/test', async (c) => {
    const d = await testWebhook()
    const ok = d.status !== null && d.status >= 200 && d.status < 300
    return c.json({
      success: ok,
      timestamp: new Date(d.at).toISOString(),
      statusCode: d.status ?? 0,
      reason: ok ? 'OK' : d.error ? 'COULD_NOT_CONNECT' : 'ERROR_STATUS_CODE',
      detail: d.error ?? String(d.status),
    })
  })

  return app
}
