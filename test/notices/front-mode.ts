/**
 * The embedded system as a library system bunko polls (front mode, issue 14), for the notice
 * tests: its own notice path taken away (no expiry, no queueing of its own), so only the poll
 * can tell the patron, and faults on demand. Unlike SIP2 it gives a hold's ready date.
 */

import { sql } from 'drizzle-orm'
import { runSlot } from '../../bot/notices/index.ts'
import { type Answer, type LibrarySystem, unavailable } from '../../core/index.ts'
import { raw } from '../../db/client.ts'
import { type Harness, PLACE, TITLE } from './harness.ts'

export interface Ils {
  /** The polled system itself, for a test to change how it answers. */
  library: LibrarySystem
  /** Answer every request with "cannot be reached". */
  down: boolean
  /** Patrons whose next holds request answers "cannot be reached" (once each). */
  downFor: Set<number>
  /** Patrons whose next holds request throws (a crash in the middle of the poll). */
  crashFor: Set<number>
  holdsAsked: number[]
  inFlight: number
  maxInFlight: number
}

/** The embedded system as a polled ILS: no notices of its own, faults on demand. */
export function frontMode(h: Harness): Ils {
  const inner = h.deps.library
  const ils: Ils = {
    library: inner,
    down: false,
    downFor: new Set(),
    crashFor: new Set(),
    holdsAsked: [],
    inFlight: 0,
    maxInFlight: 0,
  }
  const gate = async <T>(work: () => Promise<T>): Promise<T | ReturnType<typeof unavailable>> => {
    if (ils.down) return unavailable()
    ils.inFlight += 1
    ils.maxInFlight = Math.max(ils.maxInFlight, ils.inFlight)
    try {
      await new Promise((resolve) => setTimeout(resolve, 2))
      return await work()
    } finally {
      ils.inFlight -= 1
    }
  }
  const library: LibrarySystem = {
    ...inner,
    places: () => gate(() => inner.places()),
    loans: (patronId, now) => gate(() => inner.loans(patronId, now)),
    holds: (input, now) => {
      ils.holdsAsked.push(input.patronId)
      if (ils.crashFor.delete(input.patronId)) throw new Error('adapter crashed')
      if (ils.downFor.delete(input.patronId)) return Promise.resolve(unavailable())
      return gate(() => inner.holds(input, now))
    },
    notices: {
      expireHolds: async () => ({ ok: true, value: [] }),
      queueOverdue: async (): Promise<Answer<number>> => ({ ok: true, value: 0 }),
      queueDueSoon: async (): Promise<Answer<number>> => ({ ok: true, value: 0 }),
      queueExpiry: async (): Promise<Answer<number>> => ({ ok: true, value: 0 }),
      polled: true,
    },
  }
  h.deps.library = library
  ils.library = library
  return ils
}

/** Make holds ready in the "ILS": through db/, then take away the notices it queued itself. */
export async function readyInIls(
  h: Harness,
  patronId: number,
  books: number[],
  pickup: number = PLACE.central,
): Promise<void> {
  await h.readyHolds(
    patronId,
    books.map(TITLE.book),
    pickup,
    books.map((b) => `B${b}1`),
  )
  await h.db.batch([raw(sql`DELETE FROM notices RETURNING id`)])
}

/** The whole slot at `at` (poll, push, erase), on the harness's clock. */
export function slotAt(h: Harness, at: number) {
  h.clock.set(at)
  return runSlot(h.deps, at, { ...h.opts, checkQuota: false })
}
