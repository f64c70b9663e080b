/** What the auth middleware hands every /api handler. */
import type { PatronSummary } from '../../core/library-system.ts'
import type { FamilyMember } from '../../db/family.ts'
import type { Lang } from '../../liff/api-types.ts'

export interface ApiVars {
  /** The language every message of this answer is written in. */
  lang: Lang
  /** The verified LINE user (the ID token's `sub`). */
  lineUserId: string
  /**
   * The linked patron as the library system answered at the start of this request; not set on
   * the link-only routes (auth.ts `isLinkOnly`), which use `link`.
   */
  patron: PatronSummary
  /** The LINE link this request is for: the card it names, or the first linked. */
  link: FamilyMember
  /** ACC-FAMILY: every patron the LINE user links, first linked first (`patron` is one). */
  family: FamilyMember[]
}

export type ApiEnv = { Variables: ApiVars }
