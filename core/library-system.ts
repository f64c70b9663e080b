/**
 * The `LibrarySystem` port: everything bunko asks of the library's own system — who a patron
 * is, their loans and holds, renewing, reserving, the pickup places and what to announce.
 * Embedded mode answers from bunko's database (db/library-system.ts); front mode will answer
 * over SIP2 from the library's ILS. Callers hold a `LibrarySystem` and never what is below it.
 *
 * Errors are values. A refusal is core's `Refusal` with a typed reason and the patron-facing
 * sentence; "the library system cannot be reached" (timeout, connection refused, login refused)
 * is its own reason, `library_unavailable` (not HOLD's `unreachable`, which is about reaching
 * the patron), which callers answer with 503 and a plain sentence.
 * Types only, plus the one sentence every caller says when the system is down.
 */
import type { AccessReason } from './access.ts'
import type { PasswordProblem } from './credentials.ts'
import type { CancelReason, ChangePickupReason } from './hold-actions.ts'
import type { ResumeReason, SuspendReason } from './hold-suspend.ts'
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
  Refusal,
  Text,
} from './types.ts'

/** The library system did not answer (or refused bunko's own login): the patron did nothing wrong. */
export type Unavailable = Refusal<'library_unavailable'>

/** What every port operation answers: the decision, or that the system cannot be reached. */
export type Answer<T, R extends string = never> = Decision<T, R> | Unavailable

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

export const UNAVAILABLE_MESSAGE: Text = {
  ja: '図書館のシステムにただいま接続できません。しばらくしてから、もう一度お試しください。',
  en: "We can't reach the library's system right now. Please try again later.",
}

export function unavailable(): Unavailable {
  return { ok: false, reason: 'library_unavailable', message: UNAVAILABLE_MESSAGE }
}

export function isUnavailable(answer: { ok: boolean; reason?: string }): answer is Unavailable {
  return !answer.ok && answer.reason === 'library_unavailable'
}

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
  pickupPlace: { id: number; name: string; kind: string; phone: string }
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
  cancel: Decision<{ holdId: number }, CancelReason>
  /** HOLD-SUSPEND: the last day (inclusive) of a suspension in force today, or null. */
  suspendedUntil: string | null
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

/** What the library system can do; the LIFF app hides what it cannot. */
export interface Capabilities {
  renew: boolean
  renewAll: boolean
  holds: boolean
  cancelHold: boolean
  changePickup: boolean
  /** Holds on a title (any copy); false means only a specific item can be held. */
  titleHolds: boolean
  /** Where the library's own OPAC is, for what the app cannot do here; null if none. */
  opacUrl: string | null
  /** HOLD-SUSPEND: waiting holds can be suspended until a date and resumed. */
  suspendHolds: boolean
  /** NOTICE-DUE-SOON and NOTICE-EXPIRY can be sent (they need every patron's dates each day). */
  reminders: boolean
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

/**
 * What each notice slot asks of the library system: end holds not collected in time (their
 * copies go to the next patron, whose ready notice is queued with it) and queue the overdue
 * reminders, and the reminders patrons ask for (due soon, registration expiry). Front mode will
 * poll the ILS here instead.
 */
export interface NoticeFeed {
  /** End the ready holds whose last day to collect is before `now`'s day (HOLD-EXPIRE). */
  expireHolds(now: number): Promise<Answer<ExpiredHold[]>>
  /** Queue the overdue reminders due at slot `at`, written at `now`; the count queued. */
  queueOverdue(at: number, now: number): Promise<Answer<number>>
  /**
   * The system writes no notices into bunko's outbox (front mode): at each slot bunko asks it
   * for every linked patron's holds and loans and queues what is new (bot/notices/poll.ts).
   * Absent or false: the notices are queued with each change, as the embedded system does.
   */
  polled?: boolean
  /**
   * Front mode: one patron's ready holds and overdue loans, as the poll needs them, in as few
   * requests as the system allows (SIP2: one 63 for most patrons). Absent: the poll asks
   * holds() and loans(). `want` names the notices the patron takes.
   */
  pollPatron?(
    patronId: number,
    want: { holdReady: boolean; overdue: boolean },
    now: number,
  ): Promise<Answer<PolledPatron, 'invalid_input'>>
  /**
   * Queue the due-soon reminders for slot `at` (NOTICE-DUE-SOON): one per opted-in patron per
   * day, about what is due their chosen 1–3 days ahead; the count queued.
   */
  queueDueSoon(at: number, now: number): Promise<Answer<number>>
  /** Queue the registration-expiry notices for slot `at` (NOTICE-EXPIRY); the count queued. */
  queueExpiry(at: number, now: number): Promise<Answer<number>>
}

/** What the notice poll found for one patron: ready holds and overdue loans (either may be empty). */
export interface PolledPatron {
  ready: HoldSummary[]
  overdue: LoanSummary[]
}

/** The port. Every operation is for the patron it names; `now` is the caller's clock. */
export interface LibrarySystem {
  capabilities(): Capabilities
  /** Number + password → the patron, or why not (ACC-*, lockout). */
  authenticate(
    input: { number: string; password: string; client?: { address: string; lineUserId?: string } },
    now: number,
  ): Promise<Answer<PatronSummary, SignInReason>>
  /** The patron by bunko's id for them, or null when the system no longer knows them. */
  patron(patronId: number): Promise<Answer<PatronSummary | null>>
  standing(patronId: number, now: number): Promise<Answer<PatronStanding>>
  /**
   * What core's rules need to tell the patron beforehand what would be refused (e.g. the
   * title page's "cannot be reserved" note); the system still decides when asked to act.
   */
  facts(patronId: number): Promise<Answer<CirculationFacts>>
  loans(patronId: number, now: number): Promise<Answer<LoanSummary[], 'invalid_input'>>
  renew(
    input: { patronId: number; loanId: number },
    now: number,
  ): Promise<Answer<RenewalQuote, RenewOneReason>>
  renewAll(patronId: number, now: number): Promise<Answer<RenewAllItemResult[], 'invalid_input'>>
  /** Active holds, and those ended since `endedSince` (default: none). */
  holds(
    input: { patronId: number; endedSince?: number },
    now: number,
  ): Promise<Answer<HoldSummary[], 'invalid_input'>>
  placeHolds(
    input: { patronId: number; titleIds: number[]; pickupPlaceId: number },
    now: number,
  ): Promise<Answer<PlacedHold[], PlaceHoldsReason>>
  cancelHold(
    input: { patronId: number; holdId: number },
    now: number,
  ): Promise<Answer<{ holdId: number }, CancelReason | InputReason>>
  changePickup(
    input: { patronId: number; holdId: number; pickupPlaceId: number; wholeSet?: boolean },
    now: number,
  ): Promise<Answer<{ changed: number[] }, ChangePickupReason | InputReason>>
  /** Active places, in the library's own order. */
  places(): Promise<Answer<LibraryPlace[]>>
  place(id: number): Promise<Answer<LibraryPlace | null>>
  /** One title with its availability, or null (search itself stays on bunko's catalogue). */
  title(id: number): Promise<Answer<TitleSummary | null>>
  notices: NoticeFeed
  /**
   * Availability of many titles in one request (a page of search hits), in no set order; a
   * title the system does not know is left out. Search itself runs on bunko's catalogue copy.
   */
  availability(titleIds: number[]): Promise<Answer<TitleAvailability[]>>
  /** Every copy of a title, in the system's order, or [] when it knows none. */
  copies(titleId: number): Promise<Answer<TitleCopy[]>>
  /** The LIFF settings' password change: the current password is required (ACC-SECRET). */
  changePassword(
    input: { patronId: number; current: string; next: string; address?: string },
    now: number,
  ): Promise<Answer<{ patronId: number }, PasswordChangeReason>>
  /** ACC-RESET: register or reset the web password with number + name + phone on record. */
  resetPassword(
    input: {
      number: string
      name: string
      phone: string
      password: string
      client?: { address: string }
    },
    now: number,
  ): Promise<Answer<PasswordReset, PasswordResetReason>>
  /** ACC-RESET-LINKED: the linked LINE account confirmed the pending reset `token`. */
  confirmPasswordReset(
    input: { token: string; lineUserId: string },
    now: number,
  ): Promise<Answer<{ patronId: number }, 'expired'>>
  /** For /healthz: whether the library's system answers now (front mode); absent when embedded. */
  health?(): Promise<{ ils: 'ok' | 'unreachable' }>
  /** HOLD-SUSPEND: suspend a waiting hold through `until` (a JST date, inclusive). */
  suspendHold(
    input: { patronId: number; holdId: number; until: string },
    now: number,
  ): Promise<Answer<{ holdId: number; until: string }, SuspendReason | InputReason>>
  /** HOLD-SUSPEND: resume a suspended hold early. */
  resumeHold(
    input: { patronId: number; holdId: number },
    now: number,
  ): Promise<Answer<{ holdId: number }, ResumeReason | InputReason>>
}
