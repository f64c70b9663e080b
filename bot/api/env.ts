/**
 * What the auth middleware hands the /api handlers: `LinkVars` to every one (auth.ts
 * `authenticate`), and the library system's record of the patron to every one mounted after
 * `readPatron` (all but unlinking and the family-card list: bot/api/index.ts).
 */
import type { PatronSummary } from '../../core/library-system.ts'
import type { FamilyMember } from '../../db/family.ts'
import type { Lang } from '../../liff/api-types.ts'

export interface LinkVars {
  /** The language every message of this answer is written in. */
  lang: Lang
  /** The verified LINE user (the ID token's `sub`). */
  lineUserId: string
  /** The LINE link this request is for: the card it names, or the first linked. */
  link: FamilyMember
  /** ACC-FAMILY: every patron the LINE user links, first linked first (`patron` is one). */
  family: FamilyMember[]
}

export interface ApiVars extends LinkVars {
  /** The linked patron as the library system answered at the start of this request. */
  patron: PatronSummary
}

/**
 * What the routes of bunko's own data (the catalogue copy, carts, favourites: design's "what
 * bunko always keeps itself") are handed: the patron as the library system answered, or null
 * while it cannot be reached, when they still answer from bunko's own tables.
 */
export interface OwnVars extends LinkVars {
  patron: PatronSummary | null
}

/** The routes that need only the LINE link (unlink, the family cards). */
export type LinkEnv = { Variables: LinkVars }
export type ApiEnv = { Variables: ApiVars }
export type OwnEnv = { Variables: OwnVars }
