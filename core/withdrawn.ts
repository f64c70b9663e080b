/**
 * Withdrawn copies (除籍, issue 15): a copy, or the record it belongs to, that the library's
 * full export no longer lists is marked withdrawn by the import, not deleted, because loans
 * may still hold it. From then on it is out of circulation: it fills no hold, stands on no
 * pick list and is lent to nobody (mayLend refuses it). A loan that holds it can still be
 * returned, and the returned copy stays off the shelf (no hold, no pick list).
 */

/** What the rule looks at: when the copy, and when its record, were withdrawn (null: not). */
export interface Withdrawal {
  copyWithdrawnAt: number | null
  titleWithdrawnAt: number | null
}

/** Is the copy out of circulation? A withdrawn record withdraws every copy of it. */
export function isWithdrawn(w: Withdrawal): boolean {
  return w.copyWithdrawnAt !== null || w.titleWithdrawnAt !== null
}
