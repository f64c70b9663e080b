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
