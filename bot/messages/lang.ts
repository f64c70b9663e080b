/**
 * The patron's language. Japanese unless LINE told us the user's language is English; every
 * builder takes `lang` last and defaults to Japanese.
 */
import type { Text } from '../../core/types.ts'

export type Lang = 'ja' | 'en'

/** Japanese for every language LINE reports except English. */
export function langOf(lineLanguage: string | undefined | null): Lang {
  return lineLanguage?.toLowerCase().startsWith('en') ? 'en' : 'ja'
}

export function pick(text: Text, lang: Lang): string {
  return text[lang]
}

/** Cut `s` to at most `max` characters (code points), ending with … when cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s.trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}
