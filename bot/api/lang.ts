/**
 * The language of an answer: what the request asks for (the LIFF app sends its language as
 * `Accept-Language`), else the language saved on the LINE link, else Japanese.
 */
import type { Text } from '../../core/types.ts'
import type { Lang } from '../../liff/api-types.ts'

/** The highest-weighted language tag of an Accept-Language header, lower case; null if none. */
export function preferredTag(header: string | undefined): string | null {
  if (!header) return null
  let best: { tag: string; q: number } | null = null
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!tag || tag === '*' || !Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q }
  }
  return best?.tag ?? null
}

const langOfTag = (tag: string | null | undefined): Lang | null =>
  tag?.startsWith('en') ? 'en' : tag?.startsWith('ja') ? 'ja' : null

/**
 * The request's own choice when it names Japanese or English (the app says what it shows);
 * otherwise the link's saved language; otherwise Japanese.
 */
export function answerLang(acceptLanguage: string | undefined, saved?: string | null): Lang {
  return langOfTag(preferredTag(acceptLanguage)) ?? langOfTag(saved?.toLowerCase()) ?? 'ja'
}

export function say(text: Text, lang: Lang): string {
  return text[lang]
}
