/**
 * LINE-CARD: the patron number as bar modules in the policy's symbology (via /api/me), using
 * jsbarcode's encoders alone: NW-7 (Codabar) with the policy's start/stop characters, or
 * Code 39 / Code 128 for ids with letters.
 */
import { CODE39 } from 'jsbarcode/bin/barcodes/CODE39/index.js'
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js'
import { codabar } from 'jsbarcode/bin/barcodes/codabar/index.js'
import type { CardSymbology, CodabarGuard } from '../api-types.ts'

export { barRuns, modulePx, QUIET_MODULES } from './bars.ts'

/** '1' = bar module, '0' = space module, for `start + number + stop`; null if not encodable. */
export function codabarModules(number: string, start: CodabarGuard, stop: CodabarGuard) {
  const code = new codabar(`${start}${number}${stop}`, { text: number })
  return code.valid() ? code.encode().data : null
}

/** Code 39 can carry exactly these (jsbarcode would upper-case lower case: refused instead). */
const CODE39_DATA = /^[0-9A-Z\-. $/+%]+$/
/** Code 128 as drawn here: printable ASCII, so what is read back is exactly the id. */
const CODE128_DATA = /^[\x20-\x7e]+$/

/** Modules for the card in `barcode.symbology`; null if the number cannot be drawn as itself. */
export function cardModules(
  number: string,
  barcode: { symbology?: CardSymbology; start: CodabarGuard; stop: CodabarGuard },
): string | null {
  switch (barcode.symbology ?? 'codabar') {
    case 'codabar':
      return codabarModules(number, barcode.start, barcode.stop)
    case 'code39':
      return CODE39_DATA.test(number) ? new CODE39(number, {}).encode().data : null
    case 'code128': {
      if (!CODE128_DATA.test(number)) return null
      const code = new CODE128(number, {})
      return code.valid() ? code.encode().data : null
    }
  }
}
