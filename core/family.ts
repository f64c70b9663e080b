/**
 * ACC-FAMILY: how a family card is named to the person holding the LINE account. Names are
 * stored family name first (「山田 花子」); notices address the card holder by the given name
 * (「花子さんのご予約」), which is what tells a family's cards apart. A name without a space
 * is used whole.
 */
import { blockedMessage } from './access.ts'
import type { Policy } from './policy.ts'
import type { Refusal, Text } from './types.ts'

export function givenName(name: string): string {
  const parts = name.trim().split(/[\s\u3000]+/)
  return parts[parts.length - 1] || name.trim()
}

/** 「花子さん」 / "Hanako's" prefix words: whose card, for a preview or a heading. */
export function holderOf(name: string): Text {
  const given = givenName(name)
  return { ja: `${given}さん`, en: given }
}

/**
 * A refusal about a card read by someone else on its LINE account, re-worded where it speaks
 * of the patron: `blocked` (ACC-BLOCK-OVERDUE) names the holder (full name) instead of "you".
 * Other reasons speak of the item and stay as they are; no holder, nothing changes.
 */
export function aboutHolder<R extends string>(
  refusal: Refusal<R>,
  holder: string | undefined,
  policy: Policy,
): Refusal<R> {
  if (!holder || refusal.reason !== 'blocked') return refusal
  return { ...refusal, message: blockedMessage(policy, holder) }
}
