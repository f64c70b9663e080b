/**
 * The patron's language. Japanese unless LINE told us the user's language is English (or the
 * message just typed is in Japanese: replyLangOf); every builder takes `lang` last and defaults
 * to Japanese.
 */
import type { Text } from '../../core/types.ts'

export type Lang = 'ja' | 'en'

/** Japanese for every language LINE reports except English. */
export function langOf(lineLanguage: string | undefined | null): Lang {
  return lineLanguage?.toLowerCase().startsWith('en') ? 'en' : 'ja'
}

/** Hiragana, katakana (half-width too) or kanji: only a reader of Japanese types these. */
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u

/**
 * The language to answer a typed message in, given the patron's `stored` one (a linked
 * patron's saved language, which the app sets, else the LINE profile's). Chosen so (a patron
 * walk: 「開館時間」 was answered in English because the app was last used in English): text
 * with any hiragana, katakana or kanji is answered in Japanese; text without (Latin letters,
 * digits, a card number, an emoji) says nothing sure, as a Japanese patron types "ok" or a
 * barcode too, so it gets `stored` as before. Kanji alone counts: 開館時間, 休館日 and 予約 are
 * typed without kana. Chinese typed by an English-language patron (开放时间) is answered in
 * Japanese too: telling the two apart needs a character table, and bunko speaks no Chinese
 * (LINE's Chinese-language users get Japanese anyway, langOf).
 *
 * What follows the message: the reply, and the language of a link page the reply offers (the
 * link state carries it, bot/events/linking.ts). The stored language, the rich menu and pushed
 * notices stay as they were.
 */
export function replyLangOf(text: string, stored: Lang): Lang {
  return JAPANESE_SCRIPT.test(text) ? 'ja' : stored
}

export function pick(text: Text, lang: Lang): string {
  return text[lang]
}

/** Cut `s` to at most `max` characters (code points), ending with … when cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s.trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}
