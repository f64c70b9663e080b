/**
 * The desk: the two scan fields (patron card, returns) and the desk's library. Each scan posts
 * its own small form and is answered with a redirect (flash.ts) to the desk with the same
 * field focused again (`?scan=return` keeps the return field across a reload), so a
 * keyboard-wedge scanner can go on scanning.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { patronsByIds } from '../../db/patron-search.ts'
import { recordAudit } from './audit.ts'
import { type Counter, type CounterEnv, deskPlace, deskPlaces, setDeskPlace } from './context.ts'
import { type Flash, redirectWith, takeFlash } from './flash.ts'
import { giveBack } from './give-back.ts'
import { recentReturns } from './recent-returns.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { DeskPage } from './views/desk-page.tsx'
import { Message } from './views/frame.tsx'
import { PatronMatches } from './views/patron-matches.tsx'
import { ReturnResult } from './views/results.tsx'

/** Where a return scan goes back to: the desk, the return field focused. */
const DESK_RETURN = `${COUNTER_PATH}?scan=return`

/** The desk screen, with the result of the last scan above the fields and today's returns below. */
export async function renderDesk(
  c: Context<CounterEnv>,
  k: Counter,
  focus: 'patron' | 'return',
  result?: Child,
  status: 200 | 400 | 404 | 422 = 200,
) {
  const here = await deskPlace(c, k)
  return page(c, k, {
    title: '貸出・返却',
    nav: 'desk',
    status,
    body: (
      <DeskPage
        csrf={c.get('session').csrf}
        focus={focus}
        result={result}
        places={await deskPlaces(k)}
        placeId={here?.id ?? null}
        recent={await recentReturns(k, c.get('session').staff.id)}
      />
    ),
  })
}

export function deskRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  app.get('/', async (c) => {
    const focus = c.req.query('scan') === 'return' ? 'return' : 'patron'
    return renderDesk(c, k, focus, await deskResult(c, k, await takeFlash(c, k)))
  })

  app.post('/return', async (c) => {
    const body = await c.req.parseBody()
    const place = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!place || !barcode.trim())
      return renderDesk(
        c,
        k,
        'return',
        <Message kind="error">バーコードを読み取ってください。</Message>,
        422,
      )
    const outcome = await giveBack(k, c.get('session').staff.id, { barcode, placeId: place.id })
    return redirectWith(c, k, DESK_RETURN, { kind: 'return', outcome })
  })

  app.post('/place', async (c) => {
    const body = await c.req.parseBody()
    const chosen = (await deskPlaces(k)).find((p) => String(p.id) === body.place)
    if (!chosen)
      return renderDesk(
        c,
        k,
        'patron',
        <Message kind="error">窓口の図書館を選んでください。</Message>,
        400,
      )
    const before = await deskPlace(c, k)
    setDeskPlace(c, k, chosen.id)
    const staffId = c.get('session').staff.id
    await recordAudit(k.db, {
      staffId,
      at: k.now(),
      action: 'desk.place',
      subject: `staff:${staffId}`,
      before: { deskPlaceId: before?.id ?? null },
      after: { deskPlaceId: chosen.id },
    })
    return c.redirect(COUNTER_PATH, 303)
  })

  return app
}

/** What the desk shows from the last POST: a return's result, or the patrons a search found. */
async function deskResult(c: Context<CounterEnv>, k: Counter, flash: Flash | null) {
  if (flash?.kind === 'return') return <ReturnResult outcome={flash.outcome} />
  if (flash?.kind !== 'matches') return undefined
  const { more, by } = flash
  const matches = await patronsByIds(k.db, flash.patronIds)
  return <PatronMatches {...{ matches, more, by }} csrf={c.get('session').csrf} />
}
