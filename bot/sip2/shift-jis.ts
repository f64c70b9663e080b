/**
 * Shift_JIS and Latin-1 for SIP2 without a codec library (issue 21). Decoding Shift_JIS is the
 * platform's WHATWG `TextDecoder('shift_jis')`, which Node and workerd both have; encoding uses
 * the same decoder read backwards: every one- and two-byte sequence is decoded once, on first
 * use, into a table from character to bytes. iconv-lite did this before, but bundled into the
 * Worker it brought every table it has (Chinese and Korean ones too): 541 KiB of the Worker.
 *
 * What the table chooses, as the WHATWG Shift_JIS encoder does: where a character has two
 * codes, the lower one, except that the NEC-selected IBM extensions (0xED40–0xEEFC) are never
 * written (their IBM twins 0xFA40– are); the user-defined area (lead bytes 0xF0–0xF9, which
 * decodes to private-use characters) is never written either. `¥` and `‾` have no code of
 * their own (0x5C and 0x7E read as `\` and `~`), so they cannot be carried; nor can U+0080,
 * which ICU's Shift_JIS does not read (WHATWG's reads it as byte 0x80). The user-defined area
 * is still read (as private-use characters) when a library system sends it.
 *
 * The characters JIS X 0208 and Microsoft's code page 932 map apart (〜 U+301C, − U+2212,
 * ‖ U+2016, — U+2014, ¢ £ ¬) are written as their code page 932 twins' codes (0x8160 for 〜),
 * which is how a Japanese library system stores them: a catalogue imported as Unicode writes
 * 〜 as U+301C, while the platform's decoder reads 0x8160 as ～ U+FF5E, so without this a
 * title with 〜 in it could not be sent at all. They read back as the twins.
 *
 * Latin-1 is ISO-8859-1: byte n is U+00n, both ways (not windows-1252, which the WHATWG label
 * "latin1" means to a TextDecoder).
 */

const decoder = new TextDecoder('shift_jis', { fatal: true })

let table: Map<string, number> | null = null

function platformDecodes(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes)
  } catch {
    return null
  }
}

/**
 * ICU's Shift_JIS (Node's TextDecoder) swaps the control bytes 0x1A, 0x1C and 0x7F, as IBM's
 * code page 943 does. Neither byte can be part of a two-byte character, so the text is decoded
 * piece by piece around them and they are read as themselves, as every other ASCII byte is.
 */
const SWAPPED = new Set([0x1a, 0x1c, 0x7f])

function decodes(bytes: Uint8Array): string | null {
  if (!bytes.some((b) => SWAPPED.has(b))) return platformDecodes(bytes)
  let out = ''
  let from = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && !SWAPPED.has(bytes[i]!)) continue
    const piece = platformDecodes(bytes.subarray(from, i))
    if (piece === null) return null
    out += piece
    if (i < bytes.length) out += String.fromCharCode(bytes[i]!)
    from = i + 1
  }
  return out
}

/** Character → its Shift_JIS code (one byte, or lead << 8 | trail). */
function encodeTable(): Map<string, number> {
  if (table) return table
  const t = new Map<string, number>()
  for (let b = 0; b < 0x80; b++) t.set(String.fromCharCode(b), b)
  const one = new Uint8Array(1)
  for (let b = 0xa1; b <= 0xdf; b++) {
    one[0] = b
    const ch = decodes(one)
    if (ch) t.set(ch, b)
  }
  const two = new Uint8Array(2)
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if ((lead >= 0xa0 && lead <= 0xdf) || (lead >= 0xf0 && lead <= 0xf9)) continue
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const code = (lead << 8) | trail
      if (trail === 0x7f || (code >= 0xed40 && code <= 0xeefc)) continue
      two[0] = lead
      two[1] = trail
      const ch = decodes(two)
      if (ch && !t.has(ch)) t.set(ch, code)
    }
  }
  for (const [variant, twin] of JIS_TWINS) {
    const code = t.get(twin)
    if (code !== undefined && !t.has(variant)) t.set(variant, code)
  }
  table = t
  return t
}

/** JIS X 0208's reading of a code → code page 932's (the platform decoder's) reading of it. */
export const JIS_TWINS: readonly [string, string][] = [
  ['\u301C', '\uFF5E'],
  ['\u2212', '\uFF0D'],
  ['\u2016', '\u2225'],
  ['\u2014', '\u2015'],
  ['\u00A2', '\uFFE0'],
  ['\u00A3', '\uFFE1'],
  ['\u00AC', '\uFFE2'],
]

/** The bytes of `text` in Shift_JIS, or null if a character has no code. */
export function encodeShiftJis(text: string): Uint8Array | null {
  const t = encodeTable()
  const out: number[] = []
  for (const ch of text) {
    const code = t.get(ch)
    if (code === undefined) return null
    if (code > 0xff) out.push(code >> 8, code & 0xff)
    else out.push(code)
  }
  return Uint8Array.from(out)
}

/** Whether Shift_JIS has a code for `ch` (one character). */
export const shiftJisHas = (ch: string) => encodeTable().has(ch)

/** `bytes` read as Shift_JIS, or null if they are not valid Shift_JIS. */
export const decodeShiftJis = (bytes: Uint8Array): string | null => decodes(bytes)

/** The bytes of `text` in ISO-8859-1, or null if a character is above U+00FF. */
export function encodeLatin1(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0xff) return null
    out[i] = c
  }
  return out
}

/** `bytes` read as ISO-8859-1: every byte is a character. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += String.fromCharCode(b)
  return out
}
