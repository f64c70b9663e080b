/** Readings (yomi) are written in hiragana in the word lists and stored in katakana. */

/** Hiragana to katakana; everything else (katakana, digits, ー) unchanged. */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
}

/** A word and its reading. */
export type Word = readonly [text: string, reading: string]

/** Join words into one text and its katakana reading. */
export function join(...words: Word[]): { text: string; yomi: string } {
  return {
    text: words.map((w) => w[0]).join(''),
    yomi: toKatakana(words.map((w) => w[1]).join('')),
  }
}

/**
 * Word lists are written compactly as `漢字/よみ` pairs separated by white space, so a list
 * of a hundred names stays a few lines long.
 */
export function words(list: string): Word[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [text, reading] = pair.split('/')
      if (!text || !reading) throw new SyntaxError(`word needs text/reading: ${pair}`)
      return [text, reading] as const
    })
}
