/**
 * ACC-FAMILY: whose card a request is about, as its sentences say it. A LINE account's own card
 * is the first it linked; for any other card the holder's name is given, so a refusal about
 * that card says 「加藤 亮さんのカードは…」 / "加藤 亮's card…" instead of "you" (a review found
 * "you" in refusals about a family member's card).
 */
import type { Context } from 'hono'
import type { ApiEnv } from './env.ts'

/** The card holder's name when the card is not the LINE account's own, else undefined. */
export function otherHolder(c: Context<ApiEnv>): string | undefined {
  return holderOf(c.get('family'), c.get('patron'))
}

/** `patron`'s name when the account's family has others and `patron` is not its first card. */
export function holderOf(
  family: readonly { patronId: number }[],
  patron: { id: number; name: string },
): string | undefined {
  return family.length > 1 && family[0]?.patronId !== patron.id ? patron.name : undefined
}

export { aboutHolder } from '../../core/family.ts'
