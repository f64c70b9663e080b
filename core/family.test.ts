import { describe, expect, it } from 'vitest'
import { givenName, holderOf } from './family.ts'

describe('ACC-FAMILY: whose card', () => {
  it('ACC-FAMILY: names the holder by the given name, family name first as stored', () => {
    expect(givenName('山田 花子')).toBe('花子')
    expect(givenName('山田　太郎')).toBe('太郎')
    expect(givenName('エマ')).toBe('エマ')
    expect(holderOf('山田 花子')).toEqual({ ja: '花子さん', en: '花子' })
  })
})
