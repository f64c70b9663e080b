/**
 * The language of an answer: what the request asks for (the LIFF app sends its language as
 * `Accept-Language`), else the language saved on the LINE link, else Japanese.
 */
import type { Text } from '../../core/types.ts'
import type { Lang } from '../../liff/api-types.ts'

const langOfTag = (tag: string | null | undefined): Lang | null =>
  tag?.startsWith('en') ? 'en' : tag?.startsWith('ja') ? 'ja' : null

/** Of the languages we speak, the one an Accept-Language header weights highest; null if none. */
export function requestedLang(header: string | undefined): Lang | null {
  if (!header) return null
  let best: { lang: Lang; q: number } | null = null
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    const lang = langOfTag(tag.trim().toLowerCase())
    if (!lang || !Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { lang, q }
  }
  return best?.lang ?? null
}

/**
 * The request's own choice when it names Japanese or English (the app says what it shows);
 * otherwise the link's saved language; otherwise Japanese.
 */
export function answerLang(acceptLanguage: string | undefined, saved?: string | null): Lang {
  return requestedLang(acceptLanguage) ?? langOfTag(saved?.toLowerCase()) ?? 'ja'
}

export function say(text: Text, lang: Lang): string {
  return text[lang]
}
