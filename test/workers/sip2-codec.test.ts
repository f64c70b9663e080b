/**
 * The SIP2 codec inside workerd (nodejs_compat, as wrangler.toml sets): a client adapter on
 * Workers uses the same codec, so it must run there — Shift_JIS and Latin-1 through iconv-lite
 * included.
 */
import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, field, sipDate } from '../../bot/sip2/index.ts'

describe('SIP2 codec on Workers', () => {
  it('checks the specification’s checksum example', () => {
    const frame = decodeFrame(new TextEncoder().encode('9900302.00AY1AZFCA5\r'))
    expect(frame).toMatchObject({ sequence: 1, checked: true, message: { code: '99' } })
  })

  it('round-trips Japanese text in Shift_JIS and refuses it in Latin-1', () => {
    const msg = {
      code: '24',
      fixed: { patronStatus: ' '.repeat(14), language: '016', transactionDate: sipDate(0) },
      fields: [
        ['AO', 'hirakata'],
        ['AE', '山田 花子'],
      ] as [string, string][],
    }
    const wire = encodeFrame(msg, { charset: 'shift_jis', sequence: 3 })
    expect(field(decodeFrame(wire, { charset: 'shift_jis' }).message, 'AE')).toBe('山田 花子')
    expect(() => encodeFrame(msg, { charset: 'latin1' })).toThrow(/cannot carry/)
  })
})
