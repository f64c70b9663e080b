/**
 * Code 39 and Code 128 cards (libraries whose ids have letters), with jsbarcode's encoders:
 * their own chunk, loaded only for such a card (barcode.ts loadCardEncoder), so an NW-7
 * library's card path does not carry them (issue 21).
 */
import { CODE39 } from 'jsbarcode/bin/barcodes/CODE39/index.js'
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js'

/** Code 39 can carry exactly these (jsbarcode would upper-case lower case: refused instead). */
const CODE39_DATA = /^[0-9A-Z\-. $/+%]+$/
/** Code 128 as drawn here: printable ASCII, so what is read back is exactly the id. */
const CODE128_DATA = /^[\x20-\x7e]+$/

export function code39Modules(number: string): string | null {
  return CODE39_DATA.test(number) ? new CODE39(number, {}).encode().data : null
}

export function code128Modules(number: string): string | null {
  if (!CODE128_DATA.test(number)) return null
  const code = new CODE128(number, {})
  return code.valid() ? code.encode().data : null
}
