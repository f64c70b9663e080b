import { describe, expect, it } from 'vitest'
import { isWithdrawn } from './withdrawn.ts'

describe('withdrawn copies (除籍, issue 15)', () => {
  it('a copy is withdrawn when it or its record is; otherwise it circulates', () => {
    expect(isWithdrawn({ copyWithdrawnAt: null, titleWithdrawnAt: null })).toBe(false)
    expect(isWithdrawn({ copyWithdrawnAt: 1, titleWithdrawnAt: null })).toBe(true)
    expect(isWithdrawn({ copyWithdrawnAt: null, titleWithdrawnAt: 1 })).toBe(true)
  })
})
