/**
 * Rich menus: create, validate, list, get, delete, image upload and download (LINE serves
 * images from api-data.line.me; the simulator answers both hosts on one origin), the default
 * menu and per-user links.
 */
import { type Context, Hono } from 'hono'
import { MESSAGES } from '../errors.ts'
import { richMenuId, USER_ID_RE } from '../ids.ts'
import type { SimulatorState, StoredRichMenu } from '../state.ts'
import { imageSize, validateRichMenu } from '../validate/richmenu.ts'
import { badRequest, readJsonObject } from './json.ts'
import type { SimEnv } from './middleware.ts'

const MAX_RICH_MENUS = 1000

/** A menu as the API shows it: everything but the image. */
export function publicMenu({ image: _image, ...menu }: StoredRichMenu) {
  return menu
}

export function richMenuRoutes(state: SimulatorState): Hono<SimEnv> {
  const app = new Hono<SimEnv>()
  const notFound = (c: Context<SimEnv>) => c.json({ message: MESSAGES.richMenuNotFound }, 404)
  /** The menu to link, or LINE's refusal: unknown menu 404, no image yet 400. */
  const linkable = (c: Context<SimEnv>, id: string): Response | null => {
    const menu = state.richMenus.get(id)
    if (!menu) return notFound(c)
    if (!menu.image) return c.json({ message: MESSAGES.imageNotUploaded }, 400)
    return null
  }

  app.post('/v2/bot/richmenu/validate', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const details = validateRichMenu(body)
    return details.length > 0 ? badRequest(c, details) : c.json({})
  })

  app.post('/v2/bot/richmenu', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const details = validateRichMenu(body)
    if (details.length > 0) return badRequest(c, details)
    if (state.richMenus.size >= MAX_RICH_MENUS)
      return c.json({ message: 'The maximum number of rich menus has been reached' }, 400)
    const id = richMenuId()
    const menu = structuredClone(body) as unknown as Omit<StoredRichMenu, 'richMenuId'>
    state.richMenus.set(id, {
      richMenuId: id,
      size: menu.size,
      selected: menu.selected,
      name: menu.name,
      chatBarText: menu.chatBarText,
      areas: menu.areas,
    })
    return c.json({ richMenuId: id })
  })

  app.get('/v2/bot/richmenu/list', (c) =>
    c.json({ richmenus: [...state.richMenus.values()].map(publicMenu) }),
  )

  app.get('/v2/bot/richmenu/:richMenuId', (c) => {
    const menu = state.richMenus.get(c.req.param('richMenuId'))
    return menu ? c.json(publicMenu(menu)) : notFound(c)
  })

  app.delete('/v2/bot/richmenu/:richMenuId', (c) => {
    const id = c.req.param('richMenuId')
    if (!state.richMenus.delete(id)) return notFound(c)
    if (state.defaultRichMenuId === id) state.defaultRichMenuId = null
    for (const [user, menu] of state.userRichMenus)
      if (menu === id) state.userRichMenus.delete(user)
    for (const [alias, menu] of state.aliases) if (menu === id) state.aliases.delete(alias)
    return c.json({})
  })

  app.post('/v2/bot/richmenu/:richMenuId/content', async (c) => {
    const menu = state.richMenus.get(c.req.param('richMenuId'))
    if (!menu) return notFound(c)
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'image/png' && type !== 'image/jpeg')
      return c.json({ message: `The content type, '${type}', is not supported` }, 415)
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length > state.limits.richMenuImageMaxBytes)
      return c.json({ message: 'The image must be 1 MB or smaller' }, 400)
    const size = imageSize(bytes)
    if (!size || size.type !== type)
      return c.json(
        { message: `The image is not a valid ${type === 'image/png' ? 'PNG' : 'JPEG'} image` },
        400,
      )
    if (size.width !== menu.size.width || size.height !== menu.size.height)
      return c.json(
        {
          message: `The image size (${size.width}x${size.height}) must match the rich menu size (${menu.size.width}x${menu.size.height})`,
        },
        400,
      )
    if (menu.image) return c.json({ message: MESSAGES.imageAlreadyUploaded }, 400)
    menu.image = { bytes, contentType: type }
    return c.json({})
  })

  app.get('/v2/bot/richmenu/:richMenuId/content', (c) => {
    const image = state.richMenus.get(c.req.param('richMenuId'))?.image
    if (!image) return c.json({ message: MESSAGES.notFound }, 404)
    return c.body(image.bytes.slice().buffer, 200, { 'content-type': image.contentType })
  })

  app.post('/v2/bot/user/all/richmenu/:richMenuId', (c) => {
    const id = c.req.param('richMenuId')
    const refused = linkable(c, id)
    if (refused) return refused
    state.defaultRichMenuId = id
    return c.json({})
  })

  app.get('/v2/bot/user/all/richmenu', (c) =>
    state.defaultRichMenuId
      ? c.json({ richMenuId: state.defaultRichMenuId })
      : c.json({ message: MESSAGES.noDefaultRichMenu }, 404),
  )

  app.delete('/v2/bot/user/all/richmenu', (c) => {
    state.defaultRichMenuId = null
    return c.json({})
  })

  app.post('/v2/bot/richmenu/bulk/:op{link|unlink}', async (c) => {
    const body = await readJsonObject(c)
    if (body instanceof Response) return body
    const ids = body.userIds
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 500)
      return badRequest(c, [{ message: 'Size must be between 1 and 500', property: 'userIds' }])
    if (ids.some((id) => typeof id !== 'string' || !USER_ID_RE.test(id)))
      return badRequest(c, [{ message: 'Must be valid user IDs', property: 'userIds' }])
    if (c.req.param('op') === 'unlink') {
      for (const id of ids) state.userRichMenus.delete(id)
      return c.json({}, 202)
    }
    const menuId = String(body.richMenuId)
    const refused = linkable(c, menuId)
    if (refused) return refused
    for (const id of ids) state.userRichMenus.set(id, menuId)
    return c.json({}, 202)
  })

  app.post('/v2/bot/user/:userId/richmenu/:richMenuId', (c) => {
    const userId = c.req.param('userId')
    if (!USER_ID_RE.test(userId))
      return c.json({ message: "The value for the 'userId' path parameter is invalid" }, 400)
    const id = c.req.param('richMenuId')
    const refused = linkable(c, id)
    if (refused) return refused
    state.userRichMenus.set(userId, id)
    return c.json({})
  })

  app.get('/v2/bot/user/:userId/richmenu', (c) => {
    const id = state.userRichMenus.get(c.req.param('userId'))
    return id ? c.json({ richMenuId: id }) : c.json({ message: MESSAGES.userHasNoRichMenu }, 404)
  })

  app.delete('/v2/bot/user/:userId/richmenu', (c) => {
    state.userRichMenus.delete(c.req.param('userId'))
    return c.json({})
  })

  return app
}
