/**
 * What the SIP2 adapter's operations share: bunko's database (catalogue copy, places, shadow
 * patrons), the policy (sentences, phone), the ILS, and the capabilities read from 98.
 */
import { type Answer, type Capabilities, type Policy, unavailable } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import type { Sip2FrontConfig } from './config.ts'
import { Sip2Failure } from './connection.ts'
import type { Ils } from './ils.ts'
import type { Sip2Pool } from './pool.ts'

export interface Front {
  db: Db
  policy: Policy
  ils: Ils
  pool: Sip2Pool
  config: Sip2FrontConfig
  capabilities(): Capabilities
}

/** BX positions (SIP2 2.00) of the messages the adapter needs. */
export const BX = { patronInformation: 7, itemInformation: 10, hold: 13, renew: 14, renewAll: 15 }

/**
 * Capabilities from the last 98 and configuration; nothing is offered before a 98 was read.
 * Due-soon reminders need only 63 and 17 (the notice poll asks them); expiry notices are
 * offered once the ILS has been seen to send an expiry date (`expiryTold`, ils.ts).
 */
export function capabilitiesFrom(
  supported: string | null,
  config: Sip2FrontConfig,
  expiryTold = false,
): Capabilities {
  const has = (i: number) => supported?.[i] === 'Y'
  return {
    renew: has(BX.renew),
    renewAll: has(BX.renewAll),
    holds: has(BX.hold),
    cancelHold: has(BX.hold),
    changePickup: has(BX.hold),
    titleHolds: has(BX.hold) && config.titleHolds,
    opacUrl: config.opacUrl,
    suspendHolds: false,
    passwords: false,
    reminders: has(BX.patronInformation) && has(BX.itemInformation),
    expiryNotices: has(BX.patronInformation) && expiryTold,
    emailNotices: config.emailNotices,
  }
}

/**
 * Run an operation against the ILS: no answer (timeout, refused connection, refused login, a
 * renewal's answer lost after sending) is `library_unavailable`, never a throw that becomes a
 * 500. A bug below stays a throw.
 */
export async function guarded<T>(
  work: () => Promise<Answer<T, string>>,
): Promise<Answer<T, string>> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof Sip2Failure) return unavailable()
    throw err
  }
}
