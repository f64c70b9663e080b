import { describe, expect, it } from 'vitest'
import { enTimes, jaTimes } from './time-words.ts'

describe('times in a sentence (NOTICE-SLOTS)', () => {
  it('NOTICE-SLOTS: Japanese names whole hours as 時 and minutes as 分, joined as asked', () => {
    expect(jaTimes(['10:00', '16:00'], '・')).toBe('10時・16時')
    expect(jaTimes(['09:30', '16:00', '19:00'], 'と')).toBe('9時30分と16時と19時')
    expect(jaTimes([], '・')).toBe('')
  })

  it('NOTICE-SLOTS: English drops the leading zero and joins the last time with "and"', () => {
    expect(enTimes(['10:00'])).toBe('10:00')
    expect(enTimes(['10:00', '16:00'])).toBe('10:00 and 16:00')
    expect(enTimes(['09:00', '13:00', '16:00'])).toBe('9:00, 13:00 and 16:00')
    expect(enTimes([])).toBe('')
  })
})
