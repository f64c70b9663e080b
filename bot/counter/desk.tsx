/**
 * The desk routes: call up a patron by card, lend to them, take items back, and choose the
 * desk's library. Each scan posts its own small form and the answer is the next screen with
 * the field focused again, so a keyboard-wedge scanner can go on scanning.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { parseScannedNumber } from '../../core/index.ts'
import { findPatronByNumber } from '../../db/patrons.ts'
import { recordAudit } from './audit.ts'
import { type Counter, type CounterEnv, deskPlace, deskPlaces, setDeskPlace } from './context.ts'
import { giveBack } from './give-back.ts'
import { lend } from './lend.ts'
import { patronSummary } from './patron-summary.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { DeskPage } from './views/desk-page.tsx'
import { Message } from './views/frame.tsx'
import { PatronPage } from './views/patron-page.tsx'
import { LendResult, ReturnResult } from './views/results.tsx'

export function deskRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  const desk = async (
    c: Context<CounterEnv>,
    focus: 'patron' | 'return',
    result?: Child,
    status: 200 | 400 | 404 | 422 = 200,
  ) => {
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
        />
      ),
    })
  }

  app.get('/', (c) => desk(c, 'patron'))

  app.post('/patron', async (c) => {
    const body = await c.req.parseBody()
    const scan = parseScannedNumber(typeof body.number === 'string' ? body.number : '')
    if (!scan.ok) return desk(c, 'patron', <Message kind="error">{scan.message.ja}</Message>, 400)
    const patron = await findPatronByNumber(k.db, scan.value)
    if (!patron)
      return desk(
        c,
        'patron',
        <Message kind="error">
          利用者番号 {scan.value} の利用者は登録されていません。番号をご確認ください。
        </Message>,
        404,
      )
    await recordAudit(k.db, {
      staffId: c.get('session').staff.id,
      at: k.now(),
      action: 'patron.lookup',
      subject: `patron:${patron.id}`,
      after: { patronId: patron.id },
    })
    return c.redirect(`${COUNTER_PATH}/patrons/${patron.id}`, 303)
  })

  const patronPage = async (
    c: Context<CounterEnv>,
    patronId: number,
    result?: Child,
    status: 200 | 422 = 200,
  ) => {
    const summary = await patronSummary(k.db, patronId, k.now(), k.policy)
    if (!summary)
      return page(c, k, {
        title: '利用者が見つかりません',
        nav: 'desk',
        status: 404,
        body: (
          <p>
            <a href={COUNTER_PATH}>貸出・返却の画面に戻る</a>
          </p>
        ),
      })
    return page(c, k, {
      title: `貸出：${summary.patron.name} さん`,
      nav: 'desk',
      status,
      body: <PatronPage summary={summary} csrf={c.get('session').csrf} result={result} />,
    })
  }

  app.get('/patrons/:id{[0-9]+}', (c) => patronPage(c, Number(c.req.param('id'))))

  app.post('/patrons/:id{[0-9]+}/lend', async (c) => {
    const patronId = Number(c.req.param('id'))
    const body = await c.req.parseBody()
    const place = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!place || !barcode.trim())
      return patronPage(
        c,
        patronId,
        <Message kind="error">バーコードを読み取ってください。</Message>,
        422,
      )
    const outcome = await lend(k, c.get('session').staff.id, {
      patronId,
      barcode,
      placeId: place.id,
    })
    return patronPage(c, patronId, <LendResult outcome={outcome} />, outcome.ok ? 200 : 422)
  })

  app.post('/return', async (c) => {
    const body = await c.req.parseBody()
    const place = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!place || !barcode.trim())
      return desk(
        c,
        'return',
        <Message kind="error">バーコードを読み取ってください。</Message>,
        422,
      )
    const outcome = await giveBack(k, c.get('session').staff.id, { barcode, placeId: place.id })
    return desk(c, 'return', <ReturnResult outcome={outcome} />, outcome.ok ? 200 : 422)
  })

  app.post('/place', async (c) => {
    const body = await c.req.parseBody()
    const chosen = (await deskPlaces(k)).find((p) => String(p.id) === body.place)
    if (!chosen)
      return desk(c, 'patron', <Message kind="error">窓口の図書館を選んでください。</Message>, 400)
    const before = await deskPlace(c, k)
    setDeskPlace(c, k, chosen.id)
    await recordAudit(k.db, {
      staffId: c.get('session').staff.id,
      at: k.now(),
      action: 'desk.place',
      subject: `staff:${c.get('session').staff.id}`,
      before: { placeId: before?.id ?? null },
      after: { placeId: chosen.id },
    })
    return c.redirect(COUNTER_PATH, 303)
  })

  return app
}
