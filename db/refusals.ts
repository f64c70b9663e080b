/**
 * Refusals for input the database cannot act on: an id that is not an id, a patron, title,
 * copy, hold or place that does not exist. They change nothing and say what to do next.
 * Rule refusals (limits, blocks, renewals) come from core/ unchanged.
 */
import { type InputReason, type Refusal, refuse } from '../core/index.ts'

/** The port's input reasons (core/library-system.ts): db/ is the embedded system. */
export type { InputReason }

const MESSAGES: Record<InputReason, { ja: string; en: string }> = {
  invalid_input: {
    ja: '入力の形式が正しくありません。内容をご確認のうえ、もう一度お試しください。',
    en: 'The request was not in the expected form. Please check it and try again.',
  },
  unknown_patron: {
    ja: '利用者が見つかりません。利用者番号をご確認ください。',
    en: 'No patron was found with that number. Please check the patron number.',
  },
  unknown_title: {
    ja: 'ご指定の資料が見つかりません。検索からもう一度お選びください。',
    en: 'We could not find that item. Please search for it again.',
  },
  unknown_copy: {
    ja: 'このバーコードの資料は登録されていません。バーコードをご確認ください。',
    en: 'No item is registered with that barcode. Please check the barcode.',
  },
  unknown_hold: {
    ja: 'この予約が見つかりません。予約中一覧を更新してご確認ください。',
    en: 'We could not find this hold. Please refresh your list of holds.',
  },
  unknown_loan: {
    ja: 'この貸出が見つかりません。貸出中一覧を更新してご確認ください。',
    en: 'We could not find this loan. Please refresh your list of loans.',
  },
  unknown_place: {
    ja: '選ばれた受取場所が見つかりません。一覧から受取場所を選び直してください。',
    en: 'We could not find that pickup place. Please choose one from the list again.',
  },
  conflict: {
    ja: '同時に別の操作が行われたため、処理できませんでした。画面を更新して、もう一度お試しください。',
    en: 'Something else changed this at the same moment, so nothing was done. Please refresh and try again.',
  },
  library_refused: {
    ja: '図書館のシステムがこの手続きを受け付けませんでした。図書館へお問い合わせください。',
    en: "The library's system did not accept this. Please contact the library.",
  },
}

export function inputRefusal<R extends InputReason>(reason: R): Refusal<R> {
  return refuse(reason, MESSAGES[reason])
}

/** A database id: a positive safe integer. Anything else is refused before any query runs. */
export function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0
}

/** A list of distinct ids, not empty, at most `max` long. */
export function isIdList(v: unknown, max: number): v is number[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.length <= max &&
    v.every(isId) &&
    new Set(v).size === v.length
  )
}

/** A non-empty string no longer than `max`. */
export function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max
}
