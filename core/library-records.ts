/**
 * What the `LibrarySystem` port (library-system.ts) answers with: patrons, loans, holds,
 * places and titles as the pages, chat and notices show them, and why an operation was
 * refused. Plain data, the same from the embedded database and from an ILS over SIP2.
 * Types only.
 */
import type { AccessReason } from './access.ts'
import type { PasswordProblem } from './credentials.ts'
import type { CancelReason } from './hold-actions.ts'
import type { HoldReason } from './holds.ts'
import type { RenewalQuote, RenewReason } from './renewals.ts'
import type {
  Decision,
  Hold,
  HoldState,
  Loan,
  Patron,
  PatronCategory,
  PickupKind,
} from './types.ts'

/** Why the library system could not act on the request itself (an id it does not know, a race). */
export type InputReason =
  | 'invalid_input'
  | 'unknown_patron'
  | 'unknown_title'
  | 'unknown_copy'
  | 'unknown_hold'
  | 'unknown_loan'
  | 'unknown_place'
  | 'conflict'
  /** Front mode: the library's own system refused, with its words (AF) and the phone number. */
  | 'library_refused'

/** A patron as the pages and chat show them, with core's facts about them. */
export interface PatronSummary {
  id: number
  number: string
  name: string
  category: PatronCategory
  /** A confirmed e-mail address: a second way to reach the patron (ACC-PASSWORD). */
  emailConfirmed: boolean
  /** My本棚 reading history opted in; bunko's own setting, kept with the patron. */
  historyOptIn: boolean
  /** Core's view: eligibility, expiry, password, reachability (ACC-*). */
  facts: Patron
}

/** What the card and the hold pages say about the patron now (ACC-BLOCK-OVERDUE, HOLD-LIMIT). */
export interface PatronStanding {
  /** A loan long overdue blocks renewing, reserving and changing pickup (ACC-BLOCK-OVERDUE). */
  blocked: boolean
  /** Active holds, and how many of them are CD/DVD/video (HOLD-LIMIT). */
  holds: { total: number; av: number }
}

/** The patron's active holds and open loans as core's rules see them, for explaining ahead. */
export interface CirculationFacts {
  holds: Hold[]
  loans: Loan[]
}

/** Why signing in with number and password was refused (ACC-*, lockout, ACC-SECRET). */
export type SignInReason = 'locked' | 'wrong_credentials' | AccessReason | 'invalid_input'

/** One open loan, with what a renewal would give now (RENEW-NO-GAIN). */
export interface LoanSummary {
  id: number
  titleId: number
  title: string
  author: string
  materialType: string
  barcode: string
  loanDate: string
  dueDate: string
  overdue: boolean
  renewals: number
  interLibrary: boolean
  locker: boolean
  renewal: Decision<RenewalQuote, RenewReason>
  /** The next day a renewal would be allowed, or null. */
  nextRenewal: string | null
  /** CD, DVD or video (RENEW-AV). */
  av: boolean
  /** The library that lent it (whom to phone about it); absent when the system does not say. */
  libraryId?: number | null
}

export type RenewOneReason = RenewReason | InputReason

/** RENEW-REASONS: each loan of "renew all" with its own outcome. */
export interface RenewAllItemResult {
  loanId: number
  title: string
  result: Decision<RenewalQuote, RenewOneReason>
}

/** One hold: queue position, pickup place, pickup deadline, transit (HOLD-*). */
export interface HoldSummary {
  id: number
  state: HoldState
  titleId: number
  title: string
  author: string
  materialType: string
  /** HOLD-QUEUE: 1 = next; null once a copy is set aside or the hold has ended. */
  queuePosition: number | null
  /**
   * Where the copy is collected; null when the library system does not say (front mode:
   * SIP2's 63 names no pickup place), so no screen or notice names a place bunko only guessed.
   */
  pickupPlace: { id: number; name: string; kind: string; phone: string } | null
  placedAt: number
  readyAt: number | null
  /** The last day to collect a ready hold (JST date), or null. */
  pickupBy: string | null
  setGroup: number | null
  volume: number | null
  interLibrary: boolean
  /** Its ready notice as recorded with the hold (the outbox says more); null if none. */
  noticeState: 'pending' | 'sending' | 'sent' | 'failed' | 'undeliverable' | null
  /** HOLD-TRANSIT: where its copy is travelling to and since when; null otherwise. */
  transit: { to: { id: number; name: string }; since: number | null } | null
  endedAt: number | null
  /** HOLD-CANCEL: allowed online, or why not. */
  /**
   * Whether the patron may cancel it here; `library_refused`: the library system would have to
   * be asked in a way that could cancel another hold (front mode), so it is done elsewhere.
   */
  cancel: Decision<{ holdId: number }, CancelReason | 'library_refused'>
  /** HOLD-SUSPEND: the last day (inclusive) of a suspension in force today, or null. */
  suspendedUntil: string | null
  /**
   * HOLD-BOOKMOBILE: the station visit a ready hold is loaded for (the one its notice names);
   * null for any other hold, or when the library system does not say (SIP2 names no visit).
   */
  visit: { startsAt: number; endsAt: number } | null
  /**
   * HOLD-LOCKER: a ready locker hold whose copy is already lent to the patron and in the
   * locker (not one held back for ACC-BLOCK-OVERDUE); false otherwise, or when the system
   * does not say (SIP2).
   */
  inLocker: boolean
}

export interface PlacedHold {
  id: number
  titleId: number
  setGroup: number | null
  volume: number | null
}

export type PlaceHoldsReason = HoldReason | InputReason

/** A pickup place or library, with what the app shows about it. */
export interface LibraryPlace {
  id: number
  name: string
  nameEn: string | null
  kind: PickupKind
  phone: string
  /**
   * The library that runs a branch room, bookmobile station or locker (null: a library, or
   * not known): whom a patron phones about a hold at a locker or a station.
   */
  parentId: number | null
  /** Weekly opening hours as JSON (`{"mon":["09:30","19:00"],…}`), shown, never computed on. */
  openingHours: string | null
}

/** A title's copies at one library (title lookups). */
export interface Availability {
  libraryId: number
  library: string
  copies: number
  onShelf: number
}

/** One title's availability and queue, for a page of search hits (the hits are bunko's). */
export interface TitleAvailability {
  titleId: number
  availability: Availability[]
  /** Holds waiting on the title. */
  waiting: number
}

/** One copy of a title, where it is now (the 詳細 page lists them). */
export interface TitleCopy {
  /** The library that owns it. */
  libraryId: number
  /** 請求記号; '' when not known. */
  callNumber: string
  status: 'on_shelf' | 'on_loan' | 'on_hold_shelf' | 'in_transit' | 'missing'
  /** The place it is at now (its hold shelf, or where it travels to), or null (on loan, unknown). */
  placeId: number | null
  /** When it is on loan: its due date (JST), or null. */
  dueDate: string | null
}

/** A catalogue title with its availability and queue; the catalogue itself is bunko's. */
export interface TitleSummary {
  id: number
  title: string
  yomi: string
  author: string
  publisher: string
  year: number | null
  isbn: string | null
  materialType: string
  setId: number | null
  volume: number | null
  notForLoan: boolean
  availability: Availability[]
  /** Holds waiting on the title: how long the queue is. */
  waiting: number
}

/** Why changing the web password was refused (ACC-SECRET lockout, the strength rule). */
export type PasswordChangeReason = 'locked' | 'wrong_credentials' | PasswordProblem | InputReason

/** Why registering or resetting the web password was refused (ACC-RESET). */
export type PasswordResetReason =
  | 'locked'
  | 'identity_mismatch'
  | 'reset_at_counter'
  | AccessReason
  | PasswordProblem
  | InputReason

/** A reset done, or (ACC-RESET-LINKED) waiting for the linked LINE account to confirm it. */
export interface PasswordReset {
  patronId: number
  pending: { token: string; lineUserId: string; language: string; expiresAt: number } | null
}

/** A ready hold that was not collected in time (HOLD-EXPIRE, HOLD-LOCKER). */
export interface ExpiredHold {
  holdId: number
  copyId: number | null
  /** The locker loan returned with it (HOLD-LOCKER). */
  returnedLoanId: number | null
  /** The next hold the copy was passed to (with its notice), or null: back to the shelf. */
  nextHoldId: number | null
}
