/**
 * 回送 (HOLD-TRANSIT) at the counter: the receive field and the three lists. A receipt
 * redirects back here, which shows its result once (flash.ts), the field focused again.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { jstDate, vanDay } from '../../core/index.ts'
import { incomingList, overdueTransits, transitList } from '../../db/transit.ts'
import { type Counter, type CounterEnv, deskPlace } from './context.ts'
import { redirectWith, takeFlash } from './flash.ts'
import { receiveShipment } from './receive.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { Message } from './views/frame.tsx'
import { ReturnResult } from './views/results.tsx'
import { TransitPage } from './views/transit-page.tsx'

export function transitRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  const show = async (c: Context<CounterEnv>, result?: Child, status: 200 | 422 = 200) => {
    const desk = await deskPlace(c, k)
    const now = k.now()
    const lists = {
      outgoing: desk ? await transitList(k.db, { fromPlaceId: desk.id }, now, k.policy) : [],
      today: jstDate(now),
      vanDayOf: (item: { since: number }) => vanDay(item.since, k.policy),
      vanLeavesAt: k.policy.transit.vanLeavesAt,
      incoming: desk ? await incomingList(k.db, { toPlaceId: desk.id }, now, k.policy) : [],
      overdue: await overdueTransits(k.db, now, k.policy),
      overdueDays: k.policy.transit.overdueDays,
    }
    return page(c, k, {
      title: `回送${desk ? `：${desk.name}` : ''}`,
      nav: 'transit',
      status,
      body: <TransitPage csrf={c.get('session').csrf} desk={desk} lists={lists} result={result} />,
    })
  }

  app.get('/transit', async (c) => {
    const flash = await takeFlash(c, k)
    const result =
      flash?.kind === 'return' ? (
        <ReturnResult outcome={flash.outcome} refused="受け入れできません" />
      ) : undefined
    return show(c, result)
  })

  app.post('/transit/receive', async (c) => {
    const body = await c.req.parseBody()
    const desk = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!desk || !barcode.trim())
      return show(c, <Message kind="error">バーコードを読み取ってください。</Message>, 422)
    const outcome = await receiveShipment(k, c.get('session').staff.id, {
      barcode,
      placeId: desk.id,
    })
    return redirectWith(c, k, `${COUNTER_PATH}/transit`, { kind: 'return', outcome })
  })

  return app
}
