/**
 * The SIP2 `LibrarySystem`: bunko in front of a library's existing ILS (LIBRARY_SYSTEM=sip2).
 * The ILS owns patrons, items, loans and holds and decides every action; bunko keeps its own
 * tables (links, notices, carts, the catalogue copy, places) and the shadow patron rows and
 * id mapping described in local.ts. Any socket error, timeout or refused login is
 * `library_unavailable` (503 with a plain sentence), never a 500.
 *
 * Search stays on bunko's catalogue copy; a title's availability is 17 for each of its copies.
 * Pickup places are bunko's places table (configuration and import). The notice feed's
 * hold-expiry and overdue queueing belong to the ILS in this mode: they answer nothing, and
 * the front-mode notice poll asks the ILS instead.
 */
import {
  type Answer,
  allow,
  isAv,
  type LibrarySystem,
  type MaterialType,
  type Policy,
} from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { placeFacts } from '../../../db/facts.ts'
import { listPlaces } from '../../../db/places.ts'
import { inputRefusal } from '../../../db/refusals.ts'
import { titleCopies, titlesAvailability, titleWithAvailability } from './catalogue.ts'
import type { Sip2FrontConfig } from './config.ts'
import { Sip2Failure } from './connection.ts'
import { capabilitiesFrom, type Front, guarded } from './front.ts'
import { listHolds } from './hold-list.ts'
import { cancelOne, moveOne, placeAll } from './holds.ts'
import { Ils } from './ils.ts'
import { listLoans, renewEvery, renewOne } from './loans.ts'
import { patronNumber } from './local.ts'
import { noPendingReset, passwordElsewhere, suspendElsewhere } from './not-offered.ts'
import { authenticate, patron, standing } from './patrons.ts'
import { pollPatron } from './poll.ts'
import type { Sip2Pool } from './pool.ts'
import { within } from './within.ts'

export interface Sip2LibraryDeps {
  db: Db
  policy: Policy
  pool: Sip2Pool
  config: Sip2FrontConfig
  /** The real clock, for the health cache (the demo clock may jump). */
  wallNow?: () => number
  /** How long /healthz reuses its last 99 (monitors poll often; the ILS is not theirs). */
  healthCacheMs?: number
  /** How long a 17 answer is reused (30 s; the benchmark sets 0 to measure first visits). */
  itemCacheMs?: number
}

export function sip2LibrarySystem(deps: Sip2LibraryDeps): LibrarySystem {
  const { db, policy, pool, config } = deps
  const wallNow = deps.wallNow ?? Date.now
  const f: Front = {
    db,
    policy,
    pool,
    config,
    ils: new Ils(pool, config.institution, deps.itemCacheMs),
    capabilities: () => capabilitiesFrom(pool.status?.supported ?? null, config, f.ils.expiryTold),
  }
  let statusRead: { since: number; done: Promise<unknown> } | null = null
  /**
   * The first operation reads 98 (what the ILS supports); a failed read is tried again. The
   * others wait for that read no longer than the pool lets any request wait: on Workers the
   * request reading it may be cancelled, and its read never end.
   */
  const known = async () => {
    if (pool.status) return
    if (!statusRead || Date.now() - statusRead.since > pool.waitMs()) {
      const mine = {
        since: Date.now(),
        done: pool.acsStatus().finally(() => {
          if (statusRead === mine) statusRead = null
        }),
      }
      statusRead = mine
    }
    const read = statusRead
    const outcome = await within(read.done, read.since + pool.waitMs() - Date.now())
    if (outcome === 'late') throw new Sip2Failure('down', false)
    if ('error' in outcome) throw outcome.error
  }
  /** An operation for a patron bunko knows: the number its shadow row holds. */
  const forPatron = <T, R extends string>(
    patronId: number,
    work: (number: string) => Promise<Answer<T, R>>,
  ) =>
    guarded(async () => {
      await known()
      const number = await patronNumber(db, patronId)
      return number ? work(number) : inputRefusal('unknown_patron')
    }) as Promise<Answer<T, R>>
  let health = { at: 0, ils: 'unreachable' as 'ok' | 'unreachable' }

  return {
    capabilities: () => f.capabilities(),
    authenticate: (input, now) =>
      guarded(async () => {
        await known()
        return authenticate(f, input, now)
      }) as ReturnType<LibrarySystem['authenticate']>,
    patron: (patronId) =>
      guarded(() => patron(f, patronId, Date.now())) as ReturnType<LibrarySystem['patron']>,
    standing: (patronId, now) =>
      forPatron(patronId, async (number) =>
        allow(
          await standing(f, number, now, async () => {
            const holds = await listHolds(f, patronId, number, now)
            return holds.filter((h) => isAv(h.core.materialType, policy)).length
          }),
        ),
      ),
    facts: (patronId) =>
      forPatron(patronId, async (number) => {
        const now = Date.now()
        const [holds, loans] = await Promise.all([
          listHolds(f, patronId, number, now),
          listLoans(f, number, now),
        ])
        return allow({
          holds: holds.map((h) => h.core),
          loans: loans.map((l) => ({
            id: l.id,
            titleId: l.titleId,
            materialType: l.materialType as MaterialType,
            loanDate: l.dueDate,
            dueDate: l.dueDate,
            renewals: l.renewals,
            interLibrary: false,
            heldByOthers: !l.renewal.ok && l.renewal.reason === 'held',
          })),
        })
      }),
    loans: (patronId, now) =>
      forPatron(patronId, async (number) => allow(await listLoans(f, number, now))),
    renew: (input, now) =>
      forPatron(input.patronId, (number) => renewOne(f, number, input.loanId, now)),
    renewAll: (patronId, now) => forPatron(patronId, (number) => renewEvery(f, number, now)),
    holds: (input, now) =>
      forPatron(input.patronId, async (number) =>
        allow((await listHolds(f, input.patronId, number, now)).map((h) => h.summary)),
      ),
    placeHolds: (input, now) =>
      forPatron(input.patronId, (number) => placeAll(f, input, number, now)),
    cancelHold: (input, now) =>
      forPatron(input.patronId, (number) => cancelOne(f, input, number, now)),
    changePickup: (input, now) =>
      forPatron(input.patronId, (number) => moveOne(f, input, number, now)),
    places: async () => allow(await listPlaces(db)),
    place: async (id) => allow(await placeFacts(db, id)),
    title: (id) =>
      guarded(() => titleWithAvailability(f, id)) as ReturnType<LibrarySystem['title']>,
    notices: {
      expireHolds: async () => allow([]),
      queueOverdue: async () => allow(0),
      // Due-soon and expiry reminders need the ILS's due dates and registration dates, which
      // SIP2 gives only per patron: the notice poll asks them with the rest (pollPatron).
      queueDueSoon: async () => allow(0),
      queueExpiry: async () => allow(0),
      // The ILS writes nothing into bunko's outbox: each slot asks it (bot/notices/poll.ts).
      polled: true,
      pollPatron: (patronId, want, now) =>
        forPatron(patronId, (number) => pollPatron(f, patronId, number, want, now)),
    },
    availability: (titleIds) =>
      guarded(() => titlesAvailability(f, titleIds)) as ReturnType<LibrarySystem['availability']>,
    copies: (titleId) =>
      guarded(() => titleCopies(f, titleId)) as ReturnType<LibrarySystem['copies']>,
    changePassword: async () => passwordElsewhere(policy),
    resetPassword: async () => passwordElsewhere(policy),
    confirmPasswordReset: async () => noPendingReset(),
    suspendHold: async () => suspendElsewhere(policy),
    resumeHold: async () => suspendElsewhere(policy),
    async health() {
      if (wallNow() - health.at < (deps.healthCacheMs ?? 10_000)) return { ils: health.ils }
      let ils: 'ok' | 'unreachable' = 'ok'
      try {
        await pool.acsStatus()
      } catch {
        ils = 'unreachable'
      }
      health = { at: wallNow(), ils }
      return { ils }
    },
  }
}
