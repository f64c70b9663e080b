/** Property: for every message in the catalogue, encode → parse is the identity. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type FixedPart, MESSAGE_SPECS } from './catalogue.ts'
import type { Charset } from './charset.ts'
import { decodeFrame, encodeFrame, type Field, type Sip2Message } from './index.ts'

const chars = (s: string) => fc.constantFrom(...s)
const str = (alphabet: fc.Arbitrary<string>, n: number) =>
  fc.array(alphabet, { minLength: n, maxLength: n }).map((a) => a.join(''))
const digitStr = (n: number) => str(chars('0123456789'), n)

function fixedArb(part: FixedPart): fc.Arbitrary<string> {
  if (part.oneOf) return fc.constantFrom(...part.oneOf)
  switch (part.kind) {
    case 'yn':
      return chars('YN')
    case 'ynu':
      return chars('YNU')
    case 'flags':
      return str(chars('Y '), part.length)
    case 'digits':
      return fc.oneof(digitStr(part.length), fc.constant(' '.repeat(part.length)))
    case 'date':
      return fc.oneof(
        fc.tuple(digitStr(8), fc.constantFrom('    ', '   Z'), digitStr(6)).map((t) => t.join('')),
        fc.constant(' '.repeat(18)),
      )
    case 'version':
      return fc.tuple(digitStr(1), digitStr(2)).map(([a, b]) => `${a}.${b}`)
    case 'text':
      return str(
        fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
        part.length,
      )
  }
}

/** What each charset can carry, minus the separators `|`, `\r`, `\n`. */
const VALUE_CHARS: Record<Charset, fc.Arbitrary<string>> = {
  'utf-8': fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[|\r\n]/g, '')),
  shift_jis: fc
    .array(chars('abcXYZ0129 -/.あいうアイウ山田花子図書館ポソ表能申'), { maxLength: 20 })
    .map((a) => a.join('')),
  latin1: fc
    .array(fc.integer({ min: 0x20, max: 0xff }), { maxLength: 20 })
    .map((a) => String.fromCharCode(...a.filter((c) => c !== 0x7c && (c < 0x7f || c > 0x9f)))),
}

const fieldId = fc
  .tuple(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'))
  .map(([a, b]) => a + b)
  .filter((id) => id !== 'AY' && id !== 'AZ')

function messageArb(charset: Charset): fc.Arbitrary<Sip2Message> {
  return fc.constantFrom(...MESSAGE_SPECS).chain((spec) =>
    fc.record({
      code: fc.constant(spec.code),
      fixed: fc.record(Object.fromEntries(spec.fixed.map((p) => [p.name, fixedArb(p)]))),
      fields: fc.array(
        fc.tuple(fieldId, VALUE_CHARS[charset]).map((t) => t as Field),
        { maxLength: 8 },
      ),
    }),
  )
}

describe('SIP2 codec round trip (fast-check)', () => {
  for (const charset of ['utf-8', 'shift_jis', 'latin1'] as const) {
    it(`decode(encode(m)) = m for every message, in ${charset}, with and without error detection`, () => {
      fc.assert(
        fc.property(messageArb(charset), fc.option(fc.integer({ min: 0, max: 9 })), (msg, seq) => {
          const frame = decodeFrame(encodeFrame(msg, { charset, sequence: seq }), { charset })
          expect(frame.message).toEqual(msg)
          expect(frame.sequence).toBe(seq)
          expect(frame.checked).toBe(seq !== null)
        }),
        { numRuns: 300 },
      )
    })
  }
})
