/**
 * 購入リクエスト: the purchase suggestions patrons sent from the LIFF app after scanning a
 * book the library does not have (issue 19 item 6). Staff decide on them in the library's own
 * acquisitions process and mark here what came of each: 購入, 他館から借用 or 見送り. The
 * open ones come first, with the patron number to tell them by (a link to their record in
 * embedded mode; front mode has no patron page here, the library's system has it).
 *
 * A decision is what lets bunko forget who asked: readingRecordDays after it, the request
 * keeps the book and the decision only (db/retention.ts). Until then a decision made by
 * mistake can be undone (未処理に戻す); after, there is nobody left to tell.
 */
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  countPurchaseRequests,
  type DecideResult,
  decidePurchaseRequest,
  listPurchaseRequests,
  PURCHASE_DECISIONS,
  type PurchaseRequestRow,
} from '../../db/purchase-requests.ts'
import type { PurchaseDecision } from '../../db/schema.ts'
import { recordAudit } from './audit.ts'
import type { Counter, CounterEnv } from './context.ts'
import { redirectWith, takeFlash } from './flash.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { Message, PostButton, TableScroll } from './views/frame.tsx'
import { DECISION, instantJa } from './views/labels.ts'

/** The requests the page lists at most; the headings count them all. */
const SHOWN = 200

export function purchaseRequestRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  // A decision redirects here (flash.ts): a reload shows the list, never decides again.
  app.get('/requests', async (c) => {
    const flash = await takeFlash(c, k)
    if (flash?.kind !== 'decision') return showRequests(c, k)
    const said =
      flash.decision === null
        ? '未処理に戻しました。'
        : `「${DECISION[flash.decision]}」にしました。`
    return showRequests(c, k, <Message kind="ok">{said}</Message>)
  })

  app.post('/requests/:id{[0-9]+}', async (c) => {
    const body = await c.req.parseBody()
    const asked = typeof body.decision === 'string' ? body.decision : ''
    const decision = asked === 'open' ? null : PURCHASE_DECISIONS.find((d) => d === asked)
    if (decision === undefined)
      return showRequests(c, k, <Message kind="error">処理の結果を選んでください。</Message>, 422)
    const id = Number(c.req.param('id'))
    const was = PURCHASE_DECISIONS.find((d) => d === body.was)
    const result = await decidePurchaseRequest(k.db, id, decision, k.now(), was)
    if (!result.changed) {
      const [said, status] = unchanged(result)
      return showRequests(c, k, <Message kind="error">{said}</Message>, status)
    }
    await recordAudit(k.db, {
      staffId: c.get('session').staff.id,
      at: k.now(),
      action: 'purchase_request.decide',
      subject: `purchase_request:${id}`,
      after: { decision: decision ?? 'open' },
    })
    return redirectWith(c, k, `${COUNTER_PATH}/requests`, { kind: 'decision', decision })
  })
  return app
}

/** Why a decision changed nothing, for the staff member who pressed the button. */
function unchanged(r: Exclude<DecideResult, { changed: true }>): [string, ContentfulStatusCode] {
  if (r.why === 'missing') return ['このリクエストは見つかりません。', 404]
  if (r.why === 'forgotten')
    return ['このリクエストは変更できません。処理から日数が過ぎ、利用者の情報を消去済みです。', 422]
  const now =
    r.decision === null
      ? 'すでに未処理に戻っています'
      : `すでに「${DECISION[r.decision]}」になっています`
  return [`「${r.title}」のリクエストは、ほかの職員の操作で${now}。一覧でご確認ください。`, 409]
}

/** The list: open requests first (newest first), then decided ones; `result` above them. */
async function showRequests(
  c: Context<CounterEnv>,
  k: Counter,
  result?: Child,
  status?: ContentfulStatusCode,
) {
  const [rows, count] = await Promise.all([
    listPurchaseRequests(k.db, SHOWN),
    countPurchaseRequests(k.db),
  ])
  const open = rows.filter((r) => r.decision === null)
  const decided = rows.filter((r) => r.decision !== null)
  const csrf = c.get('session').csrf
  const linkPatrons = !k.front
  const days = k.policy.readingRecordDays
  return page(c, k, {
    title: '購入リクエスト',
    nav: 'requests',
    status,
    body: (
      <>
        {result}
        <h2 id="requests-h">
          未処理（{count.open}件・新しい順
          {open.length < count.open ? `、${open.length}件を表示` : ''}）
        </h2>
        {rows.length === 0 ? (
          <p class="empty">購入リクエストはまだありません。</p>
        ) : open.length === 0 && count.open === 0 ? (
          <p class="empty">未処理のリクエストはありません。</p>
        ) : (
          <RequestsTable rows={open} linkPatrons={linkPatrons} csrf={csrf} by="requests-h" />
        )}
        <h2 id="decided-h">
          処理済み（{count.decided}件・処理の新しい順
          {decided.length < count.decided ? `、${decided.length}件を表示` : ''}）
        </h2>
        <p>
          {days === 0 ? '処理した翌日' : `処理した日から${days}日を過ぎると`}
          、リクエストの利用者番号とひとことを消去し、本と処理の結果だけを残します（図書館の自由に関する宣言）。
        </p>
        {decided.length > 0 ? (
          <RequestsTable rows={decided} linkPatrons={linkPatrons} csrf={csrf} by="decided-h" />
        ) : null}
      </>
    ),
  })
}

const BUTTON: Record<PurchaseDecision, string> = {
  bought: '購入した',
  borrowed: '他館から借用した',
  declined: '見送る',
}

/**
 * Each decision looks different, and 見送る (the one a patron will be sorry to hear) stands
 * apart in the warning colour, so a hurried click does not land on the wrong one (a walk).
 */
const BUTTON_CLASS: Record<PurchaseDecision, string | undefined> = {
  bought: undefined,
  borrowed: 'secondary',
  declined: 'danger apart',
}

function RequestsTable(p: {
  rows: PurchaseRequestRow[]
  linkPatrons: boolean
  csrf: string
  by: string
}) {
  return (
    <TableScroll labelledBy={p.by}>
      <table aria-labelledby={p.by}>
        <thead>
          <tr>
            <th scope="col">受付日時</th>
            <th scope="col">ISBN</th>
            <th scope="col">書名</th>
            <th scope="col">著者</th>
            <th scope="col">ひとこと</th>
            <th scope="col">利用者番号</th>
            <th scope="col">処理</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{instantJa(r.createdAt)}</td>
              <td>{r.isbn}</td>
              <td>{r.title}</td>
              <td>{r.author || '—'}</td>
              <td>{r.note || '—'}</td>
              <td>
                <Patron row={r} link={p.linkPatrons} />
              </td>
              <td>
                <Decision row={r} csrf={p.csrf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function Patron(p: { row: PurchaseRequestRow; link: boolean }) {
  const { patronId, patronNumber } = p.row
  if (patronId === null) return <span class="hint">消去済み</span>
  if (!p.link) return <>{patronNumber}</>
  return <a href={`${COUNTER_PATH}/patrons/${patronId}`}>{patronNumber}</a>
}

/** An open request's three buttons; a decided one's result, and 未処理に戻す while it can. */
function Decision(p: { row: PurchaseRequestRow; csrf: string }) {
  const r = p.row
  const action = `${COUNTER_PATH}/requests/${r.id}`
  if (r.decision === null)
    return (
      <>
        {PURCHASE_DECISIONS.map((d) => (
          <PostButton
            action={action}
            csrf={p.csrf}
            fields={{ decision: d }}
            class={BUTTON_CLASS[d]}
            label={`${BUTTON[d]}：「${r.title}」`}
          >
            {BUTTON[d]}
          </PostButton>
        ))}
      </>
    )
  return (
    <>
      {DECISION[r.decision]}
      <span class="hint">{instantJa(r.decidedAt)}</span>
      {r.patronId === null ? null : (
        <PostButton
          action={action}
          csrf={p.csrf}
          fields={{ decision: 'open', was: r.decision }}
          class="secondary"
          label={`未処理に戻す：「${r.title}」`}
        >
          未処理に戻す
        </PostButton>
      )}
    </>
  )
}
