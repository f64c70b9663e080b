/**
 * ACC-FAMILY: how a family card is named to the person holding the LINE account. Names are
 * stored family name first (「山田 花子」); notices address the card holder by the given name
 * (「花子さんのご予約」), which is what tells a family's cards apart. A name without a space
 * is used whole.
 */
import type { Text } from './types.ts'

export function givenName(name: string): string {
  const parts = name.trim().split(/[\s\u3000]+/)
  return parts[parts.length - 1] || name.trim()
}

/** 「花子さん」 / "Hanako's" prefix words: whose card, for a preview or a heading. */
export function holderOf(name: string): Text {
  const given = givenName(name)
  return { ja: `${given}さん`, en: given }
}
