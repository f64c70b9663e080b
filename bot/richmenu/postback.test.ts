import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POSTBACK_ACTIONS, parsePostback, postbackData } from './postback.ts'

describe('postback data', () => {
  it('round-trips every action with parameters', () => {
    for (const action of POSTBACK_ACTIONS) {
      const data = postbackData(action, { from: 'menu', x: 'a&b=c' })
      expect(data.startsWith(`action=${action}`)).toBe(true)
      expect(parsePostback(data)).toEqual({ action, params: { from: 'menu', x: 'a&b=c' } })
    }
    expect(postbackData('link')).toBe('action=link')
  })

  it('gives null for data that is not ours', () => {
    for (const data of [
      '',
      'action=',
      'action=delete_everything',
      'link',
      'foo=bar',
      'a'.repeat(301),
    ])
      expect(parsePostback(data)).toBeNull()
  })

  it('refuses to build data over LINE’s 300 characters', () => {
    expect(() => postbackData('link', { pad: 'x'.repeat(300) })).toThrow(RangeError)
  })

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const p = parsePostback(s)
        if (p) expect(POSTBACK_ACTIONS).toContain(p.action)
      }),
    )
  })
})
