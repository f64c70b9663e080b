/** The hold shelf view: choose the place, see what waits, hand over, expire one or all late. */

import type { Child } from 'hono/jsx'
import type { ExpiredToday } from '../../../db/hold-shelf-expired.ts'
import type { PlaceRow } from '../context.ts'
import { COUNTER_PATH } from '../session.ts'
import { PostButton, TableScroll } from './frame.tsx'
import { dateJa, instantJa, NOTICE_STATE } from './labels.ts'

export interface ShelfRow {
  holdId: number
  patronId: number
  patronNumber: string
  patronName: string
  title: string
  barcode: string
  readyAt: number | null
  pickupBy: string | null
  noticeState: string | null
  /**
   * Why the notice was undeliverable (`not_linked`, `unfollowed`…), or will be: one still
   * waiting for its slot to a patron LINE cannot reach now.
   */
  noticeWhy: string | null
  patronPhone: string
}

export function ShelfPage(p: {
  csrf: string
  places: PlaceRow[]
  placeId: number | null
  /** The desk's own library: a hand-over is a loan there. */
  desk: PlaceRow | null
  rows: ShelfRow[]
  today: string
  expired: ExpiredToday[]
  result?: Child
}) {
  const shelf = p.places.find((pl) => pl.id === p.placeId)
  const late = p.rows.filter((r) => r.pickupBy !== null && r.pickupBy < p.today).length
  return (
    <>
      {p.result}
      <form method="get" action={`${COUNTER_PATH}/holds`} class="filters">
        <label for="shelf-place">
          受取場所
          <select id="shelf-place" name="place">
            {p.places.map((pl) => (
              <option value={String(pl.id)} selected={pl.id === p.placeId}>
                {pl.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          表示
        </button>
      </form>
      <h2 id="shelf">確保中の予約（{p.rows.length}件）</h2>
      {shelf && p.desk && shelf.id !== p.desk.id && p.rows.length > 0 ? (
        <p class="msg hold">
          ここは{shelf.name}の予約棚です。手渡しは、この窓口（{p.desk.name}
          ）での貸出として記録されます。
        </p>
      ) : null}
      {p.rows.length === 0 ? (
        <p class="empty">この受取場所に確保中の予約はありません。</p>
      ) : (
        <ShelfTable {...p} />
      )}
      <ExpiredTodayList rows={p.expired} locker={shelf?.kind === 'locker'} />
      <h2>取置期限切れの処理</h2>
      <p>
        取置期限を過ぎた予約を終了し、資料を次の予約者に回します（次の予約がなければ棚に戻します）。1件ずつなら一覧の「期限切れにする」を、全館の期限切れ予約をまとめてなら下のボタンを押してください。
        {late > 0 ? `この受取場所では${late}件が期限切れです。` : ''}
      </p>
      <PostButton
        action={`${COUNTER_PATH}/holds/expire`}
        csrf={p.csrf}
        fields={{ place: String(p.placeId ?? '') }}
        class="danger"
      >
        期限切れの予約を処理する
      </PostButton>
    </>
  )
}

function ShelfTable(p: { csrf: string; placeId: number | null; rows: ShelfRow[]; today: string }) {
  // The shelf shown, so the answer to a button comes back to it.
  const place = { place: String(p.placeId ?? '') }
  return (
    <TableScroll labelledBy="shelf">
      <table aria-labelledby="shelf">
        <thead>
          <tr>
            <th scope="col">取置期限</th>
            <th scope="col">予約者</th>
            <th scope="col">資料</th>
            <th scope="col">確保日時・お知らせ</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const past = r.pickupBy !== null && r.pickupBy < p.today
            return (
              <tr>
                <td class={past ? 'late' : undefined}>
                  {dateJa(r.pickupBy)}
                  {past ? <span class="tag late">期限切れ</span> : null}
                </td>
                <td>
                  {r.patronName}
                  <span class="hint">{r.patronNumber}</span>
                </td>
                <td>
                  {r.title}
                  <span class="hint">{r.barcode}</span>
                </td>
                <td>
                  {instantJa(r.readyAt)}
                  <NoticeHint row={r} />
                </td>
                <td>
                  <PostButton
                    action={`${COUNTER_PATH}/holds/${r.holdId}/collect`}
                    csrf={p.csrf}
                    fields={place}
                    label={`手渡し（貸出）：${r.patronName}さん「${r.title}」`}
                  >
                    手渡し（貸出）
                  </PostButton>
                  {past ? (
                    <PostButton
                      action={`${COUNTER_PATH}/holds/${r.holdId}/expire`}
                      csrf={p.csrf}
                      fields={place}
                      class="danger"
                      label={`期限切れにする：${r.patronName}さん「${r.title}」`}
                    >
                      期限切れにする
                    </PostButton>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** Why LINE could not tell the patron, for the cases staff must phone about. */
const UNREACHED: Record<string, string> = {
  not_linked: 'LINE未連携',
  unfollowed: 'LINEでブロックされています',
  opted_out: 'LINEのお知らせをオフにしています',
}

/**
 * The notice's state; a patron LINE cannot reach (no link, or the account blocked) hears
 * nothing, so staff are asked to phone and given the number, as the return screen does.
 */
function NoticeHint(p: { row: ShelfRow }) {
  const r = p.row
  const why = r.noticeWhy ? UNREACHED[r.noticeWhy] : undefined
  if (why)
    return (
      <span class="hint">
        お知らせ：{why}（電話でご連絡ください）
        <br />
        {r.patronPhone ? `電話 ${r.patronPhone}` : '電話番号の登録がありません'}
      </span>
    )
  return (
    <span class="hint">
      お知らせ：{r.noticeState ? (NOTICE_STATE[r.noticeState] ?? r.noticeState) : '—'}
    </span>
  )
}

/** What is left to do with a copy whose hold expired today (db/hold-shelf-expired.ts). */
function nextStep(r: ExpiredToday, locker: boolean): string {
  const take = locker ? 'ロッカーから取り出して' : '棚から下ろして'
  if (r.lent) return '対応済み（貸出中）'
  if (r.nextHereNumber)
    return `予約票を差し替えて予約棚へ（次の予約者 利用者番号 ${r.nextHereNumber}）`
  if (r.transitName) return `${take}回送箱へ（${r.transitName}行き）`
  return `${take}書架へ戻す`
}

/** Today's expired holds here: each copy is still on the shelf under the old slip until moved. */
function ExpiredTodayList(p: { rows: ExpiredToday[]; locker: boolean }) {
  if (p.rows.length === 0) return null
  return (
    <>
      <h2 id="expired-today">取置期限が切れて棚から下ろす資料（{p.rows.length}件）</h2>
      <p>
        前の開館日のあと（休館日を含む）から今までに、お知らせ時刻の処理や「期限切れにする」で終わった予約です。資料はまだ前の予約票を付けたまま置いてあるので、それぞれ次のとおりにしてください。
      </p>
      <TableScroll labelledBy="expired-today">
        <table aria-labelledby="expired-today">
          <thead>
            <tr>
              <th scope="col">資料</th>
              <th scope="col">バーコード</th>
              <th scope="col">期限切れにした時刻</th>
              <th scope="col">すること</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{r.title}</td>
                <td>{r.barcode}</td>
                <td>{instantJa(r.endedAt)}</td>
                <td>{nextStep(r, p.locker)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
