import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../../core/policy.ts'
import { ilsText } from './refusals.ts'

describe('the ILS’s refusal in bunko’s words', () => {
  it('adds whom to ask once: not again after words that already name the number', () => {
    const plain = ilsText('', HIRAKATA_POLICY)
    expect(plain.ja).toBe(
      '図書館のシステムがこの手続きを受け付けませんでした。ご不明な点は中央図書館（050-7105-8141）へお問い合わせください。',
    )
    expect(plain.en).toMatch(
      /^The library's system did not accept this\. Questions: .*050-7105-8141/,
    )
    const told = ilsText(
      '延長できません。ご不明な点は中央図書館（050-7105-8141）へお問い合わせください。',
      HIRAKATA_POLICY,
    )
    expect(told.ja.match(/050-7105-8141/g)).toHaveLength(1)
    expect(told.en.match(/050-7105-8141/g)).toHaveLength(1)
    const bare = ilsText('貸出停止中です。', HIRAKATA_POLICY)
    expect(bare.ja).toBe(
      '貸出停止中です。ご不明な点は中央図書館（050-7105-8141）へお問い合わせください。',
    )
  })
})
