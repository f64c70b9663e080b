import { describe, expect, it } from 'vitest'
import { parseScannedNumber } from './barcode.ts'
import { cardPayload } from './symbology.ts'
import { P } from './test-fixtures.ts'

describe('library card barcode', () => {
  it('LINE-CARD: the payload is the patron number between the NW-7 start/stop characters', () => {
    expect(cardPayload('12345678', P.barcode)).toBe('A12345678A')
    expect(cardPayload('12345678', { symbology: 'codabar', start: 'B', stop: 'C' })).toBe(
      'B12345678C',
    )
    expect(cardPayload('12a45', P.barcode)).toBeNull()
    expect(cardPayload('', P.barcode)).toBeNull()
  })

  it('LINE-CARD: a scanned number parses with or without start/stop characters', () => {
    expect(parseScannedNumber('A12345678A')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('12345678')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber(' c12345678d\n')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('１２３４５６７８')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('A12X45678A')).toMatchObject({ ok: false, reason: 'invalid_number' })
    expect(parseScannedNumber('')).toMatchObject({ ok: false })
  })

  it('LINE-CARD: what the card draws, the counter reads back as the same number', () => {
    const made = cardPayload('00012345', P.barcode)
    expect(made && parseScannedNumber(made)).toEqual({ ok: true, value: '00012345' })
  })
})

describe('library card barcode in other symbologies (issue 14: ids with letters)', () => {
  const code39 = {
    ...P,
    barcode: { ...P.barcode, symbology: 'code39' as const },
    patronNumber: {
      pattern: '^[A-Z]{2}[0-9]{6}$',
      maxLength: 8,
      keypad: 'text' as const,
      example: 'AB123456',
    },
  }
  const code128 = { ...P.barcode, symbology: 'code128' as const }

  it('LINE-CARD: Code 39 and Code 128 carry the id alone, letters included, with no start/stop', () => {
    expect(cardPayload('AB123456', code39.barcode)).toBe('AB123456')
    expect(cardPayload('Lib0042x', code128)).toBe('Lib0042x')
  })

  it('LINE-CARD: NW-7 refuses letters, Code 39 lower case, Code 128 what is not printable ASCII', () => {
    expect(cardPayload('AB123456', P.barcode)).toBeNull()
    expect(cardPayload('ab123456', code39.barcode)).toBeNull()
    expect(cardPayload('図書1', code128)).toBeNull()
  })

  it('LINE-CARD: a Code 39 card reads back as itself, A–D included (no Codabar start/stop)', () => {
    const made = cardPayload('AB123456', code39.barcode)
    expect(made && parseScannedNumber(made, code39)).toEqual({ ok: true, value: 'AB123456' })
    expect(parseScannedNumber('ＡＢ１２３４５６', code39)).toEqual({ ok: true, value: 'AB123456' })
    expect(parseScannedNumber('AB123456', P)).toMatchObject({ ok: false })
  })
})
