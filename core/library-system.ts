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
 * Types only, plus the one sentence every caller says when the system is down. What the
 * operations answer with (patrons, loans, holds, places, titles) is in library-records.ts.
 */
import type { JstDate } from './dates.ts'
import type { CancelReason, ChangePickupReason } from './hold-actions.ts'
import type { ResumeReason, SuspendReason } from './hold-suspend.ts'
import type {
  CirculationFacts,
  ExpiredHold,
  HoldSummary,
  InputReason,
  LibraryPlace,
  LoanSummary,
  PasswordChangeReason,
  PasswordReset,
  PasswordResetReason,
  PatronStanding,
  PatronSummary,
  PlacedHold,
  PlaceHoldsReason,
  RenewAllItemResult,
  RenewOneReason,
  SignInReason,
  TitleAvailability,
  TitleCopy,
  TitleSummary,
} from './library-records.ts'
import type { RenewalQuote } from './renewals.ts'
import type { Decision, Refusal, Text } from './types.ts'

export type * from './library-records.ts'

/** The library system did not answer (or refused bunko's own login): the patron did nothing wrong. */
export type Unavailable = Refusal<'library_unavailable'>

/** What every port operation answers: the decision, or that the system cannot be reached. */
export type Answer<T, R extends string = never> = Decision<T, R> | Unavailable

export const UNAVAILABLE_MESSAGE: Text = {
  ja: '図書館のシステムにただいま接続できません。しばらくしてから、もう一度お試しください。',
  en: "We can't reach the library's system right now. Please try again later.",
}

/**
 * UNAVAILABLE_MESSAGE and the library's number for what cannot wait: what the chat and the app
 * say alike (a walk found the app's outage page naming no one to phone).
 */
export function unavailableText(contact: { ja: string; en: string; phone: string }): Text {
  return {
    ja: `${UNAVAILABLE_MESSAGE.ja}\nお急ぎの場合は、${contact.ja}（${contact.phone}）へお電話ください。`,
    en: `${UNAVAILABLE_MESSAGE.en}\nIf it cannot wait, please call ${contact.en} (${contact.phone}).`,
  }
}

export function unavailable(): Unavailable {
  return { ok: false, reason: 'library_unavailable', message: UNAVAILABLE_MESSAGE }
}

export function isUnavailable(answer: { ok: boolean; reason?: string }): answer is Unavailable {
  return !answer.ok && answer.reason === 'library_unavailable'
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
  /**
   * ACC-RESET, ACC-SECRET: the web password is registered, reset and changed here. False when
   * the library's system keeps it (front mode: SIP2 only checks it): the link page and the
   * settings say where instead of offering forms that would be refused.
   */
  passwords: boolean
  /** NOTICE-DUE-SOON reminders can be sent (the system tells each loan's due date). */
  reminders: boolean
  /**
   * NOTICE-EXPIRY notices can be sent: the system tells a patron's registration expiry date
   * (SIP2 has no standard field for it; an ILS that sends none makes this false).
   */
  expiryNotices: boolean
  /**
   * The system e-mails its own hold-ready and overdue notices to a confirmed address, so a
   * confirmed e-mail is a way to reach the patron besides LINE (ACC-PASSWORD). bunko sends no
   * e-mail: embedded, it is false, and only LINE (or staff on the phone) reaches a patron.
   */
  emailNotices: boolean
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
   * holds() and loans(). `want` names the notices the patron takes. 'unknown_patron': the
   * system does not know the patron (SIP2's BL N), which is not "nothing ready": the poll
   * leaves the patron as it last found them.
   */
  pollPatron?(
    patronId: number,
    want: PollWant,
    now: number,
  ): Promise<Answer<PolledPatron, 'invalid_input' | 'unknown_patron'>>
  /**
   * Queue the due-soon reminders for slot `at` (NOTICE-DUE-SOON): one per opted-in patron per
   * day, about what is due their chosen 1–3 days ahead; the count queued.
   */
  queueDueSoon(at: number, now: number): Promise<Answer<number>>
  /** Queue the registration-expiry notices for slot `at` (NOTICE-EXPIRY); the count queued. */
  queueExpiry(at: number, now: number): Promise<Answer<number>>
}

/** The notices a polled patron takes, so the system is asked only what they need. */
export interface PollWant {
  holdReady: boolean
  overdue: boolean
  /** NOTICE-DUE-SOON: every loan with its due date (the patron opted in). */
  dueSoon?: boolean
  /** NOTICE-EXPIRY: the registration's expiry date, where the system tells it. */
  expiry?: boolean
}

/** What the notice poll found for one patron: ready holds and overdue loans (either may be empty). */
export interface PolledPatron {
  ready: HoldSummary[]
  overdue: LoanSummary[]
  /** Asked for due-soon reminders: every loan the patron has out (empty when none). */
  charged?: LoanSummary[]
  /** The registration's last valid day, where the system tells it (null: it did not say). */
  expiresOn?: JstDate | null
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
  /**
   * `holder` (ACC-FAMILY): the patron's name when someone else on their LINE account places
   * the holds, so the refusal's sentence names them; a system that words its own refusals
   * (SIP2's screen messages) may leave it unused.
   */
  placeHolds(
    input: { patronId: number; titleIds: number[]; pickupPlaceId: number; holder?: string },
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
