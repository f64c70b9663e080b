/**
 * What the auth middleware hands the /api handlers: `LinkVars` to every one (auth.ts
 * `authenticate`); the library system's record of the patron, or null while it cannot be
 * reached, to the routes of bunko's own data (`OwnVars`, mounted after `readPatron`); and the
 * record itself to every route after `requireLibrarySystem` (`ApiVars`): bot/api/index.ts.
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
  /**
   * The linked patron as the library system answered at the start of this request (set for
   * every route after `requireLibrarySystem`, which answers 503 while it is unknown).
   */
  patron: PatronSummary
}

/**
 * What the routes mounted before `requireLibrarySystem` are handed (bunko's own data: the
 * catalogue copy, the pickup places, carts, favourites, the design's "what bunko always keeps
 * itself"): the patron as the library system answered, or null while it cannot be reached,
 * when they still answer from bunko's own tables.
 */
export interface OwnVars extends LinkVars {
  patron: PatronSummary | null
}

/** The routes that need only the LINE link (unlink, the family cards). */
export type LinkEnv = { Variables: LinkVars }
export type ApiEnv = { Variables: ApiVars }
export type OwnEnv = { Variables: OwnVars }
