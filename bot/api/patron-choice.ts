/**
 * ACC-FAMILY: which of the LINE user's linked patrons a LIFF call is for. The app names the
 * chosen card in one header on every call; the middleware accepts only a patron linked to the
 * verified LINE user (never another's), and without the header uses the first card, so
 * callers that know nothing of families keep working.
 */
import type { FamilyMember } from '../../db/family.ts'

export const PATRON_HEADER = 'X-Bunko-Patron'

/** The chosen member, the first when none is named, or 'foreign' when the name is not ours. */
export function choosePatron(
  family: readonly FamilyMember[],
  named: string | undefined,
): FamilyMember | 'foreign' | null {
  if (named === undefined || named === '') return family[0] ?? null
  return family.find((m) => String(m.patronId) === named.trim()) ?? 'foreign'
}
