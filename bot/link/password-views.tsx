/**
 * The password registration and reset page (ACC-RESET): patron number, name and the phone
 * number on record prove who the patron is; the new password's rule is said before typing.
 */
import type { Policy } from '../../core/policy.ts'
import { ErrorBox, Field, type Lang, Layout } from '../pages/layout.tsx'
import { TelText } from '../pages/tel-text.tsx'
import { PatronNumberField } from './number-field.tsx'

const t = {
  ja: {
    title: 'パスワードの登録・再設定',
    intro:
      'はじめてパスワードを登録する方も、お忘れになった方も、こちらで設定できます。図書館に登録されている内容を入力してください。',
    number: '利用者番号',
    name: 'お名前',
    nameHint:
      '図書館に登録したとおりのお名前（漢字・カタカナなど、登録と同じ表記で。姓と名の間の空白はあってもなくてもかまいません）',
    phone: '電話番号',
    phoneHint: '図書館に登録した電話番号（ハイフンはあってもなくてもかまいません）',
    password: '新しいパスワード',
    confirm: '新しいパスワード（確認のため、もう一度）',
    submit: 'パスワードを設定する',
    mismatch: '確認のために入力したパスワードが一致しません。もう一度入力してください。',
    doneTitle: 'パスワードを設定しました',
    done: '新しいパスワードでWebサービスとLINE連携をご利用いただけます。',
    doneBack:
      '新しいパスワードでWebサービスとLINE連携をご利用いただけます。下のボタンから連携の手続きに戻り、利用者番号と新しいパスワードを入力してください。',
    backToLink: '連携の手続きに戻る',
    doneExpired:
      '新しいパスワードでWebサービスとLINE連携をご利用いただけます。連携の手続きは有効期限（10分）が過ぎたため、このページからは戻れません。LINEのトーク画面に戻り、メニューの「アカウント連携」をもう一度押してください。',
    advice: '安全のため、キャッシュカードや他のWebサービスとは別のパスワードにしてください。',
  },
  en: {
    title: 'Register or reset your password',
    intro:
      'Set a first password, or a new one if you have forgotten it. Enter the details the library has on record.',
    number: 'Patron number',
    name: 'Name',
    nameHint:
      'Exactly as written when you registered at the library, in the same script (kanji, katakana or Latin letters); spaces do not matter',
    phone: 'Phone number',
    phoneHint: 'As registered at the library (hyphens do not matter)',
    password: 'New password',
    confirm: 'New password again',
    submit: 'Set password',
    mismatch: 'The two passwords do not match. Please type them again.',
    doneTitle: 'Your password is set',
    done: 'You can now use the web service and link LINE with your new password.',
    doneBack:
      'You can now use the web service and link LINE with your new password. Tap the button below to go back to linking, and enter your patron number and new password.',
    backToLink: 'Back to linking',
    doneExpired:
      'You can now use the web service and link LINE with your new password. The linking request has expired (after 10 minutes), so you cannot go back to it from here: go back to the LINE chat and tap "Link your account" in the menu again.',
    advice: 'For safety, use a password different from your bank card and other websites.',
  },
} as const

export const passwordText = t

export interface PasswordFormProps {
  lang: Lang
  csrf: string
  /** The strength rule, from core, said before typing. */
  rule: string
  number?: string
  error?: string
  /** The patron-number format (keypad, length, example) comes from the Policy. */
  policy: Policy
  /** The link request the link page sent along, kept so the answer can lead back to it. */
  from?: { linkToken: string; state: string }
}

export function PasswordForm(p: PasswordFormProps) {
  const s = t[p.lang]
  return (
    <Layout lang={p.lang} title={s.title} failed={Boolean(p.error)}>
      <p>{s.intro}</p>
      {p.error ? (
        <ErrorBox>
          <TelText text={p.error} />
        </ErrorBox>
      ) : null}
      {/* The language goes with the answer, its errors included (pageLang). */}
      <form method="post" action={`/password?lang=${p.lang}`}>
        <input type="hidden" name="csrf" value={p.csrf} />
        {p.from ? (
          <>
            <input type="hidden" name="linkToken" value={p.from.linkToken} />
            <input type="hidden" name="state" value={p.from.state} />
          </>
        ) : null}
        <PatronNumberField lang={p.lang} label={s.number} policy={p.policy} value={p.number} />
        {/* WCAG 1.3.5: the patron's own name and phone, so the browser can fill them in. */}
        <Field name="name" label={s.name} hint={s.nameHint} autocomplete="name" maxlength={100} />
        <Field
          name="phone"
          label={s.phone}
          hint={s.phoneHint}
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength={30}
        />
        <Field
          name="password"
          label={s.password}
          hint={p.rule}
          type="password"
          autocomplete="new-password"
          maxlength={128}
        />
        <Field
          name="confirm"
          label={s.confirm}
          type="password"
          autocomplete="new-password"
          maxlength={128}
        />
        <button type="submit">{s.submit}</button>
      </form>
      <p class="note">{s.advice}</p>
    </Layout>
  )
}
