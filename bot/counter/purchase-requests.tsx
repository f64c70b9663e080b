/**
 * 購入リクエスト: the purchase suggestions patrons sent from the LIFF app after scanning a
 * book the library does not have (issue 19 item 6), newest first. Read-only: staff decide on
 * them in the library's own acquisitions process; the patron number links to their record.
 */
import { Hono } from 'hono'
import { listPurchaseRequests, type PurchaseRequestRow } from '../../db/purchase-requests.ts'
import type { Counter, CounterEnv } from './context.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { TableScroll } from './views/frame.tsx'
import { instantJa } from './views/labels.ts'

export function purchaseRequestRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  app.get('/requests', async (c) => {
    const rows = await listPurchaseRequests(k.db, 200)
    return page(c, k, {
      title: '購入リクエスト',
      nav: 'requests',
      body: (
        <>
          <h2 id="requests-h">新しい順（{rows.length}件）</h2>
          {rows.length === 0 ? (
            <p class="empty">購入リクエストはまだありません。</p>
          ) : (
            <RequestsTable rows={rows} linkPatrons={!k.front} />
          )}
        </>
      ),
    })
  })
  return app
}

/** Front mode has no patron page here (the library's system has it): the number only. */
function RequestsTable(p: { rows: PurchaseRequestRow[]; linkPatrons: boolean }) {
  return (
    <TableScroll labelledBy="requests-h">
      <table aria-labelledby="requests-h">
        <thead>
          <tr>
            <th scope="col">受付日時</th>
            <th scope="col">ISBN</th>
            <th scope="col">書名</th>
            <th scope="col">著者</th>
            <th scope="col">ひとこと</th>
            <th scope="col">利用者番号</th>
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
                {p.linkPatrons ? (
                  <a href={`${COUNTER_PATH}/patrons/${r.patronId}`}>{r.patronNumber}</a>
                ) : (
                  r.patronNumber
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
