/**
 * LINE's rich menu batch control: replace or unlink the menus linked to users, by menu rather
 * than by user ID (`POST /v2/bot/richmenu/batch`), check such a request without running it
 * (`POST /v2/bot/richmenu/validate/batch`), and read a batch's progress by the request ID its
 * 202 carried in `x-line-request-id` (`GET /v2/bot/richmenu/progress/batch?requestId=…`).
 *
 * Resuming needs nothing special: an operation acts on whoever is still linked to its `from`
 * menu, so sending the same operations again (with the same `resumeRequestKey`) moves only the
 * users an interrupted batch had not reached.
 */
import { Hono } from 'hono'
import { MESSAGES } from '../errors.ts'
import { acceptRichMenuBatch, batchProgress } from '../richmenu-batch.ts'
import type { SimulatorState } from '../state.ts'
import { validateRichMenuBatch } from '../validate/richmenu-batch.ts'
import { badRequest, readJsonObject } from './json.ts'
import type { SimEnv } from './middleware.ts'

export function richMenuBatchRoutes(state: SimulatorState): Hono<SimEnv> {
  const app = new Hono<SimEnv>()

  app.post('/v2/bot/richmenu/validate/batch', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const checked = validateRichMenuBatch(body, state.richMenus)
    return checked.ok ? c.json({}) : badRequest(c, checked.details)
  })

  app.post('/v2/bot/richmenu/batch', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const checked = validateRichMenuBatch(body, state.richMenus)
    if (!checked.ok) return badRequest(c, checked.details)
    acceptRichMenuBatch(state, c.get('requestId'), checked.operations, checked.resumeRequestKey)
    return c.json({}, 202)
  })

  app.get('/v2/bot/richmenu/progress/batch', (c) => {
    const requestId = c.req.query('requestId')
    if (!requestId)
      return c.json({ message: "The value for the 'requestId' parameter is invalid" }, 400)
    const batch = state.richMenuBatches.get(requestId)
    return batch ? c.json(batchProgress(batch)) : c.json({ message: MESSAGES.notFound }, 404)
  })

  return app
}
