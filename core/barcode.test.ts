import { describe, expect, it } from 'vitest'
import { cardBarcodePayload, parseScannedNumber } from './barcode.ts'
import { P } from './test-fixtures.ts'

describe('library card barcode', () => {
  it('LINE-CARD: the payload is the patron number between the NW-7 start/stop characters', () => {
    expect(cardBarcodePayload('12345678', P)).toEqual({
      ok: true,
      value: { payload: 'A12345678A', format: 'codabar' },
    })
    const other = {
      ...P,
      barcode: { symbology: 'codabar' as const, start: 'B' as const, stop: 'C' as const },
    }
    expect(cardBarcodePayload('12345678', other)).toMatchObject({
      value: { payload: 'B12345678C' },
    })
    expect(cardBarcodePayload('12a45', P)).toMatchObject({ ok: false, reason: 'invalid_number' })
  })

  it('LINE-CARD: a scanned number parses with or without start/stop characters', () => {
    expect(parseScannedNumber('A12345678A')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('12345678')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber(' c12345678d\n')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('１２３４５６７８')).toEqual({ ok: true, value: '12345678' })
    expect(parseScannedNumber('A12X45678A')).toMatchObject({ ok: false, reason: 'invalid_number' })
    expect(parseScannedNumber('')).toMatchObject({ ok: false })
  })

  it('LINE-CARD: payload and parse round-trip', () => {
    const made = cardBarcodePayload('00012345', P)
    expect(made.ok && parseScannedNumber(made.value.payload)).toEqual({
      ok: true,
      value: '00012345',
    })
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
  const code128 = {
    ...code39,
    barcode: { ...P.barcode, symbology: 'code128' as const },
    patronNumber: { ...code39.patronNumber, pattern: '^[A-Za-z0-9]{4,12}$', maxLength: 12 },
  }

  it('LINE-CARD: Code 39 and Code 128 carry the id alone, letters included, with no start/stop', () => {
    expect(cardBarcodePayload('AB123456', code39)).toEqual({
      ok: true,
      value: { payload: 'AB123456', format: 'code39' },
    })
    expect(cardBarcodePayload('Lib0042x', code128)).toEqual({
      ok: true,
      value: { payload: 'Lib0042x', format: 'code128' },
    })
  })

  it('LINE-CARD: NW-7 refuses letters, Code 39 refuses lower case, both refuse what the pattern does not allow', () => {
    expect(cardBarcodePayload('AB123456', P)).toMatchObject({ ok: false, reason: 'invalid_number' })
    const lettersOnCodabar = { ...code39, barcode: P.barcode }
    expect(cardBarcodePayload('AB123456', lettersOnCodabar)).toMatchObject({ ok: false })
    const lower = { ...code39, patronNumber: { ...code39.patronNumber, pattern: '^[a-z0-9]+$' } }
    expect(cardBarcodePayload('ab123456', lower)).toMatchObject({ ok: false })
    expect(cardBarcodePayload('A1234567', code39)).toMatchObject({ ok: false })
  })

  it('LINE-CARD: a Code 39 scan starting with A–D keeps those letters (no Codabar start/stop)', () => {
    expect(parseScannedNumber('AB123456', code39)).toEqual({ ok: true, value: 'AB123456' })
    expect(parseScannedNumber('ＡＢ１２３４５６', code39)).toEqual({ ok: true, value: 'AB123456' })
    expect(parseScannedNumber('AB123456', P)).toMatchObject({ ok: false })
  })
})
