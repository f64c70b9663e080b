/**
 * Text ⇄ bytes for SIP2. UTF-8 by default (TextEncoder, everywhere); Shift_JIS for Japanese
 * systems that still need it and Latin-1 for old kiosks (shift-jis.ts: the platform's WHATWG
 * decoder, on Node and Workers alike).
 *
 * A character the charset cannot carry is an error, never a silent `?`: a barcode or a
 * patron number that changes on the wire would act on someone else's record.
 */
import {
  decodeLatin1,
  decodeShiftJis,
  encodeLatin1,
  encodeShiftJis,
  shiftJisHas,
} from './shift-jis.ts'

export type Charset = 'utf-8' | 'shift_jis' | 'latin1'

export const CHARSETS: readonly Charset[] = ['utf-8', 'shift_jis', 'latin1']

export class CharsetError extends Error {
  override name = 'CharsetError'
}

/** The charset named by a setting such as SIP2_CHARSET (case and dashes ignored), or null. */
export function charsetNamed(name: string): Charset | null {
  const n = name.toLowerCase().replace(/[-_]/g, '')
  if (n === 'utf8') return 'utf-8'
  if (n === 'shiftjis' || n === 'sjis') return 'shift_jis'
  if (n === 'latin1' || n === 'iso88591') return 'latin1'
  return null
}

/** Half of a surrogate pair on its own: not a character, so not encodable. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

export function encodeText(text: string, charset: Charset): Uint8Array {
  if (charset === 'utf-8') {
    if (LONE_SURROGATE.test(text)) throw new CharsetError('text is not well-formed Unicode')
    return utf8Encoder.encode(text)
  }
  const bytes = charset === 'shift_jis' ? encodeShiftJis(text) : encodeLatin1(text)
  if (!bytes) throw new CharsetError(`text has characters ${charset} cannot carry`)
  return bytes
}

export function decodeText(bytes: Uint8Array, charset: Charset): string {
  if (charset === 'utf-8') {
    try {
      return utf8Decoder.decode(bytes)
    } catch {
      throw new CharsetError('bytes are not valid UTF-8')
    }
  }
  if (charset === 'latin1') return decodeLatin1(bytes)
  const text = decodeShiftJis(bytes)
  if (text === null) throw new CharsetError('bytes are not valid Shift_JIS')
  return text
}

/**
 * `text` with every character the charset cannot carry replaced by `?` — for the words a
 * kiosk shows (titles, screen messages), never for identifiers.
 */
export function fitText(text: string, charset: Charset): string {
  if (charset === 'utf-8') return text.replace(LONE_SURROGATE, '?')
  let out = ''
  const has = charset === 'shift_jis' ? shiftJisHas : (ch: string) => ch.charCodeAt(0) <= 0xff
  for (const ch of text) out += has(ch) ? ch : '?'
  return out
}
