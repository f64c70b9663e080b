import { describe, expect, it } from 'vitest'
import { langOf, replyLangOf } from './lang.ts'

describe('the language a typed message is answered in', () => {
  it('Japanese script (hiragana, katakana, half-width katakana, kanji) is answered in Japanese', () => {
    for (const text of [
      '開館時間',
      '休館日',
      'かーど',
      'カード',
      'ｶｰﾄﾞ',
      '何時まで？',
      'open 今日?',
    ])
      expect(replyLangOf(text, 'en'), text).toBe('ja')
  })

  it('Latin letters, digits and symbols alone keep the stored language: they say nothing sure', () => {
    for (const text of ['ok', 'opening hours', '1000000001', 'A1000000001B', '👍', '？', ''])
      for (const stored of ['ja', 'en'] as const)
        expect(replyLangOf(text, stored), `${text} (${stored})`).toBe(stored)
  })

  it('LINE’s own languages are as before: English only for English', () => {
    expect(langOf('en-US')).toBe('en')
    expect(langOf('ja')).toBe('ja')
    expect(langOf('zh-TW')).toBe('ja')
  })
})
