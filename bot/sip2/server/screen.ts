/**
 * The kiosk's screen messages (AF) and slip lines (AG): the counter's sentences as plain
 * text (bot/counter/views/results.tsx; where a hold's copy goes from hold-heading.ts, shared),
 * refusals in core's own words.
 */
import { formatDateJa } from '../../../core/index.ts'
import type { ReturnOutcome } from '../../counter/give-back.ts'
import { holdHeading } from '../../counter/hold-heading.ts'
import type { Outcome } from '../../counter/lend.ts'

export function lendScreen(o: Outcome): string {
  if (!o.ok) return `貸出できません。${o.message}`
  const head = o.viaHold ? '予約資料を貸し出しました' : '貸し出しました'
  return `${head}。「${o.title}」（${o.barcode}） 返却期限 ${formatDateJa(o.dueDate)}`
}

/** The due date slip: one line per fact, short enough for a 40-column printer. */
export function dueSlip(o: Extract<Outcome, { ok: true }>): string[] {
  return [`返却期限 ${formatDateJa(o.dueDate)}`, `「${o.title}」`, `資料番号 ${o.barcode}`]
}

export function returnScreen(o: ReturnOutcome): string {
  if (!o.ok) return `返却できません。${o.message}`
  const item = `「${o.title}」（${o.barcode}）`
  const late = o.overdueDays > 0 ? `返却期限を${o.overdueDays}日過ぎていました。` : ''
  if (o.hold) {
    const done = o.wasOnLoan
      ? 'を返却しました。'
      : 'は貸出中ではありませんでした。書架の資料として予約に充てました。'
    // HOLD-TRANSIT: a copy for a hold elsewhere travels there first, as the counter says.
    if (o.hold.inTransit)
      return `予約あり：${o.transitToName ?? o.hold.placeName}へ回送します。${item}${done}${late}職員にお渡しください。`
    return `${holdHeading(o.hold)}。${item}${done}${late}職員にお渡しください。`
  }
  const head = o.wasOnLoan ? '返却しました。' : 'この資料は貸出中ではありませんでした。'
  const next = o.transitToName ? `${o.transitToName}の資料です。所蔵館へ回送します。` : ''
  return `${head}${item}${late}${next}`
}
