/** What the screen says after a scan: plainly, in big type, refusals in core's own words. */
import type { ExpireOneOutcome } from '../expire.ts'
import type { ReturnOutcome } from '../give-back.ts'
import type { Outcome } from '../lend.ts'
import { Message } from './frame.tsx'
import { dateJa } from './labels.ts'

/**
 * Refusals about the patron, not the copy: the patron screen already shows them in its
 * 貸出できません banner, so the result only says nothing was lent, instead of a second banner.
 */
const PATRON_REASONS = new Set(['blocked', 'expired', 'suspended'])

export function LendResult(p: { outcome: Outcome; blocksShown?: boolean }) {
  const o = p.outcome
  if (!o.ok && p.blocksShown && PATRON_REASONS.has(o.reason))
    return (
      <p class="lend-note" role="alert">
        貸し出していません。理由は上の「貸出できません」のとおりです。
      </p>
    )
  if (!o.ok)
    return (
      <Message kind="error">
        <strong>貸出できません</strong>
        <br />
        {o.message}
      </Message>
    )
  return (
    <Message kind="ok">
      <strong>{o.viaHold ? '予約資料を貸し出しました' : '貸し出しました'}</strong>
      <br />「{o.title}」（{o.barcode}）　返却期限 <strong>{dateJa(o.dueDate)}</strong>
    </Message>
  )
}

export function ReturnResult(p: { outcome: ReturnOutcome }) {
  const o = p.outcome
  if (!o.ok)
    return (
      <Message kind="error">
        <strong>返却できません</strong>
        <br />
        {o.message}
      </Message>
    )
  const item = `「${o.title}」（${o.barcode}）`
  const late = o.overdueDays > 0 ? `返却期限を${o.overdueDays}日過ぎていました。` : ''
  if (o.hold)
    return (
      <Message kind="hold">
        <strong>
          予約あり：{o.hold.placeName}
          {o.hold.locker ? 'へ（ロッカーに入れます）' : 'の予約棚へ'}
        </strong>
        <br />
        {item}
        {o.wasOnLoan ? 'を返却しました。' : 'は貸出中ではない資料です（書架から予約に充てます）。'}
        {late}
        <br />
        予約者の利用者番号 <strong>{o.hold.patronNumber}</strong>
        {o.hold.pickupBy ? `　取置期限 ${dateJa(o.hold.pickupBy)}` : ''}
        {o.hold.locker ? '　（ロッカー受取のため、予約者に貸出済みです）' : ''}
        <br />
        {o.hold.noticeQueued
          ? '予約者へのお知らせを送信予定に入れました（次のお知らせ時刻に届きます）。'
          : 'この資料はすでにこの予約のために確保されています。'}
      </Message>
    )
  return (
    <Message kind="ok">
      <strong>{o.wasOnLoan ? '返却しました' : 'この資料は貸出中ではありませんでした'}</strong>
      <br />
      {item}
      {late}
      {o.homeName ? `${o.homeName}の資料です。所蔵館へ回送してください。` : '棚に戻してください。'}
    </Message>
  )
}

/** One hold expired from its row: where the copy goes now (next hold's shelf, or the shelf). */
export function ExpireResult(p: { outcome: ExpireOneOutcome; nextPlace: string | null }) {
  const o = p.outcome
  if (!o.ok)
    return (
      <Message kind="error">
        <strong>期限切れにできません</strong>
        <br />
        {o.message}
      </Message>
    )
  const item = o.barcode ? `資料（${o.barcode}）` : '資料'
  return (
    <Message kind={o.nextHoldId ? 'hold' : 'ok'}>
      <strong>予約を取置期限切れにしました</strong>
      <br />
      {o.nextHoldId
        ? `${item}は次の予約者の確保に回しました（お知らせを送信予定に入れました）。${p.nextPlace ?? ''}の予約棚へ置いてください。`
        : `${item}は次の予約がないため、棚に戻してください。`}
    </Message>
  )
}
