/**
 * The plain data that circulation rules decide over. Rows from the database are mapped
 * onto these shapes by `db/`; nothing here knows where they came from.
 */
import type { Instant, JstDate } from './dates.ts'

/** What an item is. `audiobook` is 録音図書, for print-disabled patrons only (HOLD-AUDIOBOOK). */
export type MaterialType =
  | 'book'
  | 'magazine'
  | 'manga'
  | 'kamishibai'
  | 'cd'
  | 'dvd'
  | 'video'
  | 'audiobook'

export const MATERIAL_TYPES: readonly MaterialType[] = [
  'book',
  'magazine',
  'manga',
  'kamishibai',
  'cd',
  'dvd',
  'video',
  'audiobook',
]

/** general: resident/commuter; print_disabled: may use 録音図書; wide_area: 広域利用 (counter only). */
export type PatronCategory = 'general' | 'print_disabled' | 'wide_area'

/** Where a hold can be collected (HOLD-PICKUP). */
export type PickupKind = 'library' | 'branch_room' | 'bookmobile' | 'locker'

/** A place's name and phone number, as a patron is told to phone it. */
export interface PhonePlace {
  name: string
  nameEn?: string
  phone: string
}

/** A library or pickup place, and whom a patron should phone about it. */
export interface Place extends PhonePlace {
  id: number
  kind: PickupKind
  /**
   * The library that runs it (a branch room, station or locker). Nobody staffs a locker or a
   * bookmobile station, so a patron phones this library about a hold there (messages.ts
   * pickupContact). Absent: a library, or not known.
   */
  runBy?: PhonePlace
}

/** Who a patron is, as far as the rules care. */
export interface Patron {
  id: number
  number: string
  category: PatronCategory
  /** Registration lapses after long non-use (ACC-EXPIRED); null = does not lapse. */
  expiresOn: JstDate | null
  /** Whether a web password has been registered (ACC-PASSWORD). */
  hasPassword: boolean
  /** Whether a notice can reach the patron: a confirmed e-mail or a live LINE link. */
  reachable: boolean
}

/** A catalogue title, as the hold rules see it. */
export interface Title {
  id: number
  /** The title as shown to the patron, when the caller has it (used in refusals). */
  name?: string
  materialType: MaterialType
  notForLoan: boolean
  /** Set title (S mark): volumes reserved together become one set hold (HOLD-SET). */
  setId: number | null
  volume: number | null
}

/** One of the patron's current loans. */
export interface Loan {
  id: number
  titleId: number
  materialType: MaterialType
  loanDate: JstDate
  dueDate: JstDate
  renewals: number
  /** Borrowed from another municipality or a university (RENEW-ILL). */
  interLibrary: boolean
  /** Another patron has a hold waiting on this title (RENEW-HELD). */
  heldByOthers: boolean
}

export type HoldState = 'waiting' | 'in_transit' | 'ready' | 'collected' | 'cancelled' | 'expired'

/** States in which a hold still counts against the patron's limit (HOLD-LIMIT). */
export const ACTIVE_HOLD_STATES: readonly HoldState[] = ['waiting', 'in_transit', 'ready']

/** One hold, as the rules see it. */
export interface Hold {
  id: number
  patronId: number
  titleId: number
  materialType: MaterialType
  state: HoldState
  placedAt: Instant
  pickupPlaceId: number
  /** Set hold group and the volume's place in it (HOLD-SET). */
  setGroup: number | null
  volume: number | null
  /** Requested when the city did not own the item (HOLD-CANCEL (b)). */
  interLibrary: boolean
  /** HOLD-SUSPEND: suspended through this Japan day (inclusive); absent or null: not suspended. */
  suspendedUntil?: JstDate | null
}

/** Bilingual patron-facing text. */
export interface Text {
  ja: string
  en: string
}

/**
 * Bilingual text in short lines, one idea each, for a page that shows them apart (a patron
 * walk: one long paragraph was too much to scan at 150% text on a phone).
 */
export interface TextLines {
  ja: string[]
  en: string[]
}

/** A refusal: the typed reason, and what to tell the patron (why, and what to do next). */
export interface Refusal<R extends string> {
  ok: false
  reason: R
  message: Text
}

/** An allowed decision and what it produces. */
export interface Allowed<T> {
  ok: true
  value: T
}

export type Decision<T, R extends string> = Allowed<T> | Refusal<R>

export function allow<T>(value: T): Allowed<T> {
  return { ok: true, value }
}

export function refuse<R extends string>(reason: R, message: Text): Refusal<R> {
  return { ok: false, reason, message }
}
