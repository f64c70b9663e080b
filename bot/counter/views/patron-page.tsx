/** The patron screen: who, what blocks them, the lend field, their loans and holds, 窓口予約. */
import type { Child } from 'hono/jsx'
import type { HoldView } from '../../../db/hold-list.ts'
import type { LoanLine, PatronSummary } from '../patron-summary.ts'
import { COUNTER_PATH } from '../session.ts'
import { Message, PostButton, ScanForm, TableScroll } from './frame.tsx'
import { HoldForm, type HoldFormState, type PickupChoice, retrying } from './hold-form.tsx'
import { CATEGORY, dateJa, HOLD_STATE } from './labels.ts'

export function PatronPage(p: {
  summary: PatronSummary
  csrf: string
  result?: Child
  /** 窓口予約: the pickup places to offer, the desk's own first chosen; an attempt's outcome. */
  hold: { places: PickupChoice[]; deskPlaceId: number | null; state?: HoldFormState }
}) {
  const { patron, loans, holds, blocks } = p.summary
  return (
    <>
      <section class="panel patron" aria-label="利用者">
        <span class="name">{patron.name}</span>
        <span>{patron.nameYomi}</span>
        <span>
          利用者番号 <strong>{patron.number}</strong>
        </span>
        <span>区分：{CATEGORY[patron.category] ?? patron.category}</span>
        <span>登録の有効期限：{patron.expiresOn ? dateJa(patron.expiresOn) : 'なし'}</span>
      </section>
      {blocks.map((b) => (
        <Message kind="block">
          <strong>{b.stopsLending ? '貸出できません' : 'ご注意'}</strong>
          <br />
          {b.text}
        </Message>
      ))}
      {p.result}
      <div class="panel">
        <ScanForm
          id="lend-barcode"
          action={`${COUNTER_PATH}/patrons/${patron.id}/lend`}
          name="barcode"
          label="貸出する資料のバーコード"
          hint="1冊ずつ読み取ってください。読み取ると、この利用者に貸し出します。"
          button="貸出"
          csrf={p.csrf}
          autofocus={!retrying(p.hold.state)}
        />
      </div>
      <p>
        <a href={COUNTER_PATH}>次の利用者へ（貸出・返却の画面に戻る）</a>
        {' ・ '}
        <a href={`${COUNTER_PATH}/audit?patron=${encodeURIComponent(patron.number)}`}>
          この利用者の操作記録
        </a>
      </p>
      <h2 id="loans">貸出中の資料（{loans.length}点）</h2>
      <LoansTable loans={loans} patronId={patron.id} csrf={p.csrf} />
      <h2 id="holds">予約（{holds.length}件）</h2>
      <HoldsTable holds={holds} />
      <h3 id="hold-new">予約を受け付ける</h3>
      <div class="panel">
        <HoldForm patronId={patron.id} csrf={p.csrf} {...p.hold} />
      </div>
    </>
  )
}

function LoansTable(p: { loans: LoanLine[]; patronId: number; csrf: string }) {
  if (p.loans.length === 0) return <p class="empty">貸出中の資料はありません。</p>
  return (
    <TableScroll labelledBy="loans">
      <table aria-labelledby="loans">
        <thead>
          <tr>
            <th scope="col">資料</th>
            <th scope="col">バーコード</th>
            <th scope="col">貸出日</th>
            <th scope="col">返却期限</th>
            <th scope="col">状態</th>
            <th scope="col">延長</th>
          </tr>
        </thead>
        <tbody>
          {p.loans.map((l) => (
            <tr>
              <td>
                {l.title}
                {l.author ? <span class="hint">{l.author}</span> : null}
              </td>
              <td>{l.barcode}</td>
              <td>{dateJa(l.loanDate)}</td>
              <td class={l.overdueDays > 0 ? 'late' : undefined}>{dateJa(l.dueDate)}</td>
              <td>
                {l.overdueDays > 0 ? (
                  <span class="tag late">
                    {l.longOverdue ? '長期延滞' : '延滞'} {l.overdueDays}日
                  </span>
                ) : (
                  '貸出中'
                )}
                {l.locker ? <span class="hint">ロッカー貸出</span> : null}
                {l.renewals > 0 ? <span class="hint">延長 {l.renewals}回</span> : null}
              </td>
              <td>
                <PostButton
                  action={`${COUNTER_PATH}/patrons/${p.patronId}/loans/${l.loanId}/renew`}
                  csrf={p.csrf}
                  class="secondary"
                  label={`延長：「${l.title}」`}
                >
                  延長
                </PostButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function HoldsTable(p: { holds: HoldView[] }) {
  if (p.holds.length === 0) return <p class="empty">予約はありません。</p>
  return (
    <TableScroll labelledBy="holds">
      <table aria-labelledby="holds">
        <thead>
          <tr>
            <th scope="col">資料</th>
            <th scope="col">状態</th>
            <th scope="col">予約順位</th>
            <th scope="col">受取場所</th>
            <th scope="col">取置期限</th>
          </tr>
        </thead>
        <tbody>
          {p.holds.map((h) => (
            <tr>
              <td>
                {h.title}
                {h.volume !== null && h.setGroup !== null ? (
                  <span class="hint">セット予約 {h.volume}巻目</span>
                ) : null}
              </td>
              <td>
                {h.state === 'ready' ? (
                  <span class="tag">{HOLD_STATE.ready}</span>
                ) : (
                  (HOLD_STATE[h.state] ?? h.state)
                )}
                {h.transit ? <span class="hint">{h.transit.to.name}へ</span> : null}
                {h.suspendedUntil ? (
                  <span class="hint">
                    休止中（{dateJa(h.suspendedUntil)}まで）：順番が来ても次の方へ
                  </span>
                ) : null}
              </td>
              <td>{h.queuePosition !== null ? `${h.queuePosition}位` : '—'}</td>
              <td>{h.pickupPlace?.name ?? '—'}</td>
              <td>{h.pickupBy ? dateJa(h.pickupBy) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
