/**
 * LINE-CARD: the patron number as bar modules in the policy's symbology (via /api/me), using
 * jsbarcode's encoders alone: NW-7 (Codabar) with the policy's start/stop characters, or
 * Code 39 / Code 128 for ids with letters. Those two are their own chunk (barcode-letters.ts),
 * loaded by loadCardEncoder when a card needs them.
 */
import { codabar } from 'jsbarcode/bin/barcodes/codabar/index.js'
import { cardPayload } from '../../core/symbology.ts'
import type { CardSymbology, CodabarGuard } from '../api-types.ts'

export { barRuns, modulePx, QUIET_MODULES } from './bars.ts'

/** '1' = bar module, '0' = space module, for `start + number + stop`; null if not encodable. */
export function codabarModules(number: string, start: CodabarGuard, stop: CodabarGuard) {
  const payload = cardPayload(number, { symbology: 'codabar', start, stop })
  if (payload === null) return null
  const code = new codabar(payload, { text: number })
  return code.valid() ? code.encode().data : null
}

let letters: typeof import('./barcode-letters.ts') | null = null

/** Loads the encoder `symbology` needs, if it is not NW-7 and not loaded yet. */
export async function loadCardEncoder(symbology: CardSymbology = 'codabar'): Promise<void> {
  if (symbology !== 'codabar' && !letters) letters = await import('./barcode-letters.ts')
}

/**
 * Modules for the card in `barcode.symbology`, drawn from core's cardPayload; null if the
 * number cannot be drawn as itself; undefined while its encoder is not loaded yet.
 */
export function cardModules(
  number: string,
  barcode: { symbology?: CardSymbology; start: CodabarGuard; stop: CodabarGuard },
): string | null | undefined {
  const symbology = barcode.symbology ?? 'codabar'
  if (symbology === 'codabar') return codabarModules(number, barcode.start, barcode.stop)
  if (!letters) return undefined
  const payload = cardPayload(number, { ...barcode, symbology })
  if (payload === null) return null
  return symbology === 'code39' ? letters.code39Modules(payload) : letters.code128Modules(payload)
}
