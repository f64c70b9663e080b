/**
 * The current language and its dictionary. Japanese unless LINE says English; the choice is
 * remembered so the next open (the cached card) speaks the right language before LIFF loads.
 * Japanese is in the entry; the English dictionary is its own chunk (about 4 KB gzipped),
 * fetched only when English is chosen, so a Japanese patron's cold start never downloads it.
 */
import type { Lang } from '../../api-types.ts'
import { type Dict, ja } from './ja.ts'

const KEY = 'bunko.lang'

/** The strings in the current language (a live binding: reassigned by setLang). */
export let t: Dict = ja

/** The language chosen last: calls ask for it even while its dictionary is still loading. */
let chosen: Lang = 'ja'
let english: Dict | null = null

/**
 * Speak `lang`: Japanese at once (synchronously), English once its chunk has loaded. Resolves
 * when `t` speaks it, or when a later call has chosen another language meanwhile. If the
 * chunk cannot be loaded (offline, evicted cache), the pages stay Japanese, and say so to the
 * server too.
 */
export async function setLang(lang: Lang): Promise<void> {
  chosen = lang
  try {
    localStorage.setItem(KEY, lang)
  } catch {}
  if (lang === 'en' && !english) {
    try {
      english = (await import('./en.ts')).en
    } catch {
      if (chosen === lang) chosen = t.date as Lang
      return
    }
  }
  if (chosen !== lang) return
  t = lang === 'en' && english ? english : ja
  document.documentElement.lang = lang
}

/** What the API calls name in Accept-Language: the chosen language. */
export function apiLang(): Lang {
  return chosen
}

/** The language of the last session, or Japanese. */
export function rememberedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'ja'
  } catch {
    return 'ja'
  }
}
