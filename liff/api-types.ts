/**
 * The JSON contract between the LIFF app and the bot's `/api/*` (issue 6). Types only: the app
 * reads these shapes and the bot writes them, so both compile against one file.
 *
 * Every request carries `Authorization: Bearer <LIFF ID token>` and `Accept-Language: ja|en`
 * (the app's language, from `liff.getLanguage()`); every `message` in a response is written
 * in that language, in the policy's polite patron-facing voice (why, and what to do next).
 *
 * Status codes: 200 with the body named per endpoint; 201 for POST /api/holds; 400 invalid
 * input (`code: 'invalid'`, `field` names the input), 401 no / bad / expired token
 * (`unauthorized`), 403 LINE account not linked (`not_linked`) or online use barred
 * (`blocked`, `expired`, `wide_area`, `no_password`), 404 (`not_found`), 409 a rule refused
 * the request (`code` is the rule's typed reason, see the unions below), 423 password lock
 * (`locked`), 503 daily maintenance (`maintenance`, SVC-MAINT) or the library's own system
 * cannot be reached (`library_unavailable`).
 */
import type { Capabilities } from '../core/library-system.ts'
import type { RenewReason } from '../core/renewals.ts'
import type { PasswordRefusalReason } from './api-types-account.ts'
import type {
  CancelRefusalReason,
  HoldPlaceReason,
  PickupChangeReason,
  SuspendRefusalReason,
} from './api-types-holds.ts'

/**
 * What the library's system can do: the app hides what it cannot (e.g. a front-mode ILS) and
 * says where to go instead: the OPAC (`opacUrl`), else the counter, with whom to phone
 * (`contact`: the library's main contact; null while the app does not know it).
 */
export type LibraryCapabilities = Capabilities & { contact: Contact | null }

/** A calendar date in Japan time (Asia/Tokyo), `YYYY-MM-DD`, whatever the server's zone. */
export type JapanDate = string

/** An instant as ISO 8601 with offset, e.g. `2026-05-01T10:00:00+09:00`. */
export type IsoInstant = string

/** The languages the app speaks; Japanese unless LINE says English. */
export type Lang = 'ja' | 'en'

/** Every non-2xx response body. */
export interface ApiError {
  code: ApiErrorCode
  /** One or two sentences for the patron, in the request's language. */
  message: string
  /** For `invalid`: the input at fault (`pickupPlaceId`, `q`, `next`, …). */
  field?: string
  /** Whom to phone, when the next step is a phone call (HOLD-CANCEL, ACC-BLOCK-OVERDUE). */
  contact?: Contact
  /** For a refused cart: the title the refusal is about (HOLD-NONCIRC, HOLD-DUPLICATE…). */
  titleId?: number
  /** For `maintenance`: when the service is back. */
  until?: IsoInstant
  /**
   * For an access refusal (ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD) on an account that links
   * other cards (ACC-FAMILY): the refusal is this card's, and the others may still be used.
   */
  otherCards?: boolean
}

export type ApiErrorCode =
  | 'unauthorized'
  | 'not_linked'
  | 'invalid'
  | 'not_found'
  | 'locked'
  | 'maintenance'
  | 'internal'
  | 'rate_limited'
  /** 503: the library's own system cannot be reached; try again later. */
  | 'library_unavailable'
  | AccessReason
  | RenewRefusalReason
  | HoldPlaceReason
  | CancelRefusalReason
  | PickupChangeReason
  | PasswordRefusalReason
  | 'quote_changed'
  /** 409: the loan was renewed elsewhere since the page showed its offer (RENEW-NO-GAIN). */
  | 'already_renewed'
  | 'needs_channel'
  | SuspendRefusalReason
  /** 購入リクエスト: the library has the book after all; too many suggestions today. */
  | 'held'
  | 'too_many'
  /** 403: the `X-Bunko-Patron` card is not linked to this LINE account (ACC-FAMILY). */
  | 'not_family'
  /** 409: the LINE account already links the most cards it may (ACC-FAMILY). */
  | 'family_full'

/** ACC-ELIGIBLE / ACC-EXPIRED / ACC-BLOCK-OVERDUE / ACC-PASSWORD (403). */
export type AccessReason = 'wide_area' | 'expired' | 'blocked' | 'no_password'

/** Whom to phone, with the number as written in the guide (e.g. `050-7105-8141`). */
export interface Contact {
  name: string
  phone: string
}

/** A typed refusal inside a 200 body: the rule's reason and the sentence to show. */
export interface Refusal<R extends string> {
  reason: R
  message: string
  contact?: Contact
}

// ── Card and places ─────────────────────────────────────────────────────────────────────

/** NW-7 start / stop characters (policy `barcode`). */
export type CodabarGuard = 'A' | 'B' | 'C' | 'D'

/** The card's barcode (policy `barcode.symbology`): NW-7 for Hirakata. */
export type CardSymbology = 'codabar' | 'code39' | 'code128'

/** `GET /api/me`: what the card shows, and what the patron may do online. */
/**
 * `GET /api/card`: the card as bunko's LINE link has it (number, name) with the policy's
 * barcode; needs nothing from the library system (drawn while it cannot be reached).
 */
export type CardResponse = Pick<Me, 'patronNumber' | 'name' | 'barcode' | 'libraryName'>

export interface Me {
  /** The patron number in the library system's format (the barcode's data without start/stop). */
  patronNumber: string
  /** The name on the patron record, as the library writes it. */
  name: string
  /**
   * LINE-CARD: the policy's symbology; NW-7 (Codabar) wraps the number in its start and stop
   * characters, Code 39 and Code 128 ignore them.
   */
  barcode: { symbology: CardSymbology; start: CodabarGuard; stop: CodabarGuard }
  libraryName: string
  /** HOLD-LIMIT counts now (ready holds included) and the limits. */
  holds: { total: number; av: number; limitTotal: number; limitAv: number }
  /** ACC-PASSWORD: placing holds needs a channel that reaches the patron; null = may hold. */
  holdRefusal: Refusal<'unreachable' | 'blocked'> | null
  /** ACC-RESET / policy `password`: said before the patron types a new password. */
  passwordRule: {
    minLength: number
    maxLength: number
    /** The whole rule in words (length, letters and digits), as the registration page says it. */
    text: string
  }
  /** What the library's system can do (renew, holds, …); the app hides the rest. */
  capabilities: LibraryCapabilities
}

/** HOLD-PICKUP: where a hold can be collected. */
export type PickupKind = 'library' | 'branch_room' | 'bookmobile' | 'locker'

/** A library, 分室, 自動車文庫ステーション or 予約図書受取ロッカー. */
export interface PickupPlace {
  id: number
  name: string
  kind: PickupKind
  /** Who answers for this place (a station or locker gives its managing library's number). */
  phone: string
  /** Opening hours or visit times in words, in the request's language. */
  hours: string
  /** HOLD-LOCKER: ready holds wait this many days here (7 at a library, 4 in a locker). */
  pickupDays: number
}

/** `GET /api/libraries`. Places come in display order within each kind. */
export interface LibrariesResponse {
  places: PickupPlace[]
}

// ── Titles ──────────────────────────────────────────────────────────────────────────────

export type MaterialType =
  | 'book'
  | 'magazine'
  | 'manga'
  | 'kamishibai'
  | 'cd'
  | 'dvd'
  | 'video'
  | 'audiobook'

/** HOLD-SET: a set title (S mark); its volumes reserved together become one set hold. */
export interface SetInfo {
  setId: number
  /** The set's name without the volume, e.g. `海辺の物語`. */
  name: string
  volumes: { titleId: number; volume: number; label: string }[]
}

/** A title as listed (search, loans, holds, favourites, My本棚). */
export interface TitleSummary {
  id: number
  name: string
  author: string
  materialType: MaterialType
  /** Volume label within its set, e.g. `上`; null when not a set volume. */
  volumeLabel: string | null
  /** The set this title belongs to (S mark); null for a single title. Manga is never a set. */
  set: SetInfo | null
  /** 禁帯出: not for loan, so not holdable (HOLD-NONCIRC). */
  notForLoan: boolean
}

/**
 * `GET /api/search?q=&page=` (page 1–999). `q` is 1–100 characters after trimming. A page past
 * the end has no results; `total` still says how many there are, so the last page is known.
 */
export interface SearchResponse {
  q: string
  page: number
  pageSize: number
  total: number
  /** Title matches first; 録音図書 last unless the patron may reserve them (HOLD-AUDIOBOOK). */
  results: (TitleSummary & {
    /** null while the library's system cannot be reached: where the copies are is its answer. */
    copies: number | null
    onShelf: number | null
    /** So titles of the same name can be told apart. */
    publisher: string
    year: number | null
  })[]
  /**
   * Issue 21: more titles match than the search counts (it counts at most 1,000); `total` is
   * then that cap, shown as 「1,000件以上」 / "1,000+".
   */
  totalCapped: boolean
}

export type CopyStatus = 'on_shelf' | 'on_loan' | 'in_transit' | 'held_for_pickup' | 'not_for_loan'

/** One library's copies of a title. */
export interface LibraryAvailability {
  library: { id: number; name: string; phone: string }
  /** `location`: where the copy is when that is not this library (else empty). */
  copies: { callNumber: string; location: string; status: CopyStatus; dueDate: JapanDate | null }[]
}

/** `GET /api/titles/:id`: the 詳細 page. */
export interface TitleDetail extends TitleSummary {
  publisher: string
  year: number | null
  /**
   * Availability per library, libraries in display order; null while the library's system
   * cannot be reached (the catalogue is bunko's copy; the copies are the system's answer).
   */
  availability: LibraryAvailability[] | null
  /** Holds waiting on the title now (HOLD-QUEUE); null while the system cannot be reached. */
  queueLength: number | null
  /** null = this patron may put it in the cart; otherwise why not (HOLD-*). */
  holdRefusal: Refusal<HoldPlaceReason> | null
  favourite: boolean
  wanted: boolean
}

// ── Loans ───────────────────────────────────────────────────────────────────────────────

/** RENEW-REASONS: core's own reasons (core/renewals.ts), so the two cannot drift. */
/** `library_refused`: front mode, the library's own system said no (its words in the message). */
export type RenewRefusalReason = RenewReason | 'library_refused'

/** RENEW-NO-GAIN: the due date a renewal today would give, shown before confirming. */
export type LoanRenewal = (
  | {
      renewable: true
      newDueDate: JapanDate
      /** The sentence to confirm: the new date, and why it is short when it is (RENEW-BOOK). */
      quote: string
      refusal?: never
    }
  | { renewable: false; refusal: Refusal<RenewRefusalReason>; newDueDate?: never; quote?: never }
) & {
  /** When not renewable today: the first day it will be (no_gain, too_soon); null = never. */
  nextRenewal: JapanDate | null
}

export type Loan = {
  id: number
  title: TitleSummary
  loanDate: JapanDate
  dueDate: JapanDate
  /** Past the due date today (Japan time). */
  overdue: boolean
  renewals: number
  /** The lending library, to phone about this loan. */
  library: Contact
} & LoanRenewal

/** `GET /api/loans`. */
export interface LoansResponse {
  today: JapanDate
  loans: Loan[]
}

/**
 * `POST /api/loans/:id/renew` body. When `quotedDueDate` is sent and today's renewal would give
 * another date (the day changed), nothing is renewed and 409 `quote_changed` comes back; when the
 * loan already runs to that date or later (renewed meanwhile), 409 `already_renewed`.
 */
export interface RenewRequest {
  quotedDueDate?: JapanDate
}

/** `POST /api/loans/:id/renew` → 200. A refusal is 409 with the RENEW-REASONS code. */
export interface RenewResponse {
  /**
   * The loan as the library's system lists it now; null when the system stopped answering
   * after renewing it (the renewal stands: `dueDate` is the new due date).
   */
  loan: Loan | null
  previousDueDate: JapanDate
  dueDate: JapanDate
}

/** One line of renew-all: renewed, or why not. */
export type RenewAllItem =
  | { loanId: number; title: string; ok: true; previousDueDate: JapanDate; dueDate: JapanDate }
  | { loanId: number; title: string; ok: false; refusal: Refusal<RenewRefusalReason> }

/** `POST /api/loans/renew-all` (no body): renews what it can, reports each refusal. */
export interface RenewAllResponse {
  results: RenewAllItem[]
}

/** `DELETE /api/holds/:id`, favourites, want-to-read, history deletes, unlink, password. */
export interface OkResponse {
  ok: true
}

export * from './api-types-account.ts'
export * from './api-types-holds.ts'
