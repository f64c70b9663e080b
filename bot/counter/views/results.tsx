/** What the screen says after a scan: plainly, in big type, refusals in core's own words. */
import type { ExpireOneOutcome } from '../expire.ts'
import type { ReturnOutcome } from '../give-back.ts'
import { holdHeading } from '../hold-heading.ts'
import type { Outcome } from '../lend.ts'
import type { Unreachable } from '../notice-reach.ts'
import type { RenewOutcome } from '../renew.ts'
import { Message } from './frame.tsx'
import { dateJa, phoneWords, UNREACHABLE_WHY } from './labels.ts'

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
        <strong>貸出できません{o.about && `：${o.about}`}</strong>
        <br />
        {o.message}
      </Message>
    )
  if (o.already)
    return (
      <Message kind="ok">
        <strong>この利用者に貸出済みです</strong>
        <br />「{o.title}」（{o.barcode}）　返却期限 <strong>{dateJa(o.dueDate)}</strong>
        <br />
        同じ資料をもう一度読み取ったため、貸出の記録は変えていません。
      </Message>
    )
  return (
    <Message kind="ok">
      <strong>{o.viaHold ? '予約資料を貸し出しました' : '貸し出しました'}</strong>
      <br />「{o.title}」（{o.barcode}）　返却期限 <strong>{dateJa(o.dueDate)}</strong>
    </Message>
  )
}

/**
 * After a return, a receipt, or a scan on the pick list (`picked`: there a copy is fetched
 * from the shelf for a hold, so the result says it was put to the hold, not that it was
 * not on loan).
 */
export function ReturnResult(p: { outcome: ReturnOutcome; refused?: string; picked?: boolean }) {
  const o = p.outcome
  if (!o.ok)
    return (
      <Message kind="error">
        <strong>{p.refused ?? '返却できません'}</strong>
        <br />
        {o.message}
      </Message>
    )
  const late = o.overdueDays > 0 ? `返却期限を${o.overdueDays}日過ぎていました。` : ''
  const done = doneSentence(o, p.picked ?? false)
  if (o.withdrawn)
    return (
      <Message kind="hold">
        <strong>除籍済みの資料です（棚に戻さないでください）</strong>
        <br />
        {done}
        {late}
        {o.transitToName
          ? `${o.transitToName}の資料です。除籍資料として${o.transitToName}行きの回送箱に入れてください。`
          : '棚には戻さず、除籍資料として担当者に渡してください。'}
      </Message>
    )
  if (o.hold?.inTransit)
    return (
      <Message kind="hold">
        <strong>予約あり：{o.transitToName ?? o.hold.placeName}へ回送（回送箱へ）</strong>
        <br />
        {done}
        {late}
        <br />
        受取場所 {o.hold.placeName}　予約者の利用者番号 <strong>{o.hold.patronNumber}</strong>
        <br />
        回送先で受け入れると予約の確保になり、その時に予約者へのお知らせが送信予定に入ります。
      </Message>
    )
  if (o.hold)
    return (
      <Message kind="hold">
        <strong>{holdHeading(o.hold)}</strong>
        <br />
        {done}
        {late}
        <br />
        予約者の利用者番号 <strong>{o.hold.patronNumber}</strong>
        {o.hold.pickupBy ? `　取置期限 ${dateJa(o.hold.pickupBy)}` : ''}
        {o.hold.locker ? '　（ロッカー受取のため、予約者に貸出済みです）' : ''}
        <br />
        {o.hold.noticeQueued
          ? noticeSentence(o.hold.unreachable)
          : 'この資料はすでにこの予約のために確保されています。'}
      </Message>
    )
  if (o.transitToName)
    return (
      <Message kind="hold">
        <strong>回送：{o.transitToName}へ（回送箱へ）</strong>
        <br />
        {done}
        {late}
        {o.transitToName}の資料です。{o.transitToName}行きの回送箱に入れてください。
      </Message>
    )
  return (
    <Message kind="ok">
      <strong>
        {o.received
          ? '受け入れました'
          : o.wasOnLoan
            ? '返却しました'
            : p.picked
              ? '予約に充てる資料ではありませんでした'
              : 'この資料は貸出中ではありませんでした'}
      </strong>
      <br />
      {done}
      {late}
      棚に戻してください。
    </Message>
  )
}

type Returned = Extract<ReturnOutcome, { ok: true }>

/** Where a copy for a ready hold goes: the hold shelf, the locker, or the bookmobile's holds. */
/** The pickup notice queued; or, when LINE cannot reach the patron, that staff must phone. */
function noticeSentence(u: Unreachable | null): string {
  if (!u) return '予約者へのお知らせを送信予定に入れました（次のお知らせ時刻に届きます）。'
  return `${UNREACHABLE_WHY[u.why]}、お知らせは届きません。電話でご連絡ください（${phoneWords(u)}）。`
}

/** What the scan did with the copy, in one sentence. */
function doneSentence(o: Returned, picked: boolean): string {
  const item = `「${o.title}」（${o.barcode}）`
  if (o.received) return `${item}を回送で受け入れました。`
  if (o.wasOnLoan) return `${item}を返却しました。`
  if (picked)
    return o.hold ? `予約に充てました：${item}。` : `${item}を待っている予約はありません。`
  return o.hold
    ? `${item}は貸出中ではありませんでした。書架の資料として予約に充てました。`
    : `${item}は貸出中ではない資料です。`
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
      {o.nextHoldId && o.transitToName
        ? `${item}は次の予約者の確保に回しました。${o.transitToName}行きの回送箱に入れてください（受け入れた時点で予約者へお知らせします）。`
        : o.nextHoldId
          ? `${item}は次の予約者の確保に回しました。${noticeSentence(o.unreachable)}${p.nextPlace ?? ''}の予約棚へ置いてください。`
          : o.transitToName
            ? `${item}は次の予約がないため、${o.transitToName}行きの回送箱に入れてください（所蔵館へ返送）。`
            : `${item}は次の予約がないため、棚に戻してください。`}
    </Message>
  )
}

/** A renewal at the counter: the new due date to tell the patron, or why not. */
export function RenewResult(p: { outcome: RenewOutcome }) {
  const o = p.outcome
  if (!o.ok)
    return (
      <Message kind="error">
        <strong>「{o.title}」は延長できません</strong>
        <br />
        {o.message}
      </Message>
    )
  return (
    <Message kind="ok">
      <strong>延長しました</strong>
      <br />「{o.title}」（{o.barcode}）　新しい返却期限 <strong>{dateJa(o.dueDate)}</strong>
      {o.capped ? '（貸出日から延長できる最長の日までです）' : ''}
    </Message>
  )
}
