import { describe, expect, it } from 'vitest'
import {
  checkPasswordStrength,
  normalizeName,
  normalizePhone,
  passwordRuleText,
  verifyResetIdentity,
  wrongCredentials,
  wrongCurrentPassword,
} from './credentials.ts'
import { P } from './test-fixtures.ts'

const record = { number: '12345678', name: '枚方 花子', phone: '090-1234-5678' }

describe('credentials', () => {
  it('ACC-RESET: number + name + phone on record match, written in any common way', () => {
    const typed = {
      number: '１２３４５６７８',
      name: '枚方　花子',
      phone: '０９０ １２３４ ５６７８',
    }
    expect(verifyResetIdentity(typed, record, P).ok).toBe(true)
    expect(verifyResetIdentity({ ...record, name: '枚方花子' }, record, P).ok).toBe(true)
    expect(normalizePhone('(090)1234-5678')).toBe('09012345678')
    expect(normalizeName(' Hanako  HIRAKATA ')).toBe('hanakohirakata')
  })

  it('ACC-RESET: a mismatch is refused without saying which field was wrong', () => {
    const answers = [
      verifyResetIdentity({ ...record, phone: '090-0000-0000' }, record, P),
      verifyResetIdentity({ ...record, name: '枚方 太郎' }, record, P),
      verifyResetIdentity({ ...record, number: '99999999' }, record, P),
      verifyResetIdentity(record, null, P),
      verifyResetIdentity(
        { ...record, phone: '', name: '' },
        { ...record, phone: '', name: '' },
        P,
      ),
    ]
    for (const a of answers) expect(a).toEqual(answers[0])
    expect(answers[0]).toMatchObject({ ok: false, reason: 'identity_mismatch' })
  })

  it('ACC-SECRET: unknown number and wrong password get the same answer', () => {
    const a = wrongCredentials(P)
    expect(a.reason).toBe('wrong_credentials')
    expect(a.message.ja).toContain('利用者番号またはパスワード')
    expect(wrongCredentials(P)).toEqual(a)
  })

  it('ACC-SECRET: a wrong current password (LIFF settings) warns before the last try, like sign-in', () => {
    const early = wrongCurrentPassword(P, 2)
    expect(early.reason).toBe('wrong_credentials')
    expect(early.message.ja).toContain('現在のパスワードが違います')
    expect(early.message.ja).not.toContain('あと1回')
    const last = wrongCurrentPassword(P, 1)
    const signIn = wrongCredentials(P, 1)
    const warning = 'あと1回間違えると、安全のためこの利用者番号は15分間ロックされます。'
    expect(last.message.ja).toContain(warning)
    expect(signIn.message.ja).toContain(warning)
    expect(last.message.en).toContain(
      '1 more wrong try will lock this patron number for 15 minutes.',
    )
    // And what to do if it is forgotten: whom to phone.
    expect(last.message.ja).toMatch(
      /お忘れの場合は、中央図書館（050-7105-8141）へお問い合わせください。$/,
    )
    expect(early.message.en).toMatch(
      /If you have forgotten it, please contact .*050-7105-8141.*\.$/,
    )
  })

  it('ACC-RESET: the password rule is said before typing and enforced', () => {
    expect(passwordRuleText(P).ja).toContain('8〜64文字')
    expect(checkPasswordStrength('abc1', '12345678', P)).toMatchObject({ reason: 'too_short' })
    expect(checkPasswordStrength('a1'.repeat(40), '12345678', P)).toMatchObject({
      reason: 'too_long',
    })
    expect(checkPasswordStrength('ｐａｓｓｗｏｒｄ１２', '1', P)).toMatchObject({
      reason: 'bad_characters',
    })
    expect(checkPasswordStrength('password', '1', P)).toMatchObject({ reason: 'too_simple' })
    expect(checkPasswordStrength('12345678', '12345678', P)).toMatchObject({ reason: 'too_simple' })
    const ok = checkPasswordStrength('hirakata2026', '12345678', P)
    expect(ok.ok).toBe(true)
    const refusal = checkPasswordStrength('short1', '1', P)
    if (!refusal.ok) expect(refusal.message.ja).toContain(passwordRuleText(P).ja)
  })
})
