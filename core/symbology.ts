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
