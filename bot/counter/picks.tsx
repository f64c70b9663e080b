/**
 * 棚出しリスト (HOLD-SCOPE, HOLD-SET): the shelf copies a library should fetch for waiting
 * holds. A fetched copy is scanned and checked in exactly as at the return field (giveBack,
 * audited as a check-in), which sets it aside for the hold and queues the pickup notice; a
 * copy on loan is refused there (pickUp). A scan redirects back to the list, which shows
 * its result once (flash.ts) with the scan field focused for the next copy.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { pickList } from '../../db/pick-list.ts'
import { type Counter, type CounterEnv, deskPlace, deskPlaces } from './context.ts'
import { redirectWith, takeFlash } from './flash.ts'
import { pickUp } from './pick-scan.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
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

  app.get('/picks', async (c) => {
    const flash = await takeFlash(c, k)
    const result =
      flash?.kind === 'return' ? (
        <ReturnResult outcome={flash.outcome} refused="予約に充てられません" picked />
      ) : undefined
    return show(c, result)
  })

  app.post('/picks/return', async (c) => {
    const body = await c.req.parseBody()
    const desk = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!desk || !barcode.trim())
      return show(c, <Message kind="error">バーコードを読み取ってください。</Message>, 422)
    const outcome = await pickUp(k, c.get('session').staff.id, { barcode, placeId: desk.id })
    const place = Number(c.req.query('place'))
    const here = Number.isSafeInteger(place) && place > 0 ? `?place=${place}` : ''
    return redirectWith(c, k, `${COUNTER_PATH}/picks${here}`, { kind: 'return', outcome })
  })

  return app
}
