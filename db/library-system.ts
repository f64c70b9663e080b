/**
 * The embedded `LibrarySystem`: bunko is the library's system, so the port is answered by
 * db/'s own operations with core/ deciding every rule. This file only adapts their shapes;
 * it never repeats their SQL or rules, and the embedded system is never `library_unavailable` (a
 * database error is bunko's own fault and stays a 500).
 */
import {
  type Answer,
  type Capabilities,
  holdCounts,
  isBlocked,
  jstDate,
  type LibrarySystem,
  type Patron,
  type PatronSummary,
  type Policy,
} from '../core/index.ts'
import { getTitle, titleAvailability } from './catalogue.ts'
import type { Db } from './client.ts'
import { activeHoldFacts, openLoanFacts, type PatronRow, patronFacts, placeFacts } from './facts.ts'
import { cancelHold, changePickupPlace } from './hold-changes.ts'
import { expireHolds } from './hold-shelf.ts'
import { resumeHold, suspendHold } from './hold-suspend.ts'
import { listHolds, placeHolds } from './holds.ts'
import { listLoans, renewAllLoans, renewLoan } from './loans.ts'
import { queueOverdueNotices } from './notice-overdue.ts'
import { queueDueSoonNotices, queueExpiryNotices } from './notice-reminders.ts'
import { confirmPasswordReset } from './password-resets.ts'
import { changePassword, resetPassword, signIn } from './patrons.ts'
import { listPlaces } from './places.ts'
import { inputRefusal } from './refusals.ts'
import { titleCopies } from './title-copies.ts'

/** Everything: bunko's own database does every operation the app offers. */
const EVERYTHING: Capabilities = {
  renew: true,
  renewAll: true,
  holds: true,
  cancelHold: true,
  changePickup: true,
  titleHolds: true,
  opacUrl: null,
  suspendHolds: true,
  passwords: true,
  reminders: true,
  expiryNotices: true,
  // bunko sends no e-mail: a confirmed address reaches nobody here (core Capabilities).
  emailNotices: false,
}

function summary({ row, patron }: { row: PatronRow; patron: Patron }): PatronSummary {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    category: row.category,
    emailConfirmed: row.emailConfirmed,
    historyOptIn: row.historyOptIn,
    facts: patron,
  }
}

const ok = <T>(value: T): Answer<T> => ({ ok: true, value })

export function embeddedLibrarySystem(db: Db, policy: Policy): LibrarySystem {
  return {
    capabilities: () => EVERYTHING,

    async authenticate(input, now) {
      const signed = await signIn(db, input, now, policy)
      if (!signed.ok) return signed
      const found = await patronFacts(db, { id: signed.value.id })
      // Signed in a moment ago: only a concurrent deletion could make this miss.
      return found ? ok(summary(found)) : inputRefusal('invalid_input')
    },

    async patron(patronId) {
      const found = await patronFacts(db, { id: patronId })
      return ok(found ? summary(found) : null)
    },

    async standing(patronId, now) {
      const [holds, loans] = await Promise.all([
        activeHoldFacts(db, patronId),
        openLoanFacts(db, patronId),
      ])
      return ok({
        blocked: isBlocked(
          loans.map((l) => l.core),
          jstDate(now),
          policy,
        ),
        holds: holdCounts(
          holds.map((h) => h.core),
          policy,
        ),
      })
    },

    async facts(patronId) {
      const [holds, loans] = await Promise.all([
        activeHoldFacts(db, patronId),
        openLoanFacts(db, patronId),
      ])
      return ok({ holds: holds.map((h) => h.core), loans: loans.map((l) => l.core) })
    },

    loans: (patronId, now) => listLoans(db, { patronId }, now, policy),
    renew: (input, now) => renewLoan(db, input, now, policy),
    renewAll: (patronId, now) => renewAllLoans(db, { patronId }, now, policy),
    holds: (input, now) => listHolds(db, input, now, policy),
    placeHolds: (input, now) => placeHolds(db, input, now, policy),
    cancelHold: (input, now) => cancelHold(db, input, now, policy),
    changePickup: (input, now) => changePickupPlace(db, input, now, policy),

    places: async () => ok(await listPlaces(db)),
    place: async (id) => ok(await placeFacts(db, id)),
    title: async (id) => ok(await getTitle(db, id)),

    notices: {
      expireHolds: async (now) => ok(await expireHolds(db, now, policy)),
      queueOverdue: async (at, now) => ok(await queueOverdueNotices(db, at, now, policy)),
      queueDueSoon: async (at, now) => ok(await queueDueSoonNotices(db, at, now)),
      queueExpiry: async (at, now) => ok(await queueExpiryNotices(db, at, now)),
    },

    availability: async (titleIds) => ok(await titleAvailability(db, titleIds)),
    copies: async (titleId) => ok(await titleCopies(db, titleId)),

    async changePassword(input, now) {
      const done = await changePassword(db, input, now, policy)
      return done.ok ? ok({ patronId: done.value.id }) : done
    },
    async resetPassword(input, now) {
      const done = await resetPassword(db, input, now, policy)
      return done.ok ? ok({ patronId: done.value.patron.id, pending: done.value.pending }) : done
    },
    confirmPasswordReset: (input, now) => confirmPasswordReset(db, input, now),
    suspendHold: (input, now) => suspendHold(db, input, now, policy),
    resumeHold: (input, now) => resumeHold(db, input, now, policy),
  }
}
