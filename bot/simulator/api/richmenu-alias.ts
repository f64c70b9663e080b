/**
 * Rich menu aliases (what `richmenuswitch` actions name): create, update, get, list, delete.
 * An alias ID is 1–32 letters, digits, `_` or `-`, and may only point at a menu with an image.
 */
import { type Context, Hono } from 'hono'
import { MESSAGES } from '../errors.ts'
import type { SimulatorState } from '../state.ts'
import { badRequest, readJsonObject } from './json.ts'
import type { SimEnv } from './middleware.ts'

const ALIAS_RE = /^[A-Za-z0-9_-]{1,32}$/
const MAX_ALIASES = 1000

export function richMenuAliasRoutes(state: SimulatorState): Hono<SimEnv> {
  const app = new Hono<SimEnv>()
  const aliasNotFound = (c: Context<SimEnv>) => c.json({ message: MESSAGES.aliasNotFound }, 404)
  /** LINE's answer when the target menu cannot take an alias, else null. */
  const refuseTarget = (c: Context<SimEnv>, richMenuId: unknown): Response | null => {
    if (typeof richMenuId !== 'string' || richMenuId === '')
      return badRequest(c, [{ message: 'Must not be empty', property: 'richMenuId' }])
    const menu = state.richMenus.get(richMenuId)
    if (!menu) return c.json({ message: MESSAGES.richMenuNotFound }, 400)
    if (!menu.image) return c.json({ message: MESSAGES.imageNotUploaded }, 400)
    return null
  }

  app.post('/v2/bot/richmenu/alias', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const aliasId = body.richMenuAliasId
    if (typeof aliasId !== 'string' || !ALIAS_RE.test(aliasId))
      return badRequest(c, [
        { message: 'Must be 1 to 32 letters, digits, _ or -', property: 'richMenuAliasId' },
      ])
    const refused = refuseTarget(c, body.richMenuId)
    if (refused) return refused
    if (state.aliases.has(aliasId)) return c.json({ message: MESSAGES.aliasConflict }, 400)
    if (state.aliases.size >= MAX_ALIASES)
      return c.json({ message: 'The maximum number of rich menu aliases has been reached' }, 400)
    state.aliases.set(aliasId, body.richMenuId as string)
    return c.json({})
  })

  app.get('/v2/bot/richmenu/alias/list', (c) =>
    c.json({
      aliases: [...state.aliases].map(([richMenuAliasId, richMenuId]) => ({
        richMenuAliasId,
        richMenuId,
      })),
    }),
  )

  app.get('/v2/bot/richmenu/alias/:aliasId', (c) => {
    const aliasId = c.req.param('aliasId')
    const richMenuId = state.aliases.get(aliasId)
    return richMenuId ? c.json({ richMenuAliasId: aliasId, richMenuId }) : aliasNotFound(c)
  })

  app.post('/v2/bot/richmenu/alias/:aliasId', async (c) => {
    const aliasId = c.req.param('aliasId')
    if (!state.aliases.has(aliasId)) return aliasNotFound(c)
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const refused = refuseTarget(c, body.richMenuId)
    if (refused) return refused
    state.aliases.set(aliasId, body.richMenuId as string)
    return c.json({})
  })

  app.delete('/v2/bot/richmenu/alias/:aliasId', (c) =>
    state.aliases.delete(c.req.param('aliasId')) ? c.json({}) : aliasNotFound(c),
  )

  return app
}
