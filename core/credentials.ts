/**
 * Secrets and identity checks (ACC-SECRET, ACC-RESET) and the password strength rule.
 * Refusals here never say which field was wrong: that would tell a stranger which patron
 * numbers exist, or which part of someone's details they already have right.
 */
import { contactFor, phoneLine } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type Refusal, refuse, type Text } from './types.ts'

/**
 * ACC-SECRET: the one answer for an unknown patron number and for a wrong password.
 * Callers must use it for both, and count the failure against the number as typed
 * (see lockout.ts), whether or not that number exists.
 */
export function wrongCredentials(policy: Policy, triesLeft?: number): Refusal<'wrong_credentials'> {
  const p = phoneLine(contactFor(policy))
  const warn = lockWarning(policy, triesLeft)
  return refuse('wrong_credentials', {
    ja: `利用者番号またはパスワードが違います。もう一度ご確認のうえ入力してください。${warn.ja}パスワードをお忘れの場合や、まだ登録していない場合は「パスワードの登録・再設定」から設定できます。ご不明な点は${p.ja}へお問い合わせください。`,
    en: `The patron number or password is not correct. Please check and try again. ${warn.en}If you have forgotten your password or never registered one, set it under "Register or reset your password". Questions: ${p.en}.`,
  })
}

/**
 * ACC-SECRET: a wrong current password on the LIFF settings' password change. The patron is
 * signed in through LINE, so the sentence names the password alone, and warns before the
 * last try as the link page does (the lock stops password changes, not the app).
 */
export function wrongCurrentPassword(
  policy: Policy,
  triesLeft?: number,
): Refusal<'wrong_credentials'> {
  const warn = lockWarning(policy, triesLeft)
  // What to do next when it is forgotten (a walk found the sentence ended at the warning).
  const p = phoneLine(contactFor(policy))
  return refuse('wrong_credentials', {
    ja: `現在のパスワードが違います。もう一度ご確認のうえ入力してください。${warn.ja || '続けて間違えると、しばらくの間パスワードの変更ができなくなります。'}お忘れの場合は、${p.ja}へお問い合わせください。`,
    en: `The current password is not correct. Please check it and try again. ${warn.en.trim() || 'After several wrong tries, password changes are locked for a while.'} If you have forgotten it, please contact ${p.en}.`,
  })
}

/**
 * ACC-SECRET: the warning before the last try (issue 17): after the 4th of 5 failures the
 * patron is told one try remains and how long the lock would last. Said alike for an unknown
 * number, whose guesses count the same.
 */
function lockWarning(policy: Policy, triesLeft: number | undefined): Text {
  if (triesLeft === undefined || triesLeft > 1 || triesLeft < 1) return { ja: '', en: '' }
  const m = policy.lockout.lockMinutes
  return {
    ja: `あと${triesLeft}回間違えると、安全のためこの利用者番号は${m}分間ロックされます。`,
    en: `${triesLeft} more wrong try will lock this patron number for ${m} minutes. `,
  }
}

/** Identity details as typed on the reset form, or as held on the patron record. */
export interface IdentityDetails {
  number: string
  name: string
  phone: string
}

/** Full-width letters and digits to half-width, compatibility forms folded (NFKC). */
function fold(s: string): string {
  return s.normalize('NFKC')
}

/** Patron number: NFKC, spaces and hyphens dropped. */
export function normalizePatronNumber(s: string): string {
  return fold(s).replace(/[\s\-‐‑‒–—―ー－]/g, '')
}

/** Name: NFKC, every space (incl. 全角スペース) dropped, Latin letters in lower case. */
export function normalizeName(s: string): string {
  return fold(s).replace(/\s+/g, '').toLowerCase()
}

/** Phone: only its digits, after folding full-width digits (０９０-１２３４ → 0901234). */
export function normalizePhone(s: string): string {
  return fold(s).replace(/\D/g, '')
}

/**
 * ACC-RESET: a forgotten password may be reset when patron number, name and the phone
 * number on record all match. The refusal is the same whichever field differs.
 */
export function verifyResetIdentity(
  typed: IdentityDetails,
  record: IdentityDetails | null,
  policy: Policy,
): Decision<null, 'identity_mismatch'> {
  const ok =
    record !== null &&
    normalizePatronNumber(typed.number) === normalizePatronNumber(record.number) &&
    normalizeName(typed.name) !== '' &&
    normalizeName(typed.name) === normalizeName(record.name) &&
    normalizePhone(typed.phone) !== '' &&
    normalizePhone(typed.phone) === normalizePhone(record.phone)
  if (ok) return allow(null)
  const p = phoneLine(contactFor(policy))
  return refuse('identity_mismatch', {
    ja: `ご入力の内容が図書館の登録内容と一致しませんでした。利用者番号・氏名・電話番号（図書館に登録したもの）をご確認ください。電話番号を変更された場合は、図書館で登録の変更が必要です。${p.ja}へお問い合わせください。`,
    en: `The details you entered do not match the library's record. Please check your patron number, name and the phone number registered with the library. If your phone number has changed, the library needs to update it: please contact ${p.en}.`,
  })
}

export type PasswordProblem = 'too_short' | 'too_long' | 'bad_characters' | 'too_simple'

/** The password rule, to show BEFORE the patron types a new password. */
export function passwordRuleText(policy: Policy): Text {
  const { minLength, maxLength } = policy.password
  return {
    ja: `パスワードは半角の英字と数字をそれぞれ1文字以上含む、${minLength}〜${maxLength}文字で設定してください（記号も使えます。空白と利用者番号そのものは使えません）。キャッシュカードや他のサービスとは別のものをおすすめします。`,
    en: `Use ${minLength} to ${maxLength} characters, with at least one letter and one digit (symbols allowed; no spaces, and not your patron number). Please choose one you do not use for any other service.`,
  }
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/

/** Whether `password` satisfies the policy's rule; the refusal repeats the rule. */
export function checkPasswordStrength(
  password: string,
  patronNumber: string,
  policy: Policy,
): Decision<null, PasswordProblem> {
  const rule = passwordRuleText(policy)
  const { minLength, maxLength } = policy.password
  const say = (ja: string, en: string): Text => ({ ja: ja + rule.ja, en: `${en} ${rule.en}` })
  if (password.length < minLength)
    return refuse('too_short', say('パスワードが短すぎます。', 'That password is too short.'))
  if (password.length > maxLength)
    return refuse('too_long', say('パスワードが長すぎます。', 'That password is too long.'))
  if (!PRINTABLE_ASCII.test(password))
    return refuse(
      'bad_characters',
      say('全角文字や空白は使えません。', 'Full-width characters and spaces cannot be used.'),
    )
  const simple =
    !/[A-Za-z]/.test(password) ||
    !/\d/.test(password) ||
    normalizePatronNumber(password) === normalizePatronNumber(patronNumber)
  if (simple)
    return refuse('too_simple', say('パスワードが単純すぎます。', 'That password is too simple.'))
  return allow(null)
}

/** ACC-RESET-LINKED: how long the confirm button in LINE stays valid (the spec: 30 minutes). */
export const RESET_CONFIRM_MINUTES = 30

/** ACC-RESET-LINKED: what the reset page says while the confirm waits in LINE. */
export function resetConfirmSentMessage(policy: Policy): Text {
  const p = phoneLine(contactFor(policy))
  return {
    ja: `この利用者番号はLINEと連携しているため、連携中のLINEアカウントに確認のメッセージを送りました。${RESET_CONFIRM_MINUTES}分以内にLINEで「再設定する」を押すと、新しいパスワードに変わります。それまでパスワードは変わりません。連携したLINEアカウントをお使いでない場合は、図書館の窓口でパスワードを再設定してください（${p.ja}）。`,
    en: `This patron number is linked to LINE, so we sent a confirmation to the linked LINE account. Tap "Reset" there within ${RESET_CONFIRM_MINUTES} minutes and the new password takes effect; until then your password does not change. If you no longer use that LINE account, please reset your password at a library counter (${p.en}).`,
  }
}

/** ACC-RESET-LINKED: the linked LINE account cannot be reached (it blocked the account). */
export function resetNeedsCounter(policy: Policy): Refusal<'reset_at_counter'> {
  const p = phoneLine(contactFor(policy))
  return refuse('reset_at_counter', {
    ja: `この利用者番号はLINEと連携していますが、連携中のLINEアカウントに確認のメッセージを送れませんでした。パスワードは変わっていません。図書館の窓口でパスワードを再設定してください（${p.ja}）。`,
    en: `This patron number is linked to LINE, but we could not send the confirmation to the linked LINE account. Your password has not changed. Please reset it at a library counter (${p.en}).`,
  })
}

/** ACC-RESET-LINKED: the confirm button was pressed too late, twice, or by another account. */
export const RESET_CONFIRM_EXPIRED: Text = {
  ja: 'この確認は期限切れか、すでに使われています。パスワードは変更されていません。必要なら、もう一度パスワードの再設定をお申し込みください。',
  en: 'This confirmation has expired or was already used. Your password has not changed. If you still need to, apply for a password reset again.',
}

/**
 * ACC-RESET, ACC-SECRET where the library's own system keeps the web password (front mode):
 * where to register or change it, with whom to ask. Said by the link page and the settings in
 * place of their forms, and as the refusal of a form sent anyway.
 */
export function passwordElsewhereText(policy: Policy): Text {
  const { contact } = policy
  return {
    ja: `パスワードの登録・変更は、図書館のホームページか図書館の窓口でお手続きください（お問い合わせ: ${contact.ja} ${contact.phone}）。`,
    en: `Please register or change your password on the library's website or at a library counter (contact: ${contact.en}, ${contact.phone}).`,
  }
}
