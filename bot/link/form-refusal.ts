/**
 * Why the link or password form comes back: the sentence shown above it and the status it is
 * sent with. Shared by both pages, which refuse the same way.
 */
import type { Lang } from '../pages/layout.tsx'

export type FormStatus = 400 | 403 | 409 | 429 | 503

export type Refused = { ok: false; error: string; status: FormStatus }

/** A refusal that sends the form back, as a 400 unless said otherwise. */
export function refused(error: string, status: FormStatus = 400): Refused {
  return { ok: false, error, status }
}

/** The form's CSRF token no longer matches: it was open too long, or came from elsewhere. */
export function formExpired(lang: Lang): Refused {
  return refused(
    lang === 'ja'
      ? 'フォームの有効期限が切れました。お手数ですが、もう一度入力してください。'
      : 'This form has expired. Please enter your details again.',
    403,
  )
}
