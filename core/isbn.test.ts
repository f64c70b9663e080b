import { describe, expect, it } from 'vitest'
import { ean13CheckDigit, parseIsbn13 } from './isbn.ts'

describe('ISBN scan: EAN-13 978/979', () => {
  it('computes the EAN-13 check digit', () => {
    expect(ean13CheckDigit('978406519433')).toBe(1)
    expect(ean13CheckDigit('979100000000')).toBe(8)
    expect(ean13CheckDigit('490000000000')).toBe(9)
  })

  it('accepts a 978 or 979 code with a right check digit, hyphens and spaces removed', () => {
    expect(parseIsbn13('9784065194331')).toEqual({ ok: true, value: '9784065194331' })
    expect(parseIsbn13('978-4-06-519433-1')).toEqual({ ok: true, value: '9784065194331' })
    expect(parseIsbn13(' 9791000000008 ')).toEqual({ ok: true, value: '9791000000008' })
  })

  it('refuses a wrong check digit, a non-book EAN and what is not 13 digits, saying why', () => {
    const reasons = (c: unknown) => {
      const r = parseIsbn13(c)
      return r.ok ? 'ok' : r.reason
    }
    expect(reasons('9784065194332')).toBe('check_digit')
    expect(reasons('4900000000009')).toBe('not_book')
    expect(reasons('406519433X')).toBe('not_ean13')
    expect(reasons('97840651943311')).toBe('not_ean13')
    expect(reasons(9784065194331)).toBe('not_ean13')
    const r = parseIsbn13('4900000000009')
    if (!r.ok) expect(r.message.ja).toContain('978')
  })
})
