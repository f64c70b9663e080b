/** After 「期限切れの予約を処理する」: how many holds ended, where their copies go, whom to phone. */
import type { ExpireOutcome } from '../expire.ts'
import { Message } from './frame.tsx'

export function ExpireAllResult(p: { done: ExpireOutcome[] }) {
  const { done } = p
  const passed = done.filter((d) => d.nextHoldId !== null).length
  return (
    <Message kind="ok">
      {done.length === 0 ? (
        '取置期限を過ぎた予約はありませんでした。'
      ) : (
        <>
          <strong>取置期限切れの予約を{done.length}件処理しました。</strong>
          <br />
          {passed > 0
            ? `${passed}点は次の予約者の確保に回しました（お知らせを送信予定に入れました）。`
            : ''}
          {phoneFirst(done)}
          {done.length - passed > 0 ? `${done.length - passed}点は棚に戻してください。` : ''}
          {done.length > 0 ? `（${done.map((d) => d.barcode ?? '—').join('、')}）` : ''}
        </>
      )}
    </Message>
  )
}

/** The expired holds whose next holder LINE cannot reach: staff phone them first (numbers). */
function phoneFirst(done: ExpireOutcome[]): string {
  const calls = done.flatMap((d) =>
    d.unreachable ? [`${d.barcode ?? '—'}：${d.unreachable.phone || '電話番号の登録なし'}`] : [],
  )
  return calls.length
    ? `うち${calls.length}点の予約者にはLINEのお知らせが届きません。電話でご連絡ください（${calls.join('、')}）。`
    : ''
}
