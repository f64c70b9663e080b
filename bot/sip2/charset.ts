/**
 * Text ⇄ bytes for SIP2. UTF-8 by default (TextEncoder, everywhere); Shift_JIS for Japanese
 * systems that still need it and Latin-1 for old kiosks go through iconv-lite (pure JS; on
 * Workers it needs the nodejs_compat flag for Buffer, which wrangler.toml sets).
 *
 * A character the charset cannot carry is an error, never a silent `?`: a barcode or a
 * patron number that changes on the wire would act on someone else's record.
 */
import iconv from 'iconv-lite'

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
  const bytes = iconv.encode(text, charset)
  if (iconv.decode(bytes, charset) !== text)
    throw new CharsetError(`text has characters ${charset} cannot carry`)
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export function decodeText(bytes: Uint8Array, charset: Charset): string {
  if (charset === 'utf-8') {
    try {
      return utf8Decoder.decode(bytes)
    } catch {
      throw new CharsetError('bytes are not valid UTF-8')
    }
  }
  // Shift_JIS decoding maps invalid sequences to U+FFFD; that is refused like bad UTF-8.
  const text = iconv.decode(bytes as Buffer, charset)
  if (charset === 'shift_jis' && text.includes('\uFFFD'))
    throw new CharsetError('bytes are not valid Shift_JIS')
  return text
}

/**
 * `text` with every character the charset cannot carry replaced by `?` — for the words a
 * kiosk shows (titles, screen messages), never for identifiers.
 */
export function fitText(text: string, charset: Charset): string {
  if (charset === 'utf-8') return text.replace(LONE_SURROGATE, '?')
  let out = ''
  for (const ch of text) out += iconv.decode(iconv.encode(ch, charset), charset) === ch ? ch : '?'
  return out
}
