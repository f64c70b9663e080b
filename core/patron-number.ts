/**
 * Patron numbers in the library system's own format (Policy `patronNumber`): what the link
 * and password pages accept, the keypad they show, and the sentence that names the format.
 * Hirakata's are digits; other systems' ids may hold letters.
 */
import { normalizePatronNumber } from './credentials.ts'
import type { Policy } from './policy.ts'
import { symbologyCarries } from './symbology.ts'
import { allow, type Decision, refuse, type Text } from './types.ts'

/** The expected format in words, with the example, e.g. 「数字で20文字まで（例：1000000001）」. */
export function patronNumberFormatText(policy: Policy): Text {
  const { keypad, maxLength, example } = policy.patronNumber
  return keypad === 'numeric'
    ? {
        ja: `図書館カードの番号を数字で入力してください（${maxLength}桁まで、例：${example}）。`,
        en: `Enter the number on your library card, in digits (up to ${maxLength}, e.g. ${example}).`,
      }
    : {
        ja: `図書館カードの番号を英数字で入力してください（${maxLength}文字まで、例：${example}）。`,
        en: `Enter the number on your library card, letters and digits as printed (up to ${maxLength}, e.g. ${example}).`,
      }
}

/**
 * The typed number folded (full-width to half-width, spaces and hyphens dropped) and checked
 * against the policy's pattern and length, and against what the card's symbology can carry.
 */
export function checkPatronNumber(
  typed: string,
  policy: Policy,
): Decision<string, 'invalid_number'> {
  const number = normalizePatronNumber(typed)
  const { pattern, maxLength } = policy.patronNumber
  if (
    number.length > 0 &&
    number.length <= maxLength &&
    new RegExp(pattern).test(number) &&
    symbologyCarries(policy.barcode.symbology, number)
  )
    return allow(number)
  const format = patronNumberFormatText(policy)
  return refuse('invalid_number', {
    ja: `利用者番号の形式が正しくありません。${format.ja}`,
    en: `That is not a patron number. ${format.en}`,
  })
}
