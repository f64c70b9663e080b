/**
 * The codec against messages written by hand from the SIP 2.00 specification's examples
 * (checksums worked out separately), and its refusals.
 */
import { describe, expect, it } from 'vitest'
import {
  checksum,
  decodeFrame,
  encodeFrame,
  field,
  fieldsOf,
  LineSplitter,
  parseSipDate,
  Sip2Problem,
  sipDate,
} from './index.ts'

const bytes = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)

const EXAMPLES = [
  '96AZFEF6',
  '9900302.00AY1AZFCA5',
  '9300CNLoginUserID|COLoginPassword|CPLocationCode|AY0AZEC80',
  '2300119960212    100239AOid_21|AA104000000105|AC|AD|AY2AZF271',
  '11YN19960212    10051419960212    100514AOCertification Institute ID|AAPatronID|ABItemBook|AC|AY3AZE2FF',
  '09N19980821    085721                  APCertification Terminal Location|AOCertification Institute ID|ABCheckInBook|ACTPWord|BIN|AY4AZD6A3',
  '64              00119980723    104009000100000002000100020000AOInstitutionID for PatronID|AAPatronID|AEPatron Name|BZ0002|CA0003|CB0010|BLY|ASpatron hold item|AUcharged item 1|AUcharged item 2|BDAddress|BEemail@address.com|BF555-1212|AY5AZB826',
  '98YYYYNN01000319960214    1447001.00AOID_21|AMCentral Library|ANtty30|AFScreen Message|AGPrint Message|AY6AZDEC1',
]

describe('SIP2 codec: the specification’s examples', () => {
  it('computes the checksum of the request-resend message as the standard does', () => {
    expect(checksum(bytes('96AZ'))).toBe('FEF6')
    expect(checksum(bytes('9900302.00AY1AZ'))).toBe('FCA5')
  })

  it.each(EXAMPLES)('reads %s and writes it back byte for byte', (wire) => {
    const frame = decodeFrame(bytes(`${wire}\r`))
    expect(frame.checked).toBe(true)
    const again = encodeFrame(frame.message, { sequence: frame.sequence, checksum: frame.checked })
    expect(text(again)).toBe(`${wire}\r`)
  })

  it('reads the fixed parts and fields of a checkout by name and id', () => {
    const { message, sequence } = decodeFrame(bytes(`${EXAMPLES[4]}\r\n`))
    expect(message.code).toBe('11')
    expect(sequence).toBe(3)
    expect(message.fixed).toEqual({
      scRenewalPolicy: 'Y',
      noBlock: 'N',
      transactionDate: '19960212    100514',
      nbDueDate: '19960212    100514',
    })
    expect(field(message, 'AB')).toBe('ItemBook')
    expect(field(message, 'AC')).toBe('')
  })

  it('keeps repeated fields in order and finds fields wherever they stand', () => {
    const { message } = decodeFrame(bytes(`${EXAMPLES[6]}\r`))
    expect(fieldsOf(message, 'AU')).toEqual(['charged item 1', 'charged item 2'])
    expect(message.fixed.chargedItemsCount).toBe('0002')
    const reordered = decodeFrame(bytes('2300119960212    100239AA104000000105|AOid_21|\r'))
    expect(field(reordered.message, 'AO')).toBe('id_21')
    expect(reordered.sequence).toBeNull()
    expect(reordered.checked).toBe(false)
  })

  it('accepts a last field without its bar, as some kiosks send it', () => {
    const { message } = decodeFrame(bytes('1720261203    101500AOhirakata|AB2000000010'))
    expect(field(message, 'AB')).toBe('2000000010')
  })

  it('carries Japanese text in Shift_JIS with the checksum over its bytes', () => {
    const msg = {
      code: '24',
      fixed: {
        patronStatus: '              ',
        language: '016',
        transactionDate: '20261203    101500',
      },
      fields: [
        ['AO', 'hirakata'] as const,
        ['AA', '1000000001'] as const,
        ['AE', '山田 花子'] as const,
        ['AF', 'ポ|'.slice(0, 1)] as const,
      ],
    }
    const wire = encodeFrame(msg, { charset: 'shift_jis', sequence: 8 })
    // ポ is 0x83 0x7C in Shift_JIS: its second byte is the field separator in ASCII.
    expect([...wire]).toContain(0x7c)
    expect(decodeFrame(wire, { charset: 'shift_jis' }).message).toEqual(msg)
    expect(() => decodeFrame(wire)).toThrow(Sip2Problem)
  })
})

describe('SIP2 codec: refusals', () => {
  const kind = (f: () => unknown) => {
    try {
      f()
    } catch (err) {
      return err instanceof Sip2Problem ? err.kind : 'other'
    }
    return 'none'
  }

  it('refuses a wrong checksum, an unknown type, a short or ill-formed fixed part', () => {
    expect(kind(() => decodeFrame(bytes('9900302.00AY1AZFCA6')))).toBe('bad_checksum')
    expect(kind(() => decodeFrame(bytes('XX123')))).toBe('unknown_type')
    expect(kind(() => decodeFrame(bytes('11YN1996')))).toBe('too_short')
    expect(kind(() => decodeFrame(bytes('11QN19960212    10051419960212    100514')))).toBe(
      'bad_fixed',
    )
    expect(kind(() => decodeFrame(bytes('1720261203    101500ao|')))).toBe('bad_field')
    expect(kind(() => decodeFrame(new Uint8Array([0x31, 0x37, 0xff])))).toBe('bad_charset')
  })

  it('refuses to write a value holding a separator or a character the charset lacks', () => {
    const msg = {
      code: '17',
      fixed: { transactionDate: sipDate(0) },
      fields: [['AB', 'a|b'] as const],
    }
    expect(kind(() => encodeFrame(msg))).toBe('bad_field')
    const kanji = { ...msg, fields: [['AE', '山田'] as const] }
    expect(kind(() => encodeFrame(kanji, { charset: 'latin1' }))).toBe('bad_charset')
    expect(kind(() => encodeFrame({ ...msg, fixed: {} }))).toBe('bad_fixed')
  })
})

describe('SIP2 framing', () => {
  it('splits a stream at \\r, tolerating \\r\\n and messages cut across chunks', () => {
    const s = new LineSplitter(100)
    expect(s.push(bytes('9900302.00\r\n99003')).map(text)).toEqual(['9900302.00'])
    expect(s.push(bytes('02.00\r')).map(text)).toEqual(['9900302.00'])
    expect(s.push(bytes('\n')).map(text)).toEqual([])
    expect(s.buffered).toBe(0)
  })

  it('refuses a line over its limit even before the terminator arrives', () => {
    const s = new LineSplitter(10)
    expect(() => s.push(bytes('x'.repeat(11)))).toThrow(/too_long/)
  })
})

describe('SIP2 dates', () => {
  it('writes Japan time with a blank zone and reads local and UTC dates back', () => {
    const at = Date.UTC(2026, 11, 3, 1, 15, 0)
    expect(sipDate(at)).toBe('20261203    101500')
    expect(parseSipDate('20261203    101500')).toBe(at)
    expect(parseSipDate('20261203   Z011500')).toBe(at)
    expect(parseSipDate('                  ')).toBeNull()
  })
})
