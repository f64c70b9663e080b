/**
 * Messaging API endpoints on api.line.me: reply, push, multicast, message validation,
 * quota and consumption, and the chat's loading animation.
 */
import { Hono } from 'hono'
import { MESSAGES } from '../errors.ts'
import { USER_ID_RE } from '../ids.ts'
import { addUsage, monthlyUsage, type SimulatorState } from '../state.ts'
import type { Obj } from '../validate/actions.ts'
import { validateMessages } from '../validate/messages.ts'
import { badRequest, readJsonObject } from './json.ts'
import type { SimEnv } from './middleware.ts'
import {
  acceptRetryKey,
  checkRetryKey,
  overQuota,
  putInChat,
  reachable,
  refuseRetryKey,
} from './send.ts'

export function messagingRoutes(state: SimulatorState): Hono<SimEnv> {
  const app = new Hono<SimEnv>()

  app.post('/v2/bot/message/reply', async (c) => {
    const refused = refuseRetryKey(c)
    if (refused) return refused
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const details = validateMessages(body.messages)
    if (typeof body.replyToken !== 'string' || body.replyToken === '')
      details.unshift({ message: 'Must not be empty', property: 'replyToken' })
    if (details.length > 0) return badRequest(c, details)
    const token = state.replyTokens.get(body.replyToken as string)
    if (!token || token.used || token.expiresAt <= state.clock())
      return c.json({ message: MESSAGES.invalidReplyToken }, 400)
    token.used = true
    return c.json({ sentMessages: putInChat(state, token.userId, body.messages as Obj[], 'reply') })
  })

  /**
   * Display a loading animation: one-to-one chats only (a user ID), `loadingSeconds` 5–60 in
   * steps of 5 (default 20); 202 with an empty object. The animation itself is not drawn.
   */
  app.post('/v2/bot/chat/loading/start', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const seconds = body.loadingSeconds ?? 20
    const details = []
    if (typeof body.chatId !== 'string' || !USER_ID_RE.test(body.chatId))
      details.push({ message: 'Invalid chatId', property: 'chatId' })
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < 5 ||
      seconds > 60 ||
      seconds % 5 !== 0
    )
      details.push({
        message: 'Must be a multiple of 5 between 5 and 60',
        property: 'loadingSeconds',
      })
    if (details.length > 0) return badRequest(c, details)
    return c.json({}, 202)
  })

  app.post('/v2/bot/message/push', async (c) => {
    const conflict = checkRetryKey(c, state, true)
    if (conflict) return conflict
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const details = validateMessages(body.messages)
    if (typeof body.to !== 'string' || body.to === '')
      details.unshift({ message: 'Must not be empty', property: 'to' })
    if (details.length > 0) return badRequest(c, details)
    const to = body.to as string
    const messages = body.messages as Obj[]
    if (!USER_ID_RE.test(to))
      return c.json(
        { message: `The property, 'to', in the request body is invalid (line: -, column: -)` },
        400,
      )
    if (!state.users.has(to)) return c.json({ message: MESSAGES.failedToSend }, 400)
    const counted = reachable(state, [to]).length * messages.length
    const limited = overQuota(c, state, counted)
    if (limited) return limited
    addUsage(state, counted)
    const sentMessages = putInChat(state, to, messages, 'push')
    acceptRetryKey(c, state, sentMessages)
    return c.json({ sentMessages })
  })

  app.post('/v2/bot/message/multicast', async (c) => {
    const conflict = checkRetryKey(c, state, false)
    if (conflict) return conflict
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const details = validateMessages(body.messages)
    const to = body.to
    if (!Array.isArray(to) || to.length < 1 || to.length > 500)
      details.unshift({ message: 'Size must be between 1 and 500', property: 'to' })
    else
      to.forEach((id, i) => {
        if (typeof id !== 'string' || !USER_ID_RE.test(id))
          details.push({ message: 'Must be a valid user ID', property: `to[${i}]` })
      })
    if (details.length > 0) return badRequest(c, details)
    const messages = body.messages as Obj[]
    const recipients = [...new Set(to as string[])].filter((id) => state.users.has(id))
    const counted = reachable(state, recipients).length * messages.length
    const limited = overQuota(c, state, counted)
    if (limited) return limited
    addUsage(state, counted)
    for (const id of recipients) putInChat(state, id, messages, 'multicast')
    acceptRetryKey(c, state)
    return c.json({})
  })

  app.post(
    '/v2/bot/message/validate/:kind{reply|push|multicast|narrowcast|broadcast}',
    async (c) => {
      const body = await readJsonObject(c)
      if (body instanceof Response) return body
      const details = validateMessages(body.messages)
      return details.length > 0 ? badRequest(c, details) : c.json({})
    },
  )

  app.get('/v2/bot/message/quota', (c) => {
    const quota = state.limits.monthlyMessageQuota
    return c.json(quota === null ? { type: 'none' } : { type: 'limited', value: quota })
  })

  app.get('/v2/bot/message/quota/consumption', (c) => c.json({ totalUsage: monthlyUsage(state) }))

  return app
}
