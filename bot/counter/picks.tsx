/**
 * 棚出しリスト (HOLD-SCOPE, HOLD-SET): the shelf copies a library should fetch for waiting
 * holds. A fetched copy is scanned and checked in exactly as at the return field (giveBack,
 * audited as a check-in), which sets it aside for the hold and queues the pickup notice; a
 * copy on loan is refused there (pickUp).
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { pickList } from '../../db/pick-list.ts'
import { type Counter, type CounterEnv, deskPlace, deskPlaces } from './context.ts'
import { pickUp } from './pick-scan.ts'
import { page } from './render.tsx'
import { Message } from './views/frame.tsx'
import { PickPage } from './views/pick-page.tsx'
import { ReturnResult } from './views/results.tsx'

export function pickRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  const show = async (c: Context<CounterEnv>, result?: Child, status: 200 | 422 = 200) => {
    const all = await deskPlaces(k)
    const desk = await deskPlace(c, k)
    const place = all.find((p) => String(p.id) === c.req.query('place')) ?? desk
    const list = place ? await pickList(k.db, { placeId: place.id }, k.now(), k.policy) : null
    return page(c, k, {
      title: `棚出しリスト${place ? `：${place.name}` : ''}`,
      nav: 'picks',
      status,
      body: (
        <PickPage
          csrf={c.get('session').csrf}
          places={all}
          place={place}
          desk={desk}
          items={list?.ok ? list.value : []}
          result={result}
        />
      ),
    })
  }

  app.get('/picks', (c) => show(c))

  app.post('/picks/return', async (c) => {
    const body = await c.req.parseBody()
    const desk = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!desk || !barcode.trim())
      return show(c, <Message kind="error">バーコードを読み取ってください。</Message>, 422)
    const outcome = await pickUp(k, c.get('session').staff.id, { barcode, placeId: desk.id })
    return show(
      c,
      <ReturnResult outcome={outcome} refused="予約に充てられません" picked />,
      outcome.ok ? 200 : 422,
    )
  })

  return app
}
