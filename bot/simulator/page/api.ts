/**
 * JSON endpoints under `/simulator/api` for the try-it page and for tests: the demo users and
 * their chats, acting as a user, ID tokens, rich menu images, the record and fault injection.
 * These are the simulator's own, not LINE's, so they need no channel token.
 */
import { type Context, Hono } from 'hono'
import { publicMenu } from '../api/richmenu.ts'
import type { IdTokenIssuer } from '../login/id-token.ts'
import { settleRichMenuBatches } from '../richmenu-batch.ts'
import type { SimulatorState } from '../state.ts'
import type { FaultRule } from '../types.ts'
import { type ActionResult, UserActionError, type UserActions } from '../users.ts'
import { type Deliver, redeliverFailed } from '../webhook/deliver.ts'

/** The menu a user sees: the one linked to them, else the default. */
export function shownRichMenuId(state: SimulatorState, userId: string): string | null {
  settleRichMenuBatches(state)
  return state.userRichMenus.get(userId) ?? state.defaultRichMenuId
}

function menuView(state: SimulatorState, id: string | null) {
  const menu = id ? state.richMenus.get(id) : undefined
  if (!menu?.image) return null
  return { ...publicMenu(menu), imageUrl: `/simulator/api/richmenus/${menu.richMenuId}/image` }
}

export function simulatorApiRoutes(
  state: SimulatorState,
  users: UserActions,
  issuer: IdTokenIssuer,
  deliver: Deliver | undefined,
): Hono {
  const app = new Hono()
  const act = async (c: Context, run: () => Promise<ActionResult>) => {
    try {
      const { event, delivery } = await run()
      return c.json({ event, delivery: { status: delivery.status, error: delivery.error ?? null } })
    } catch (e) {
      if (e instanceof UserActionError) return c.json({ error: e.message }, 400)
      throw e
    }
  }
  const body = async (c: Context): Promise<Record<string, unknown>> => {
    try {
      const v: unknown = await c.req.json()
      return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}
    } catch {
      return {}
    }
  }

  app.get('/users', (c) =>
    c.json(users.list().map((u) => ({ ...u, richMenuId: shownRichMenuId(state, u.userId) }))),
  )

  app.get('/users/:id/chat', (c) => {
    const id = c.req.param('id')
    const user = users.get(id)
    if (!user) return c.json({ error: 'No such user' }, 404)
    const after = Number(c.req.query('after') ?? 0)
    const entries = (state.chats.get(id) ?? []).filter((e) => e.seq > after)
    return c.json({ user, entries, richMenu: menuView(state, shownRichMenuId(state, id)) })
  })

  app.post('/users/:id/messages', async (c) => {
    const { text } = await body(c)
    return act(c, () => users.sendText(c.req.param('id'), String(text ?? '')))
  })

  app.post('/users/:id/postback', async (c) => {
    const b = await body(c)
    const params =
      b.params && typeof b.params === 'object' ? (b.params as Record<string, string>) : undefined
    const displayText = typeof b.displayText === 'string' ? b.displayText : undefined
    return act(c, () =>
      users.postback(c.req.param('id'), String(b.data ?? ''), {
        ...(displayText ? { displayText } : {}),
        ...(params ? { params } : {}),
      }),
    )
  })

  app.post('/users/:id/follow', (c) => act(c, () => users.follow(c.req.param('id'))))
  app.post('/users/:id/unfollow', (c) => act(c, () => users.unfollow(c.req.param('id'))))

  app.get('/users/:id/id-token', async (c) => {
    const id = c.req.param('id')
    if (!users.get(id)) return c.json({ error: 'No such user' }, 404)
    const nonce = c.req.query('nonce')
    return c.json({ idToken: await issuer.issue(id, nonce ? { nonce } : {}) })
  })

  app.get('/richmenus/:id/image', (c) => {
    const image = state.richMenus.get(c.req.param('id'))?.image
    if (!image) return c.json({ error: 'No image' }, 404)
    return c.body(image.bytes.slice().buffer, 200, {
      'content-type': image.contentType,
      'cache-control': 'no-cache',
    })
  })

  app.get('/richmenu-aliases/:alias', (c) => {
    const view = menuView(state, state.aliases.get(c.req.param('alias')) ?? null)
    return view ? c.json(view) : c.json({ error: 'No such alias' }, 404)
  })

  app.get('/record', (c) => c.json({ calls: state.calls, deliveries: state.deliveries }))

  app.get('/faults', (c) => c.json(state.faults.map((f) => ({ ...f, match: String(f.match) }))))
  app.post('/faults', async (c) => {
    const b = await body(c)
    if (typeof b.match !== 'string') return c.json({ error: 'match must be a string' }, 400)
    state.faults.push(b as unknown as FaultRule)
    return c.json({ faults: state.faults.length })
  })
  app.delete('/faults', (c) => {
    state.faults.length = 0
    return c.json({ faults: 0 })
  })

  app.post('/webhook/redeliver', async (c) => {
    const deliveries = await redeliverFailed(state, deliver)
    return c.json({
      redelivered: deliveries.map((d) => ({ status: d.status, error: d.error ?? null })),
    })
  })

  return app
}
