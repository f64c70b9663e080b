/**
 * The account-link pages (LINE-LINK): the patron proves who they are with patron number
 * and web password; LINE's own dialog then finishes the link.
 */
import { passwordElsewhereText } from '../../core/credentials.ts'
import type { Policy } from '../../core/policy.ts'
import { ErrorBox, Field, type Lang, Layout } from '../pages/layout.tsx'
import { TelText } from '../pages/tel-text.tsx'
import { PatronNumberField } from './number-field.tsx'

const t = {
  ja: {
    title: 'LINEアカウント連携',
    intro:
      '図書館の利用者番号とWebサービスのパスワードを入力してください。連携すると、LINEで図書館カードを表示したり、貸出・予約の確認や予約確保のお知らせを受け取ったりできます。',
    number: '利用者番号',
    password: 'パスワード',
    passwordHint: 'Webサービスのパスワードです',
    submit: '連携する',
    noPassword: 'パスワードをお持ちでない方・お忘れの方',
    register: 'パスワードを登録・再設定する',
    privacy:
      '利用者番号とパスワードは他人に知られないようにしてください。入力した内容はLINE社には送られません。',
    // Said for both ways here: the chat's アカウント連携 and the card's もう一枚カードを追加 (a walk
    // came from the card and read of a chat button it had never pressed).
    expiry:
      'このページは、手続きを始めてから10分間有効です。時間が過ぎたときは、もう一度はじめからお手続きください（トーク画面の「アカウント連携」、または図書館カードの「もう一枚カードを追加」から）。',
    replaceTitle: '連携先を切り替えますか？',
    replacePatron:
      'このLINEアカウントは、すでに別の利用者番号と連携しています。切り替えると、前の連携は解除されます。',
    replaceLine:
      'この利用者番号は、すでに別のLINEアカウントと連携しています。切り替えると、前のLINEアカウントとの連携は解除されます。',
    replaceYes: '切り替えて連携する',
    replaceNo: 'やめる',
    cancelled: '連携を中止しました。このページを閉じて、LINEのトーク画面にお戻りください。',
    cancelledTitle: '連携を中止しました',
  },
  en: {
    title: 'Link your LINE account',
    intro:
      'Enter your library patron number and web-service password. Once linked, LINE shows your library card, your loans and holds, and tells you when a hold is ready.',
    number: 'Patron number',
    password: 'Password',
    passwordHint: 'Your web-service password',
    submit: 'Link',
    noPassword: 'No password yet, or forgotten it?',
    register: 'Register or reset your password',
    privacy:
      'Keep your patron number and password to yourself. What you enter here is not sent to LINE.',
    expiry:
      'This page works for 10 minutes from when you started. After that, please start again: "Link your account" in the chat, or "Add another card" on your library card.',
    replaceTitle: 'Switch the link?',
    replacePatron:
      'This LINE account is already linked to another patron number. Switching removes the old link.',
    replaceLine:
      'This patron number is already linked to another LINE account. Switching removes that link.',
    replaceYes: 'Switch and link',
    replaceNo: 'Cancel',
    cancelled: 'Linking was cancelled. Close this page to go back to LINE.',
    cancelledTitle: 'Linking cancelled',
  },
} as const

/** The password page, in LINE's language, carrying the link request it came from. */
function passwordPageUrl(lang: Lang, linkToken: string, state: string): string {
  const q = new URLSearchParams({ lang, linkToken, state })
  return `/password?${q.toString()}`
}

export interface LinkFormProps {
  lang: Lang
  linkToken: string
  /** The bot's signed state (which LINE user this page links). */
  state: string
  csrf: string
  number?: string
  error?: string
  /** The patron-number format (keypad, length, example) comes from the Policy. */
  policy: Policy
  /** The password is registered here (capabilities.passwords); else the page says where. */
  passwordsHere: boolean
}

export function LinkForm(p: LinkFormProps) {
  const s = t[p.lang]
  return (
    <Layout lang={p.lang} title={s.title} failed={Boolean(p.error)}>
      <p>{s.intro}</p>
      {/* WCAG 2.2.1: the time limit is said before the patron starts typing. */}
      <p class="note">{s.expiry}</p>
      {p.error ? (
        <ErrorBox>
          <TelText text={p.error} />
        </ErrorBox>
      ) : null}
      {/* The language goes with the answer, so a refusal before the state is read keeps it. */}
      <form method="post" action={`/link?lang=${p.lang}`}>
        <input type="hidden" name="linkToken" value={p.linkToken} />
        <input type="hidden" name="state" value={p.state} />
        <input type="hidden" name="csrf" value={p.csrf} />
        <PatronNumberField
          lang={p.lang}
          label={s.number}
          policy={p.policy}
          value={p.number}
          invalid={Boolean(p.error)}
        />
        <Field
          name="password"
          label={s.password}
          hint={s.passwordHint}
          type="password"
          autocomplete="current-password"
          maxlength={128}
          invalid={Boolean(p.error)}
        />
        <button type="submit">{s.submit}</button>
      </form>
      <p class="note">{s.privacy}</p>
      <footer>
        <p>
          {s.noPassword}
          <br />
          {/* LINE's language (the signed state), not the browser's, goes with the patron, and
              the link request, so the password page can lead back here once a password is set. */}
          {p.passwordsHere ? (
            <a href={passwordPageUrl(p.lang, p.linkToken, p.state)}>{s.register}</a>
          ) : (
            <TelText text={passwordElsewhereText(p.policy)[p.lang]} />
          )}
        </p>
      </footer>
    </Layout>
  )
}

export interface ReplaceProps {
  lang: Lang
  csrf: string
  linkToken: string
  /** The pending nonce: confirming releases it to LINE's dialog. */
  pending: string
  otherPatron: boolean
  otherLine: boolean
}

/** One LINE account ↔ one patron: ask before replacing an existing link. */
export function ConfirmReplace(p: ReplaceProps) {
  const s = t[p.lang]
  return (
    <Layout lang={p.lang} title={s.replaceTitle}>
      {p.otherPatron ? <p>{s.replacePatron}</p> : null}
      {p.otherLine ? <p>{s.replaceLine}</p> : null}
      <form method="post" action={`/link/confirm?lang=${p.lang}`}>
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="linkToken" value={p.linkToken} />
        <input type="hidden" name="pending" value={p.pending} />
        <button type="submit" name="choice" value="replace">
          {s.replaceYes}
        </button>
        <button type="submit" name="choice" value="cancel" class="secondary">
          {s.replaceNo}
        </button>
      </form>
    </Layout>
  )
}

export function LinkCancelled(p: { lang: Lang }) {
  const s = t[p.lang]
  return (
    <Layout lang={p.lang} title={s.cancelledTitle}>
      <p>{s.cancelled}</p>
    </Layout>
  )
}

/** A page that only says something: maintenance, an expired link, a refusal. */
export function Notice(p: {
  lang: Lang
  title: string
  message: string
  link?: { href: string; label: string }
}) {
  return (
    <Layout lang={p.lang} title={p.title}>
      <p role="status">
        <TelText text={p.message} />
      </p>
      {p.link ? (
        <a class="button" href={p.link.href}>
          {p.link.label}
        </a>
      ) : null}
    </Layout>
  )
}
