/**
 * LINE-CARD: which characters each card symbology can carry, so a policy or a patron number
 * the card could not draw as exactly itself is refused before anything is printed or shown.
 * Code 39 has no lower case (encoders silently upper-case it), so it is refused, not folded.
 */

/** NW-7 (Codabar, Hirakata's cards), Code 39, or Code 128 (any printable ASCII). */
export type Symbology = 'codabar' | 'code39' | 'code128'

export const SYMBOLOGIES: readonly Symbology[] = ['codabar', 'code39', 'code128']

const CARRIES: Record<Symbology, RegExp> = {
  // Codabar data characters; A–D are its start/stop characters, never data.
  codabar: /^[0-9\-$:/.+]+$/,
  code39: /^[0-9A-Z\-. $/+%]+$/,
  code128: /^[\x20-\x7e]+$/,
}

/** Whether `text` can be drawn in `symbology` and read back as exactly `text`. */
export function symbologyCarries(symbology: Symbology, text: string): boolean {
  return CARRIES[symbology].test(text)
}

/** The card barcode as the policy sets it; start/stop (A–D) are used by NW-7 only. */
export interface CardBarcode {
  symbology: Symbology
  start: 'A' | 'B' | 'C' | 'D'
  stop: 'A' | 'B' | 'C' | 'D'
}

/**
 * LINE-CARD: the data the card draws for `number` (NW-7 wraps it in start/stop, the others
 * carry it alone), or null when the symbology cannot carry it as exactly itself. The LIFF card
 * draws this, and the counter's parseScannedNumber reads it back.
 */
export function cardPayload(number: string, barcode: CardBarcode): string | null {
  if (!symbologyCarries(barcode.symbology, number)) return null
  return barcode.symbology === 'codabar' ? `${barcode.start}${number}${barcode.stop}` : number
}
