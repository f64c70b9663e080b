/**
 * 回送 (HOLD-TRANSIT): receive what the van brought (scan each copy), what is expected here,
 * what leaves this library for where (one van box per destination, printable one box a
 * page), and the 回送 overdue list: copies sent and never received after the policy's days.
 *
 * The boxes hold only what today's van takes (core's vanDay: sent today before the van leaves,
 * or yesterday after it left); a copy sent after today's van waits for tomorrow's box, and one
 * for an earlier van has left already, so each is listed apart, below, and never printed with
 * today's boxes (one van a day, at the Policy's transit.vanLeavesAt).
 */
import type { Child } from 'hono/jsx'
import type { TransitItem } from '../../../db/transit.ts'
import type { PlaceRow } from '../context.ts'
import { COUNTER_PATH } from '../session.ts'
import { ScanForm } from './frame.tsx'
import { instantJa } from './labels.ts'

export interface TransitLists {
  outgoing: TransitItem[]
  /** Today in Japan (YYYY-MM-DD): what today's van takes goes in today's boxes. */
  today: string
  /** Each outgoing copy's van day (core's vanDay), by copy barcode. */
  vanDayOf: (item: TransitItem) => string
  /** When the day's van leaves (Policy), for the words. */
  vanLeavesAt: string
  incoming: TransitItem[]
  overdue: TransitItem[]
  overdueDays: number
}

export function TransitPage(p: {
  csrf: string
  desk: PlaceRow | null
  lists: TransitLists
  result?: Child
}) {
  const here = p.desk?.name ?? 'この図書館'
  const { vanDayOf, today: day } = p.lists
  const today = p.lists.outgoing.filter((i) => vanDayOf(i) === day)
  const next = p.lists.outgoing.filter((i) => vanDayOf(i) > day)
  const earlier = p.lists.outgoing.filter((i) => vanDayOf(i) < day)
  return (
    <>
      {p.result}
      <section class="panel noprint" aria-labelledby="receive-h">
        <h2 id="receive-h">回送で届いた資料を受け入れる（{here}）</h2>
        <ScanForm
          id="receive-barcode"
          action={`${COUNTER_PATH}/transit/receive`}
          name="barcode"
          label="資料のバーコード"
          hint="回送箱から1冊ずつ読み取ってください。予約棚へ置くか（予約者の番号）、棚へ戻すかを画面でお知らせします。予約の資料は、受け入れた時点で予約者へのお知らせが送信予定に入ります。"
          button="受け入れる"
          csrf={p.csrf}
          autofocus
        />
      </section>
      <h2 id="incoming-h" class="noprint">
        {here}に向けて回送中（{p.lists.incoming.length}点）
      </h2>
      <div class="noprint">
        {p.lists.incoming.length === 0 ? (
          <p class="empty">回送中の資料はありません。</p>
        ) : (
          <TransitTable items={p.lists.incoming} labelledBy="incoming-h" from />
        )}
      </div>
      <h2 id="outgoing-h">{here}から送る資料（回送リスト）</h2>
      <p class="noprint">
        行き先ごとに1つの回送箱に入れてください。ブラウザの印刷で、行き先ごとに1枚ずつ印刷できます。
      </p>
      {today.length === 0 ? (
        <p class="empty">送る資料はありません。</p>
      ) : (
        byDestination(today).map(([to, items], i) => (
          <section class="box" aria-labelledby={`box-${i}`}>
            <h3 id={`box-${i}`}>
              {to}行き（{items.length}点）
            </h3>
            <TransitTable items={items} labelledBy={`box-${i}`} />
          </section>
        ))
      )}
      {next.length > 0 ? (
        <div class="noprint">
          <h2 id="next-h">
            あすの便で送る資料（{next.length}点・きょうの便（{p.lists.vanLeavesAt}
            ）のあとに送ったもの）
          </h2>
          <TransitTable items={next} labelledBy="next-h" from />
        </div>
      ) : null}
      {earlier.length > 0 ? (
        <div class="noprint">
          <h2 id="earlier-h">
            {here}から前の便までに送った資料（{earlier.length}点・回送先でまだ受け入れていません）
          </h2>
          <TransitTable items={earlier} labelledBy="earlier-h" from />
        </div>
      ) : null}
      <h2 id="overdue-h" class="noprint">
        回送延滞（{p.lists.overdueDays}日以上届いていない資料：{p.lists.overdue.length}点）
      </h2>
      <div class="noprint">
        {p.lists.overdue.length === 0 ? (
          <p class="empty">回送延滞の資料はありません。</p>
        ) : (
          <TransitTable items={p.lists.overdue} labelledBy="overdue-h" from />
        )}
      </div>
    </>
  )
}

function byDestination(items: TransitItem[]): [string, TransitItem[]][] {
  const out = new Map<string, TransitItem[]>()
  for (const i of items) out.set(i.toName, [...(out.get(i.toName) ?? []), i])
  return [...out]
}

/** A list of copies; `from` adds where each comes from and goes (a van box's heading says). */
function TransitTable(p: { items: TransitItem[]; labelledBy: string; from?: boolean }) {
  return (
    <table aria-labelledby={p.labelledBy}>
      <thead>
        <tr>
          <th scope="col">請求記号</th>
          <th scope="col">資料</th>
          <th scope="col">バーコード</th>
          {p.from ? <th scope="col">送り元 → 回送先</th> : null}
          <th scope="col">用途</th>
          <th scope="col">送った日時</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((i) => (
          <tr>
            <td>{i.callNumber || '—'}</td>
            <td>{i.title}</td>
            <td>{i.barcode}</td>
            {p.from ? <td>{`${i.fromName || '—'} → ${i.toName}`}</td> : null}
            <td>
              {i.holdId
                ? `予約（利用者番号 ${i.patronNumber ?? '—'}${i.pickupName ? `・${i.pickupName}で受取` : ''}）`
                : '所蔵館へ返送'}
            </td>
            <td class={i.overdue ? 'late' : undefined}>
              {instantJa(i.since)}
              {i.overdue ? '（延滞）' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
