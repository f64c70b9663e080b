/**
 * LINE-CARD: the library card barcode. Hirakata's cards are NW-7 (Codabar): the patron
 * number between a start and a stop character (A–D). The LIFF card renders the payload;
 * the counter parses what its scanner sends, with or without the start/stop characters.
 */
import type { Policy } from './policy.ts'
import { allow, type Decision, refuse, type Text } from './types.ts'

/** Patron numbers are digits (what NW-7 cards carry); length bounds catch misreads. */
const PATRON_NUMBER = /^\d{4,20}$/
const START_STOP = /^[A-D]$/

const invalidMessage: Text = {
  ja: '利用者番号として読み取れませんでした。カードをもう一度読み取るか、番号を入力してください。',
  en: 'That could not be read as a patron number. Please scan the card again or type the number.',
}

/** The Codabar payload for `patronNumber`, e.g. `A12345678A`, ready for JsBarcode 'codabar'. */
export function cardBarcodePayload(
  patronNumber: string,
  policy: Policy,
): Decision<{ payload: string; format: 'codabar' }, 'invalid_number'> {
  if (!PATRON_NUMBER.test(patronNumber)) return refuse('invalid_number', invalidMessage)
  const { start, stop } = policy.barcode
  return allow({ payload: `${start}${patronNumber}${stop}`, format: 'codabar' })
}

/**
 * The patron number in a scan: full-width characters folded, spaces dropped, and the
 * start/stop characters removed when present (any of A–D, upper or lower case: scanners
 * differ in whether and how they transmit them).
 */
export function parseScannedNumber(scan: string): Decision<string, 'invalid_number'> {
  let s = scan.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
  const first = s.charAt(0)
  const last = s.charAt(s.length - 1)
  if (s.length >= 2 && START_STOP.test(first) && START_STOP.test(last)) s = s.slice(1, -1)
  if (!PATRON_NUMBER.test(s)) return refuse('invalid_number', invalidMessage)
  return allow(s)
}
