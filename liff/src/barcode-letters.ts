/**
 * Code 39 and Code 128 cards (libraries whose ids have letters), with jsbarcode's encoders:
 * their own chunk, loaded only for such a card (barcode.ts loadCardEncoder), so an NW-7
 * library's card path does not carry them (issue 21).
 */
import { CODE39 } from 'jsbarcode/bin/barcodes/CODE39/index.js'
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js'

/** `payload`: core's cardPayload, already checked to be carried as exactly itself. */
export function code39Modules(payload: string): string | null {
  const code = new CODE39(payload, {})
  return code.valid() ? code.encode().data : null
}

export function code128Modules(payload: string): string | null {
  const code = new CODE128(payload, {})
  return code.valid() ? code.encode().data : null
}
