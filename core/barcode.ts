/**
 * LINE-CARD: the library card barcode in the policy's symbology. Hirakata's cards are NW-7
 * (Codabar): the patron number between a start and a stop character (A–D); Code 39 and
 * Code 128 carry the number alone. The LIFF card draws symbology.ts cardPayload; the counter
 * parses what its scanner sends, with or without Codabar's start/stop characters.
 */
import { checkPatronNumber } from './patron-number.ts'
import { HIRAKATA_POLICY, type Policy } from './policy.ts'
import { type Decision, refuse, type Text } from './types.ts'

const START_STOP = /^[A-D]$/

const invalidMessage: Text = {
  ja: '利用者番号として読み取れませんでした。カードをもう一度読み取るか、番号を入力してください。',
  en: 'That could not be read as a patron number. Please scan the card again or type the number.',
}

/**
 * The patron number in a scan: full-width characters folded, spaces dropped, and — for
 * Codabar cards — the start/stop characters removed when present (any of A–D, upper or lower
 * case: scanners differ in whether and how they transmit them).
 */
export function parseScannedNumber(
  scan: string,
  policy: Policy = HIRAKATA_POLICY,
): Decision<string, 'invalid_number'> {
  let s = scan.normalize('NFKC').replace(/\s+/g, '')
  if (policy.barcode.symbology === 'codabar') {
    s = s.toUpperCase()
    const first = s.charAt(0)
    const last = s.charAt(s.length - 1)
    if (s.length >= 2 && START_STOP.test(first) && START_STOP.test(last)) s = s.slice(1, -1)
  }
  const checked = checkPatronNumber(s, policy)
  return checked.ok ? checked : refuse('invalid_number', invalidMessage)
}
