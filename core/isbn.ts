/**
 * ISBN scanning (issue 19 item 6): a book's barcode is an EAN-13 in the 978 or 979 "Bookland"
 * prefix. Only that is looked up in the catalogue; anything else (a price code 192…, a JAN for
 * goods, a mistyped number) is refused with a sentence, before any lookup.
 */
import { allow, type Decision, refuse } from './types.ts'

export type IsbnReason = 'not_ean13' | 'check_digit' | 'not_book'

/** The EAN-13 check digit of the first twelve digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10
}

/** A scanned or typed code as a 13-digit ISBN, or why it is not one (hyphens and spaces allowed). */
export function parseIsbn13(code: unknown): Decision<string, IsbnReason> {
  const digits = typeof code === 'string' ? code.replace(/[\s-]/g, '') : ''
  if (!/^\d{13}$/.test(digits))
    return refuse('not_ean13', {
      ja: '13けたのISBN（978または979で始まるバーコード）を読み取るか、入力してください。',
      en: 'Please scan or type a 13-digit ISBN (the barcode starting with 978 or 979).',
    })
  if (ean13CheckDigit(digits) !== Number(digits[12]))
    return refuse('check_digit', {
      ja: 'バーコードを正しく読み取れませんでした。もう一度読み取るか、番号を確かめて入力してください。',
      en: 'The barcode was not read correctly. Please scan it again or check the number and type it.',
    })
  if (!digits.startsWith('978') && !digits.startsWith('979'))
    return refuse('not_book', {
      ja: '本のISBNではありません。本の裏表紙にある、978または979で始まるバーコードを読み取ってください。',
      en: "This is not a book's ISBN. Please scan the barcode on the back cover that starts with 978 or 979.",
    })
  return allow(digits)
}
