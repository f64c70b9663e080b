/** The desk: call up a patron by their card (or find them by name or phone), or take items back. */
import type { Child } from 'hono/jsx'
import type { PlaceRow } from '../context.ts'
import type { RecentReturn } from '../recent-returns.ts'
import { COUNTER_PATH } from '../session.ts'
import { ScanForm } from './frame.tsx'
import { RecentReturns } from './recent-returns.tsx'

export function DeskPage(p: {
  csrf: string
  focus: 'patron' | 'return'
  result?: Child
  places: PlaceRow[]
  placeId: number | null
  recent: RecentReturn[]
}) {
  return (
    <>
      {p.result}
      <div class="grid">
        <section class="panel" aria-labelledby="patron-h">
          <h2 id="patron-h">貸出：利用者を呼び出す</h2>
          <ScanForm
            id="patron-number"
            action={`${COUNTER_PATH}/patron`}
            name="number"
            label="利用者カード（利用者番号）"
            hint="カードまたはLINEの図書館カードのバーコードを読み取るか、番号を入力してEnter"
            button="呼び出す"
            csrf={p.csrf}
            autofocus={p.focus === 'patron'}
          />
          <form method="post" action={`${COUNTER_PATH}/patrons/find`} class="find">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label for="patron-find">
              カードをお持ちでない方
              <span class="hint" id="patron-find-hint">
                氏名・よみがなの一部、または電話番号（下4桁でも可）
              </span>
            </label>
            <div class="scan">
              <input
                id="patron-find"
                name="q"
                type="search"
                autocomplete="off"
                required
                maxlength={64}
                aria-describedby="patron-find-hint"
              />
              <button type="submit" class="secondary">
                探す
              </button>
            </div>
          </form>
        </section>
        <section class="panel" aria-labelledby="return-h">
          <h2 id="return-h">返却</h2>
          <ScanForm
            id="return-barcode"
            action={`${COUNTER_PATH}/return`}
            name="barcode"
            label="返却する資料のバーコード"
            hint="1冊ずつ読み取ってください。予約のある資料は画面でお知らせします。"
            button="返却"
            csrf={p.csrf}
            autofocus={p.focus === 'return'}
          />
        </section>
      </div>
      <RecentReturns rows={p.recent} />
      <form method="post" action={`${COUNTER_PATH}/place`} class="filters" style="margin-top:2rem">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="desk-place">
          この窓口の図書館
          <span class="hint">貸出・返却はこの図書館の窓口として記録されます</span>
          <select id="desk-place" name="place">
            {p.places.map((pl) => (
              <option value={String(pl.id)} selected={pl.id === p.placeId}>
                {pl.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          変更
        </button>
      </form>
    </>
  )
}
