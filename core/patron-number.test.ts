import { describe, expect, it } from 'vitest'
import { checkPatronNumber, patronNumberFormatText } from './patron-number.ts'
import { HIRAKATA_POLICY as P } from './policy.ts'
import { parsePolicy } from './policy-parse.ts'

const letters = {
  ...P,
  barcode: { ...P.barcode, symbology: 'code39' as const },
  patronNumber: {
    pattern: '^[A-Z][0-9]{7}$',
    maxLength: 8,
    keypad: 'text' as const,
    example: 'K0012345',
  },
}

describe('patron number format from the Policy (issue 14 item 4)', () => {
  it('LINE-LINK: Hirakata takes digits only, full-width and spaced input folded', () => {
    expect(checkPatronNumber('1000000001', P)).toEqual({ ok: true, value: '1000000001' })
    expect(checkPatronNumber('１０００ ０００ ００１', P)).toEqual({
      ok: true,
      value: '1000000001',
    })
    expect(checkPatronNumber('A1000001', P)).toMatchObject({ ok: false, reason: 'invalid_number' })
    expect(checkPatronNumber('123', P)).toMatchObject({ ok: false })
    expect(checkPatronNumber('1'.repeat(21), P)).toMatchObject({ ok: false })
  })

  it('LINE-LINK: the refusal names the expected format with the example', () => {
    const refused = checkPatronNumber('abc', P)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.message.ja).toContain('数字')
    expect(refused.message.ja).toContain('例：1000000001')
    expect(refused.message.en).toContain('e.g. 1000000001')
    expect(patronNumberFormatText(letters).ja).toContain('英数字')
  })

  it('LINE-LINK: a library whose ids hold letters takes them on a text keypad', () => {
    expect(checkPatronNumber('K0012345', letters)).toEqual({ ok: true, value: 'K0012345' })
    expect(checkPatronNumber('Ｋ００１２３４５', letters)).toEqual({ ok: true, value: 'K0012345' })
    expect(checkPatronNumber('10012345', letters)).toMatchObject({ ok: false })
  })

  it('LINE-CARD: a policy whose ids hold letters on NW-7 cards is refused (Codabar has no letters)', () => {
    const bad = parsePolicy({
      patronNumber: { pattern: '^[A-Z][0-9]{7}$', keypad: 'text', example: 'K0012345' },
    })
    expect(bad).toMatchObject({ ok: false, errors: [{ field: 'barcode.symbology' }] })
    const good = parsePolicy({
      barcode: { symbology: 'code39' },
      patronNumber: {
        pattern: '^[A-Z][0-9]{7}$',
        keypad: 'text',
        example: 'K0012345',
        maxLength: 8,
      },
    })
    expect(good.ok && good.policy.patronNumber.keypad).toBe('text')
    expect(parsePolicy({ patronNumber: { pattern: '([' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'patronNumber.pattern' }],
    })
    expect(parsePolicy({ patronNumber: { example: '12' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'patronNumber.example' }],
    })
    expect(parsePolicy({ barcode: { symbology: 'qr' } })).toMatchObject({ ok: false })
  })
})
