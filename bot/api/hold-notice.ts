/**
 * How the card a request is for will hear that a hold is ready (core's holdNoticeWay): its
 * LINE link's follow state, its notice settings (bunko's own) and its confirmed e-mail.
 */
import type { HoldNoticeFacts } from '../../core/hold-notice.ts'
import type { PatronSummary } from '../../core/library-system.ts'
import type { Db } from '../../db/client.ts'
import type { FamilyMember } from '../../db/family.ts'
import { getNoticePrefs, type NoticePrefs } from '../../db/shelf.ts'

/** The facts from settings already read. */
export function holdNoticeFacts(
  prefs: NoticePrefs,
  patron: Pick<PatronSummary, 'id' | 'emailConfirmed'>,
  family: readonly FamilyMember[],
): HoldNoticeFacts {
  return {
    followed: family.find((m) => m.patronId === patron.id)?.followed ?? false,
    holdReady: prefs.holdReady,
    channel: prefs.channel,
    emailConfirmed: patron.emailConfirmed,
  }
}

export async function holdNoticeFactsOf(
  db: Db,
  patron: PatronSummary,
  family: readonly FamilyMember[],
): Promise<HoldNoticeFacts> {
  return holdNoticeFacts(await getNoticePrefs(db, patron.id), patron, family)
}
