/**
 * What the SIP2 server's handlers share: the counter's context (so kiosk actions run through
 * the very functions the counter's do), the signed-in kiosk, and the request in hand.
 */
import type { Policy } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import type { Counter } from '../../counter/context.ts'
import type { Log } from '../../log.ts'
import { field, type Sip2Message } from '../index.ts'

export interface Sip2Deps {
  db: Db
  policy: Policy
  log: Log
  /** Library time (the demo clock in demo mode): loans, due dates, audit entries. */
  now(): number
  /** Real time: the sign-in lockouts (a demo clock jump must not lift a lock). */
  wallNow(): number
}

/** A kiosk signed in on a connection: its staff row, institution and place. */
export interface Kiosk {
  id: number
  login: string
  institutionId: string
  placeId: number
  placeName: string
}

/** The counter's context, built from the SIP2 server's dependencies. */
export function counterFor(deps: Sip2Deps): Counter {
  return {
    db: deps.db,
    policy: deps.policy,
    log: deps.log,
    publicUrl: '',
    now: deps.now,
    wallNow: deps.wallNow,
    demoClock: null,
    onClockAdvanced: () => {},
    // Only the counter's HTTP forms ask for a client address (per-address limits); the
    // functions kiosks call never do, and a kiosk's own sign-in is limited by its session.
    clientAddress: () => 'sip2',
    // The kiosk server is the embedded library's own: it runs only when bunko is the system.
    front: false,
  }
}

export interface Request {
  deps: Sip2Deps
  k: Counter
  kiosk: Kiosk
  msg: Sip2Message
  /** The connection's remote address: ACC-SECRET counts a patron password's failures by it. */
  address: string | null
  /** The request's field, trimmed ('' when absent). */
  get(id: string): string
}

export function requestOf(
  deps: Sip2Deps,
  k: Counter,
  kiosk: Kiosk,
  msg: Sip2Message,
  address: string | null,
): Request {
  return { deps, k, kiosk, msg, address, get: (id) => (field(msg, id) ?? '').trim() }
}
