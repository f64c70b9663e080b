/**
 * How the card a request is for will hear that a hold is ready (core's holdNoticeWay): its
 * LINE link's follow state, its notice settings (bunko's own) and its confirmed e-mail, which
 * counts only where the library system e-mails its notices (capabilities' `emailNotices`:
 * bunko itself sends none).
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
  emailNotices: boolean,
): HoldNoticeFacts {
  return {
    followed: family.find((m) => m.patronId === patron.id)?.followed ?? false,
    holdReady: prefs.holdReady,
    channel: prefs.channel,
    emailConfirmed: patron.emailConfirmed && emailNotices,
  }
}

export async function holdNoticeFactsOf(
  db: Db,
  patron: PatronSummary,
  family: readonly FamilyMember[],
  emailNotices: boolean,
): Promise<HoldNoticeFacts> {
  return holdNoticeFacts(await getNoticePrefs(db, patron.id), patron, family, emailNotices)
}
