/**
 * The current language and its dictionary. Japanese unless LINE says English; the choice is
 * remembered so the next open (the cached card) speaks the right language before LIFF loads.
 */
import type { Lang } from '../../api-types.ts'
import { en } from './en.ts'
import { type Dict, ja } from './ja.ts'

const KEY = 'bunko.lang'

/** The strings in the current language (a live binding: reassigned by setLang). */
export let t: Dict = ja

export function setLang(lang: Lang): void {
  t = lang === 'en' ? en : ja
  document.documentElement.lang = lang
  try {
    localStorage.setItem(KEY, lang)
  } catch {}
}

/** The language of the last session, or Japanese. */
export function rememberedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'ja'
  } catch {
    return 'ja'
  }
}
