/**
 * The Shift_JIS and Latin-1 codecs (shift-jis.ts) against iconv-lite, which bunko used before
 * and still uses for CSV exports: the same bytes for every character both can carry, and the
 * same text for every byte sequence, apart from the differences the file comment names.
 */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  decodeLatin1,
  decodeShiftJis,
  encodeLatin1,
  encodeShiftJis,
  shiftJisHas,
} from './shift-jis.ts'

const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null)

/** iconv-lite's bytes for `ch`, or null where they do not read back as `ch`. */
function iconvBytes(ch: string): string | null {
  const b = iconv.encode(ch, 'shift_jis')
  return iconv.decode(b, 'shift_jis') === ch ? b.toString('hex') : null
}

/** The JIS X 0208 characters written as their code page 932 twins (shift-jis.ts). */
const TWINS = new Set([0x301c, 0x2212, 0x2016, 0x2014, 0xa2, 0xa3, 0xac])

const isLead = (b: number) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)

describe('Shift_JIS without iconv-lite', () => {
  it('writes every character as iconv-lite does (U+0080 and the JIS twins aside), and refuses the same ones', () => {
    const differ: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0x80 || TWINS.has(c)) continue
      const ch = String.fromCharCode(c)
      if (hex(encodeShiftJis(ch)) !== iconvBytes(ch)) differ.push(c.toString(16))
    }
    expect(differ).toEqual([])
    expect(encodeShiftJis('図書館カード¥')).toBeNull()
    expect(hex(encodeShiftJis('図書館ｶｰﾄﾞA1'))).toBe(hex(iconv.encode('図書館ｶｰﾄﾞA1', 'shift_jis')))
  })

  it('writes 〜 − ‖ — ¢ £ ¬ (JIS X 0208) as code page 932 writes ～ － ∥ ― ￠ ￡ ￢, which they read back as', () => {
    const jis = '〜−‖—¢£¬'
    const cp932 = '～－∥―￠￡￢'
    expect(hex(encodeShiftJis(`増補版${jis}`))).toBe(
      hex(iconv.encode(`増補版${cp932}`, 'shift_jis')),
    )
    expect(hex(encodeShiftJis('〜'))).toBe('8160')
    expect(decodeShiftJis(encodeShiftJis(jis)!)).toBe(cp932)
    expect([...jis].every(shiftJisHas)).toBe(true)
    expect([...jis].map((ch) => ch.charCodeAt(0)).every((c) => TWINS.has(c))).toBe(true)
  })

  it('reads every one- and two-byte sequence as iconv-lite does, outside the user-defined area', () => {
    const differ: string[] = []
    for (let lead = 0; lead <= 0xff; lead++) {
      if (lead === 0x80 || (lead >= 0xf0 && lead <= 0xf9)) continue
      const seqs = isLead(lead)
        ? Array.from({ length: 0x100 }, (_, t) => Uint8Array.of(lead, t))
        : [Uint8Array.of(lead)]
      for (const bytes of seqs) {
        const theirs = iconv.decode(Buffer.from(bytes), 'shift_jis')
        const expected = theirs.includes('\uFFFD') ? null : theirs
        if (decodeShiftJis(bytes) !== expected) differ.push(hex(bytes)!)
      }
    }
    expect(differ).toEqual([])
  })

  it('reads the control bytes 0x1A, 0x1C and 0x7F as themselves, also between characters', () => {
    const text = '\u001a図\u001c書\u007f'
    const bytes = encodeShiftJis(text)
    expect(hex(bytes)).toBe('1a907d1c8f917f')
    expect(decodeShiftJis(bytes!)).toBe(text)
    // A lead byte cut off by a control byte is not Shift_JIS.
    expect(decodeShiftJis(Uint8Array.of(0x90, 0x1a))).toBeNull()
    expect(shiftJisHas('\u007f')).toBe(true)
  })
})

describe('Latin-1', () => {
  it('is byte n as U+00n both ways, and refuses anything above U+00FF', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    const text = decodeLatin1(all)
    expect([...text].map((c) => c.charCodeAt(0))).toEqual([...all])
    expect(encodeLatin1(text)).toEqual(all)
    expect(encodeLatin1('Ā')).toBeNull()
  })
})
