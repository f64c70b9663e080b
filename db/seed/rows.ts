/**
 * The plain rows the seed builds, before they meet the database. Ids are assigned here so a
 * whole library can be written in bulk without reading anything back.
 */
import type { JstDate } from '../../core/dates.ts'
import type { HoldState, MaterialType, PatronCategory, PickupKind } from '../../core/types.ts'

/** Opening hours for one weekday, or null when closed that weekday. */
export type DayHours = { open: string; close: string } | null

/**
 * When a place is open. Libraries and branch rooms open by weekday; a bookmobile stops at a
 * station on given weeks of the month; all close on the listed yearly and monthly days.
 */
export interface Calendar {
  /** Sunday first, as core/dates.ts `weekday`. */
  weekly: DayHours[]
  /** Bookmobile stations: only the nth (1–5) weeks of the month count; null = every week. */
  weeksOfMonth: number[] | null
  /** Monthly closing for shelf work (館内整理日): nth weekday of the month. */
  monthlyClosed: { nth: number; weekday: number } | null
  /** Year-end closing (年末年始), month-day pairs inclusive across the new year. */
  yearEnd: { from: string; to: string } | null
  /** Patron-facing summary of the above. */
  summary: { ja: string; en: string }
}

export interface PlaceRow {
  id: number
  code: string
  name: string
  nameEn: string
  yomi: string
  kind: PickupKind
  phone: string
  /** The library that runs this place (a branch room, station or locker); null for a library. */
  parentId: number | null
  /** Where a station or locker is (made up); null for libraries and branch rooms. */
  address: string | null
  calendar: Calendar
}

export interface TitleRow {
  id: number
  title: string
  yomi: string
  author: string | null
  authorYomi: string | null
  publisher: string
  year: number
  isbn: string | null
  materialType: MaterialType
  /** Which word list made it; used to spread copies and to write tests, not stored. */
  genre: string
  setId: number | null
  volume: number | null
  notForLoan: boolean
  /** Magazines: the issue (「2025年6月号」); otherwise null. */
  issue: string | null
}

export type CopyStatus = 'on_shelf' | 'on_loan' | 'in_transit' | 'on_hold_shelf' | 'missing'

export interface CopyRow {
  id: number
  titleId: number
  barcode: string
  libraryId: number
  callNumber: string
  status: CopyStatus
  /** Its hold shelf's pickup place, or home (in transit: where it goes); null while on loan. */
  placeId: number | null
  /** HOLD-TRANSIT: on its way (回送中) to `toId`, sent from `fromId` at `since`. */
  transit?: { toId: number; fromId: number; since: number }
}

export interface PatronRow {
  id: number
  number: string
  name: string
  nameYomi: string
  phone: string
  category: PatronCategory
  status: 'active' | 'expired' | 'suspended'
  expiresOn: JstDate | null
  /** The demo password in clear; the loader hashes it. null = no web password. */
  password: string | null
  email: string | null
  emailConfirmed: boolean
  historyOptIn: boolean
  homeLibraryId: number
  createdAt: number
}

export interface LoanRow {
  id: number
  patronId: number
  copyId: number
  libraryId: number
  loanDate: JstDate
  dueDate: JstDate
  renewals: number
  interLibrary: boolean
  /** HOLD-LOCKER: lent by placing it in a locker for hold `holdId`. */
  locker: boolean
  holdId: number | null
  loanedAt: number
  /** Set for past loans kept for My本棚 history. */
  returnedAt: number | null
}

export interface HoldRow {
  id: number
  patronId: number
  titleId: number
  /** The copy set aside once in transit or ready. */
  copyId: number | null
  pickupPlaceId: number
  placedAt: number
  state: HoldState
  readyAt: number | null
  pickupBy: JstDate | null
  setGroup: number | null
  volume: number | null
  interLibrary: boolean
  /** The loan made for a locker pickup (HOLD-LOCKER). */
  loanId: number | null
  /** HOLD-BOOKMOBILE: the station visit a ready station hold is loaded for. */
  visitStartsAt?: number | null
  visitEndsAt?: number | null
  /** HOLD-SUSPEND: a waiting hold set aside through this Japan day (inclusive). */
  suspendedUntil?: JstDate | null
}

/** A patron's own lists (private): favourites, My本棚 history and want-to-read. */
export interface PersonalRow {
  kind: 'favourite' | 'history' | 'want'
  patronId: number
  titleId: number
  /** History: the past loan it came from. */
  loanId: number | null
  at: number
}

/** A whole library as plain rows. */
export interface Library {
  places: PlaceRow[]
  titles: TitleRow[]
  copies: CopyRow[]
  patrons: PatronRow[]
  loans: LoanRow[]
  holds: HoldRow[]
  personal: PersonalRow[]
}
