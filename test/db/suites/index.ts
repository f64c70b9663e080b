/** Every db suite, for each driver to run. */
import type { OpenDb } from '../drivers.ts'
import { accountSuite } from './account.ts'
import { catalogueSuite } from './catalogue.ts'
import { catalogueCapSuite } from './catalogue-cap.ts'
import { circulationSuite } from './circulation.ts'
import { expireOneSuite } from './expire-one.ts'
import { familySuite } from './family.ts'
import { holdSuspendSuite } from './hold-suspend.ts'
import { holdsSuite } from './holds.ts'
import { lendingSuite } from './lending.ts'
import { loansSuite } from './loans.ts'
import { outboxSuite } from './outbox.ts'
import { pickListSuite } from './pick-list.ts'
import { pollSuite } from './poll.ts'
import { pollEpisodesSuite } from './poll-episodes.ts'
import { purchaseRequestSuite } from './purchase-requests.ts'
import { remindersSuite } from './reminders.ts'
import { retentionSuite } from './retention.ts'
import { retentionAnnouncementsSuite } from './retention-announcements.ts'
import { retentionKeptSuite } from './retention-kept.ts'
import { retentionRoundsSuite } from './retention-rounds.ts'
import { searchAvailabilitySuite } from './search-availability.ts'
import { searchIndexSuite } from './search-index.ts'
import { staffSuite } from './staff.ts'
import { statsSuite } from './stats.ts'
import { transitSuite } from './transit.ts'
import { withdrawnSuite } from './withdrawn.ts'

export function allSuites(open: OpenDb): void {
  holdsSuite(open)
  circulationSuite(open)
  lendingSuite(open)
  pickListSuite(open)
  expireOneSuite(open)
  loansSuite(open)
  accountSuite(open)
  outboxSuite(open)
  catalogueSuite(open)
  staffSuite(open)
  statsSuite(open)
  transitSuite(open)
  withdrawnSuite(open)
  catalogueCapSuite(open)
  pollSuite(open)
  pollEpisodesSuite(open)
  holdSuspendSuite(open)
  purchaseRequestSuite(open)
  remindersSuite(open)
  familySuite(open)
  searchAvailabilitySuite(open)
  searchIndexSuite(open)
  retentionSuite(open)
  retentionKeptSuite(open)
  retentionRoundsSuite(open)
  retentionAnnouncementsSuite(open)
}
