/** What the auth middleware hands every /api handler. */
import type { Patron } from '../../core/types.ts'
import type { PatronRow } from '../../db/facts.ts'
import type { Lang } from '../../liff/api-types.ts'

export interface ApiVars {
  /** The language every message of this answer is written in. */
  lang: Lang
  /** The verified LINE user (the ID token's `sub`). */
  lineUserId: string
  /** The linked patron as read at the start of this request. */
  patron: { row: PatronRow; patron: Patron }
}

export type ApiEnv = { Variables: ApiVars }
