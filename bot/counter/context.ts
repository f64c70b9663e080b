/**
 * What every counter route shares: the database, the policy, two clocks, and the desk's place.
 *
 * Two clocks, on purpose. `now` is library time (the demo clock in demo mode): loans, due
 * dates, holds and audit entries use it, like the rest of the app. `wallNow` is real time:
 * sessions and the sign-in lockout use it, so jumping the demo clock a week ahead neither
 * signs staff out nor lifts a lock.
 */
import { asc, eq, ne } from 'drizzle-orm'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Policy } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { places } from '../../db/schema.ts'
import type { DemoClock } from '../clock.ts'
import type { AppDeps } from '../deps.ts'
import type { Log } from '../log.ts'
import { clientAddress } from '../rate-limit.ts'
import { COUNTER_PATH, isSecure, type Session } from './session.ts'

export type CounterDeps = AppDeps & {
  demoClock?: DemoClock
  /** Called after staff move the demo clock, e.g. the scheduler's `wake`, so a slot is run at once. */
  onClockAdvanced?: () => void
}

export interface Counter {
  db: Db
  policy: Policy
  log: Log
  publicUrl: string
  /** The client's address (per-address lockout of staff logins). */
  clientAddress(c: Context): string
  now(): number
  wallNow(): number
  /** The demo clock, only in demo mode; null means real time that cannot be moved. */
  demoClock: DemoClock | null
  onClockAdvanced: () => void
  /**
   * Front mode (LIBRARY_SYSTEM=sip2): the library's own system keeps patrons, loans and holds
   * and has its own staff client, so this counter offers only what is bunko's own.
   */
  front: boolean
}

export type CounterEnv = { Variables: { session: Session } }

export function counterOf(deps: CounterDeps): Counter {
  const demoClock = deps.config.demo && deps.demoClock ? deps.demoClock : null
  return {
    db: deps.db,
    policy: deps.config.policy,
    log: deps.log,
    publicUrl: deps.config.publicUrl,
    clientAddress: (c) => clientAddress(deps, c),
    now: () => deps.clock.now(),
    wallNow: demoClock ? () => demoClock.now() - demoClock.offset : () => deps.clock.now(),
    demoClock,
    onClockAdvanced: deps.onClockAdvanced ?? (() => {}),
    front: deps.config.librarySystem.kind === 'sip2',
  }
}

export const secure = (c: Context, k: Counter) => isSecure(c, k.publicUrl)

/** Where this desk is: a cookie per browser, since a desk's browser stays at one library. */
export const PLACE_COOKIE = 'bunko_counter_place'

export type PlaceRow = typeof places.$inferSelect

/** Places with a counter: everything but the pickup lockers. */
export function deskPlaces(k: Counter): Promise<PlaceRow[]> {
  return k.db.orm
    .select()
    .from(places)
    .where(ne(places.kind, 'locker'))
    .orderBy(asc(places.sortOrder), asc(places.id))
}

export async function placeById(k: Counter, id: number): Promise<PlaceRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await k.db.orm.select().from(places).where(eq(places.id, id))
  return row ?? null
}

/** The desk's place: the cookie's, or the first library. */
export async function deskPlace(c: Context, k: Counter): Promise<PlaceRow | null> {
  const chosen = await placeById(k, Number(getCookie(c, PLACE_COOKIE)))
  if (chosen && chosen.kind !== 'locker') return chosen
  const [first] = await deskPlaces(k)
  return first ?? null
}

export function setDeskPlace(c: Context, k: Counter, placeId: number): void {
  setCookie(c, PLACE_COOKIE, String(placeId), {
    httpOnly: true,
    secure: secure(c, k),
    sameSite: 'Strict',
    path: COUNTER_PATH,
    maxAge: 400 * 24 * 60 * 60,
  })
}
