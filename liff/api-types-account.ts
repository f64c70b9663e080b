/**
 * The account side of the API contract (part of liff/api-types.ts, which re-exports it):
 * favourites and My本棚, settings and notices, the ISBN scan and purchase suggestions, and
 * family cards. Split out only to keep each file readable; both sides import api-types.ts.
 */
import type { JapanDate, TitleSummary } from './api-types.ts'

// ── Favourites and My本棚 ────────────────────────────────────────────────────────────────

/** `GET /api/favourites`; `PUT`/`DELETE /api/favourites/:titleId` are idempotent (200 ok). */
/** `GET /api/cart`: the hold cart kept for the patron, oldest first (at most 25 titles). */
export interface CartResponse {
  items: TitleSummary[]
}

export interface FavouritesResponse {
  items: { title: TitleSummary; addedOn: JapanDate }[]
}

export interface HistoryEntry {
  id: number
  title: TitleSummary
  loanDate: JapanDate
  returnedOn: JapanDate | null
}

/**
 * `GET /api/shelf`. Reading history is private and kept only while the patron opts in:
 * turning it off stops recording (entries already kept stay until the patron deletes them).
 */
export interface ShelfResponse {
  historyOptIn: boolean
  history: HistoryEntry[]
  want: { title: TitleSummary; addedOn: JapanDate }[]
}

/** `PUT /api/shelf/history-opt-in` body; 200 `{ historyOptIn }`. */
export interface HistoryOptInRequest {
  enabled: boolean
}

export interface HistoryOptInResponse {
  historyOptIn: boolean
}

// ── Settings ────────────────────────────────────────────────────────────────────────────

export type PasswordRefusalReason = 'wrong_password' | 'weak_password' | 'same_password'

/** `POST /api/password` (current password required); 200 ok, 409 refusal, 423 `locked`. */
export interface PasswordRequest {
  current: string
  next: string
}

/** NOTICE-KINDS. */
export type NoticeKind = 'hold_ready' | 'overdue'

/**
 * `GET`/`PUT /api/notifications`: LINE push on or off per kind (e-mail comes later as another
 * channel), the due-soon reminder's lead time and the expiry notice (a PUT may leave them out). Turning off `hold_ready` when no other channel reaches the patron is refused with
 * 409 `needs_channel` while holds are active (ACC-PASSWORD).
 */
export interface NotificationPrefs {
  line: Record<NoticeKind, boolean>
  /** NOTICE-DUE-SOON: remind this many days before a due date (1, 2 or 3); null = off. */
  due_soon_days?: 1 | 2 | 3 | null
  /** NOTICE-EXPIRY: tell before the registration lapses. */
  expiry?: boolean
  /** Answers only: hold-ready cannot be turned off now (holds, no other channel; ACC-PASSWORD). */
  hold_ready_locked?: boolean
  /** Answers only: how this card would hear a hold is ready now (core's holdNoticeWay). */
  hold_notice?: HoldNoticeWay
}

/** A LINE push, the library's e-mail to a confirmed address, or no notice at all. */
export type HoldNoticeWay = 'line' | 'email' | 'none'

/** `GET /liff/config.json`, served by the bot. */
export interface LiffConfig {
  liffId: string
  /** For the header from the first open, before the patron's data arrives. */
  libraryName?: { ja: string; en: string }
  /** When LINE notices go out ("HH:MM", Japan time; BUNKO_POLICY noticeSlots): the app's sentences name them. */
  noticeSlots?: { standard: string[]; locker: string[] }
  /** Simulator and tests: use @line/liff-mock and take ID tokens from the simulator. */
  mock: boolean
  /** In mock mode, where the simulator answers `/simulator/api/users/:id/id-token`. */
  simulatorOrigin?: string
}

/** The simulator's `GET /simulator/api/users/:userId/id-token` (plain text also accepted). */
export interface SimulatorIdToken {
  idToken: string
}

// ── ISBN scan and purchase suggestions (issue 19) ───────────────────────────────────────

/** `GET /api/isbn/:code`: the catalogue title with this ISBN, or null (not in the library). 400 for a code that is not a book's EAN-13. */
export interface IsbnLookupResponse {
  /** The 13 digits, check digit verified. */
  isbn: string
  titleId: number | null
}

/** `POST /api/purchase-requests` body (購入リクエスト). 201 `PurchaseRequestResponse`. */
export interface PurchaseRequestBody {
  isbn: string
  title: string
  author?: string
  note?: string
}

/**
 * `duplicate`: this patron's suggestion of the ISBN is still on file (open, or decided less
 * than readingRecordDays ago, after which the library forgets who asked); nothing new was stored.
 */
export interface PurchaseRequestResponse {
  ok: true
  duplicate: boolean
}

// ── Family cards (ACC-FAMILY) ───────────────────────────────────────────────────────────

/** One linked card. Every patron-specific call names its `patronId` in `X-Bunko-Patron`. */
export interface FamilyCard {
  patronId: number
  /** 利用者番号, digits only: the barcode's data. */
  patronNumber: string
  name: string
}

/** `GET /api/family`: the LINE account's cards, first linked first, and how many it may link. */
export interface FamilyResponse {
  cards: FamilyCard[]
  limit: number
}

/** `POST /api/unlink` → 200: how many cards the account still links. */
export interface UnlinkResponse {
  ok: true
  remaining: number
}

/** `POST /api/family/link` → 200: the link page to open for one more card (ACC-FAMILY). */
export interface FamilyLinkResponse {
  url: string
}
