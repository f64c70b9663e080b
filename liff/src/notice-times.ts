/**
 * When the library sends its LINE notices, as the server's LIFF config says (BUNKO_POLICY
 * noticeSlots). A library can move its slots, so the app's sentences take the times instead
 * of naming 10:00 and 16:00. Null when the config does not carry them (a page cached before
 * they were added): the sentences then leave the times out rather than guess.
 */
import { knownConfig } from './config.ts'

export interface NoticeTimes {
  /** "HH:MM", in the library's order. */
  standard: string[]
  /** Locker pickups' slots beyond the standard ones (none when they are the same). */
  lockerAlso: string[]
}

export function noticeTimes(): NoticeTimes | null {
  const slots = knownConfig()?.noticeSlots
  if (!slots?.standard.length) return null
  return {
    standard: slots.standard,
    lockerAlso: slots.locker.filter((s) => !slots.standard.includes(s)),
  }
}
