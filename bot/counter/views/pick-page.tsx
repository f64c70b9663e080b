/**
 * 棚出しリスト: the shelf copies to fetch for waiting holds, in shelf order, and a scan field
 * that checks the fetched copy in (the same check-in as the return field), which sets it
 * aside for the hold; a copy on loan is refused there. No patron is named: fetching a book
 * needs none.
 */
import type { Child } from 'hono/jsx'
import type { PickItem } from '../../../db/pick-list.ts'
import type { PlaceRow } from '../context.ts'
import { COUNTER_PATH } from '../session.ts'
import { ScanForm, TableScroll } from './frame.tsx'
import { instantJa } from './labels.ts'

/** A long list is cut here; the rest shows once these are fetched. */
export const PICKS_SHOWN = 200

export function PickPage(p: {
  csrf: string
  places: PlaceRow[]
  place: PlaceRow | null
  /** The desk's own library: scanned copies are checked in there. */
  desk: PlaceRow | null
  items: PickItem[]
  result?: Child
}) {
  const shown = p.items.slice(0, PICKS_SHOWN)
  const here = p.place ? `?place=${p.place.id}` : ''
  return (
    <>
      {p.result}
      <form method="get" action={`${COUNTER_PATH}/picks`} class="filters">
        <label for="picks-place">
          図書館
          <select id="picks-place" name="place">
            {p.places.map((pl) => (
              <option value={String(pl.id)} selected={pl.id === p.place?.id}>
                {pl.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          表示
        </button>
      </form>
      <p>
        {p.place?.name ?? 'この図書館'}
        の書架にあり、予約待ちの予約に充てられる資料です（予約順。上・下巻などのセットは巻の順）。書架から取り出し、下の欄か「貸出・返却」の返却欄で読み取ると予約の確保に回り、予約者へのお知らせが送信予定に入ります。
      </p>
      {p.place && p.desk && p.place.id !== p.desk.id ? (
        <p class="msg hold">
          ここは{p.place.name}の棚出しリストです。読み取った資料は、この窓口（{p.desk.name}
          ）で処理されます。
        </p>
      ) : null}
      <section class="panel" aria-labelledby="pick-scan-h">
        <h2 id="pick-scan-h">取り出した資料を読み取る</h2>
        <ScanForm
          id="pick-barcode"
          action={`${COUNTER_PATH}/picks/return${here}`}
          name="barcode"
          label="資料のバーコード"
          hint="1冊ずつ読み取ってください。どの予約に充てたかを画面でお知らせします。"
          button="予約に充てる"
          csrf={p.csrf}
          autofocus
        />
      </section>
      <h2 id="picks">棚出しする資料（{p.items.length}点）</h2>
      {p.items.length > shown.length ? (
        <p class="msg hold">
          先頭の{shown.length}点を表示しています。取り出して読み取ると、残りが表示されます。
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p class="empty">書架から予約に充てる資料はありません。</p>
      ) : (
        <PickTable items={shown} />
      )}
    </>
  )
}

function PickTable(p: { items: PickItem[] }) {
  return (
    <TableScroll labelledBy="picks">
      <table aria-labelledby="picks">
        <thead>
          <tr>
            <th scope="col">請求記号</th>
            <th scope="col">資料</th>
            <th scope="col">バーコード</th>
            <th scope="col">受取場所</th>
            <th scope="col">予約日時</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((i) => (
            <tr>
              <td>{i.callNumber ?? '—'}</td>
              <td>
                {i.title}
                {i.volume !== null ? <span class="hint">第{i.volume}巻</span> : null}
              </td>
              <td>{i.barcode}</td>
              <td>
                {i.pickupPlaceName}
                {i.locker ? <span class="hint">ロッカー（読み取ると貸出になります）</span> : null}
              </td>
              <td>{instantJa(i.placedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
