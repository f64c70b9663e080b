/**
 * Calling a patron up by their card (NW-7 with or without start/stop characters, or typed),
 * or finding them by name or phone when they have no card with them; their screen, and
 * lending to them. The lookup is audited: patron data is seen by staff only,
 * and who looked at whom is on record.
 *
 * A POST that acted (a lend or renewal, refused or not, or a search on record) redirects to
 * the page that shows its outcome once (flash.ts); one that was refused before anything was
 * done or recorded (nothing scanned, an unknown card, too little typed, a loan already gone)
 * answers its page directly with a 4xx, as sending it again changes nothing either.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { parseScannedNumber } from '../../core/index.ts'
import { findPatrons, patronQuery } from '../../db/patron-search.ts'
import { findPatronByNumber } from '../../db/patrons.ts'
import { listPlaces } from '../../db/places.ts'
import { isId } from '../../db/refusals.ts'
import { recordAudit } from './audit.ts'
import { type Counter, type CounterEnv, deskPlace } from './context.ts'
import { renderDesk } from './desk.tsx'
import { type Flash, redirectWith, takeFlash } from './flash.ts'
import { lend } from './lend.ts'
import { patronSummary } from './patron-summary.ts'
import { placeHoldAtDesk, titleToHold } from './place-hold.ts'
import { page } from './render.tsx'
import { renewAtDesk } from './renew.ts'
import { COUNTER_PATH } from './session.ts'
import { Message } from './views/frame.tsx'
import { type HoldFormState, HoldRefused, HoldResult } from './views/hold-form.tsx'
import { HoldMatches } from './views/hold-matches.tsx'
import { PatronPage } from './views/patron-page.tsx'
import { LendResult, RenewResult } from './views/results.tsx'

/** A redirect's outcome: a lend's or renewal's at the top, a counter hold's at its form. */
function patronResult(flash: Flash | null): Shown {
  if (flash?.kind === 'lend') return { result: <LendResult outcome={flash.outcome} blocksShown /> }
  if (flash?.kind === 'renew') return { result: <RenewResult outcome={flash.outcome} /> }
  // A hold placed: said at the top, by 貸出, where the cursor goes back (hold-form.tsx); a
  // refusal: at the form, to correct and send again.
  if (flash?.kind === 'hold') {
    const o = flash.outcome
    const result = <HoldResult outcome={o} />
    return o.ok ? { result } : { hold: { ...o, result } }
  }
  return {}
}

/** What the patron screen shows of the last action: at the top, or at the hold form. */
interface Shown {
  result?: Child
  hold?: HoldFormState
}

async function renderPatron(
  c: Context<CounterEnv>,
  k: Counter,
  patronId: number,
  shown: Shown = {},
  status: 200 | 422 = 200,
) {
  const [summary, pickup, desk] = await Promise.all([
    patronSummary(k.db, patronId, k.now(), k.policy),
    listPlaces(k.db),
    deskPlace(c, k),
  ])
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
    body: (
      <PatronPage
        summary={summary}
        csrf={c.get('session').csrf}
        result={shown.result}
        hold={{
          places: pickup,
          deskPlaceId: desk?.id ?? null,
          ...(shown.hold ? { state: shown.hold } : {}),
        }}
      />
    ),
  })
}

/** How many patrons a search shows at most. */
const MATCHES = 20
const TOO_SHORT =
  '氏名・よみがなは2文字以上、電話番号は4桁以上を入力してください（下4桁でも探せます）。'

export function patronRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  app.post('/patron', async (c) => {
    const body = await c.req.parseBody()
    const scan = parseScannedNumber(typeof body.number === 'string' ? body.number : '', k.policy)
    if (!scan.ok)
      return renderDesk(c, k, 'patron', <Message kind="error">{scan.message.ja}</Message>, 400)
    const patron = await findPatronByNumber(k.db, scan.value)
    if (!patron)
      return renderDesk(
        c,
        k,
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

  // Without the card: by name or phone. Staff see names and phones here, so the search is on
  // record (who searched, which patrons it showed), not what was typed.
  app.post('/patrons/find', async (c) => {
    const body = await c.req.parseBody()
    const query = patronQuery(typeof body.q === 'string' ? body.q : '')
    if (!query) return renderDesk(c, k, 'patron', <Message kind="error">{TOO_SHORT}</Message>, 422)
    const found = await findPatrons(k.db, query, MATCHES + 1)
    const matches = found.slice(0, MATCHES)
    const staffId = c.get('session').staff.id
    await recordAudit(k.db, {
      staffId,
      at: k.now(),
      action: 'patron.search',
      subject: `staff:${staffId}`,
      after: { by: query.kind, patronIds: matches.map((m) => m.id) },
    })
    return redirectWith(c, k, COUNTER_PATH, {
      kind: 'matches',
      patronIds: matches.map((m) => m.id),
      more: found.length > MATCHES,
      by: query.kind,
    })
  })

  app.get('/patrons/:id{[0-9]+}', async (c) =>
    renderPatron(c, k, Number(c.req.param('id')), patronResult(await takeFlash(c, k))),
  )

  app.post('/patrons/:id{[0-9]+}/loans/:loan{[0-9]+}/renew', async (c) => {
    const patronId = Number(c.req.param('id'))
    const summary = await patronSummary(k.db, patronId, k.now(), k.policy)
    const loan = summary?.loans.find((l) => l.loanId === Number(c.req.param('loan')))
    if (!loan) {
      const gone = 'この貸出は見つかりません（返却済みかもしれません）。一覧をご確認ください。'
      return renderPatron(c, k, patronId, { result: <Message kind="error">{gone}</Message> }, 422)
    }
    const outcome = await renewAtDesk(k, c.get('session').staff.id, { patronId, loan })
    return redirectWith(c, k, `${COUNTER_PATH}/patrons/${patronId}`, { kind: 'renew', outcome })
  })

  app.post('/patrons/:id{[0-9]+}/lend', async (c) => {
    const patronId = Number(c.req.param('id'))
    const body = await c.req.parseBody()
    const place = await deskPlace(c, k)
    const barcode = typeof body.barcode === 'string' ? body.barcode : ''
    if (!place || !barcode.trim())
      return renderPatron(
        c,
        k,
        patronId,
        { result: <Message kind="error">バーコードを読み取ってください。</Message> },
        422,
      )
    const outcome = await lend(k, c.get('session').staff.id, {
      patronId,
      barcode,
      placeId: place.id,
    })
    return redirectWith(c, k, `${COUNTER_PATH}/patrons/${patronId}`, { kind: 'lend', outcome })
  })

  // 窓口予約 (place-hold.ts): a book nobody can name is refused before anything is done.
  app.post('/patrons/:id{[0-9]+}/holds', async (c) => {
    const patronId = Number(c.req.param('id'))
    const body = await c.req.parseBody()
    const item = typeof body.item === 'string' ? body.item.slice(0, 64) : ''
    const pickupPlaceId = Number(body.pickup)
    const wholeSet = body.set === '1'
    // A title chosen from the matches of typed words comes by its id.
    const chosen = Number(body.title)
    const titleId = !isId(pickupPlaceId)
      ? '受取場所を選んでください。'
      : isId(chosen)
        ? chosen
        : await titleToHold(k, item)
    const pickup = isId(pickupPlaceId) ? { pickupPlaceId } : {}
    if (typeof titleId === 'string') {
      const result = <HoldRefused why={titleId} />
      return renderPatron(c, k, patronId, { hold: { result, item, wholeSet, ...pickup } }, 422)
    }
    if (Array.isArray(titleId)) {
      const choice = { patronId, pickupPlaceId, wholeSet, item, csrf: c.get('session').csrf }
      const result = <HoldMatches matches={titleId} {...choice} />
      return renderPatron(c, k, patronId, { hold: { result, item, wholeSet, ...pickup } })
    }
    const outcome = await placeHoldAtDesk(k, c.get('session').staff.id, {
      patronId,
      titleId,
      pickupPlaceId,
      item,
      wholeSet,
    })
    // A refusal to the form, where it is shown and the cursor waits (views/hold-form.tsx).
    const at = outcome.ok ? '' : '#hold-new'
    return redirectWith(c, k, `${COUNTER_PATH}/patrons/${patronId}${at}`, {
      kind: 'hold',
      outcome,
    })
  })

  return app
}
