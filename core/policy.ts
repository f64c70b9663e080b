/**
 * Policy: every number and list that differs from one library to the next, in one value.
 * Rules take a Policy as a parameter; Hirakata City Library's is the default.
 */
import type { ClockTime, JstDate } from './dates.ts'
import type { CardBarcode } from './symbology.ts'
import type { MaterialType } from './types.ts'

/** Where renewal periods are counted from (RENEW-BOOK): the renewal date R, or the current due date. */
export type RenewFrom = 'renewal_date' | 'due_date'

/** What happens to a due date that lands on a closed day (LOAN-DUE-OPEN). */
export type ClosedDueDate = 'next_open_day' | 'keep'

export interface Policy {
  /** Shown in greetings and footers. */
  libraryName: { ja: string; en: string }
  /** Whom a refusal tells the patron to phone when no particular library is concerned. */
  contact: { ja: string; en: string; phone: string }
  /** HOLD-LIMIT: holds per patron, counter and online together, and of those CD/DVD/video. */
  holdLimit: { total: number; av: number }
  /** Material types that count as AV for HOLD-LIMIT and renew as AV (RENEW-AV). */
  avTypes: MaterialType[]
  /** LOAN-PERIOD: days per material type. */
  loanDays: Record<MaterialType, number>
  renewal: {
    /** RENEW-BOOK: each renewal runs this many days… */
    days: number
    /** …but never past loan date + capDays. */
    capDays: number
    from: RenewFrom
    /** RENEW-AV: AV renews by this many days… */
    avDays: number
    /** …at most this many times. */
    avMaxRenewals: number
  }
  /** HOLD-EXPIRE / HOLD-LOCKER: days a ready hold waits for collection. */
  pickup: { days: number; lockerDays: number }
  /**
   * HOLD-TRANSIT (assumed): `overdueDays` after which a copy sent and not received is listed
   * as overdue; `vanLeavesAt`, the Japan time the day's van leaves: a copy sent later goes in
   * the next day's box (the guide is silent; Hirakata's 23:59 packs a whole day in one box).
   */
  transit: { overdueDays: number; vanLeavesAt: ClockTime }
  /** NOTICE-SLOTS: Japan wall times notices go out; lockers have their own list. */
  noticeSlots: { standard: ClockTime[]; locker: ClockTime[] }
  /** NOTICE-OVERDUE: days between overdue reminders. */
  overdueReminderDays: number
  /** SVC-MAINT: the daily window when the service is down. */
  maintenance: { start: ClockTime; minutes: number }
  /** ACC-SECRET: failures within windowMinutes lock the patron number for lockMinutes. */
  lockout: { maxFailures: number; windowMinutes: number; lockMinutes: number }
  /**
   * ACC-SECRET across addresses: failures from all addresses together that lock the number
   * for everyone except its linked LINE account (the per-address `lockout` comes first).
   */
  numberLockout: { maxFailures: number; windowMinutes: number; lockMinutes: number }
  /** ACC-BLOCK-OVERDUE: days past due (this many or more) at which a loan blocks online use (長期延滞). */
  longOverdueDays: number
  /** LOAN-DUE-OPEN: closed-day handling; the calendar itself is data per library. */
  closedDueDate: ClosedDueDate
  /** Days every library is closed (年末年始 etc.), besides each library's own calendar. */
  closedDates: JstDate[]
  /**
   * LINE-CARD: the card barcode. NW-7 is Codabar; start/stop (A–D) are used by Codabar only.
   * Code 39 or Code 128 where the library's ids hold letters.
   */
  barcode: CardBarcode
  /** LINE-LINK: minutes a link nonce stays valid. */
  linkNonceMinutes: number
  /** ACC-RESET: the password strength rule, said before typing. */
  password: { minLength: number; maxLength: number }
  /** ACC-FAMILY: how many patrons one LINE account may link (1 = no family cards). */
  familyCards: number
  /** HOLD-SUSPEND: the furthest day a waiting hold may be suspended to, in days from today. */
  holdSuspendMaxDays: number
  /**
   * Reading records are private (図書館の自由に関する宣言): full Japan days after the day a loan
   * came back, a hold ended or a notice went out that bunko still keeps whom it was for; the
   * first run after that erases it (db/retention.ts). 0 = erased the day after. (assumed)
   */
  readingRecordDays: number
  /**
   * The library system's patron numbers (the link and password pages, the card): a pattern
   * the whole number must match, its longest length, the keypad phones show (digits only, or
   * letters too) and an example for the placeholder and the "expected format" message.
   */
  patronNumber: PatronNumberFormat
}

export interface PatronNumberFormat {
  /** A JavaScript regular expression over the whole number, e.g. `^[0-9]{4,20}$`. */
  pattern: string
  maxLength: number
  keypad: 'numeric' | 'text'
  example: string
}

/** Hirakata City Library, read from its web-service guide (see shared/spec). */
export const HIRAKATA_POLICY: Policy = {
  libraryName: { ja: '枚方市立図書館', en: 'Hirakata City Library' },
  contact: { ja: '中央図書館', en: 'Central Library', phone: '050-7105-8141' },
  holdLimit: { total: 15, av: 6 },
  avTypes: ['cd', 'dvd', 'video'],
  loanDays: {
    book: 14,
    magazine: 14,
    manga: 14,
    kamishibai: 14,
    cd: 7,
    dvd: 7,
    video: 7,
    audiobook: 14,
  },
  renewal: { days: 14, capDays: 60, from: 'renewal_date', avDays: 7, avMaxRenewals: 1 },
  pickup: { days: 7, lockerDays: 4 },
  transit: { overdueDays: 7, vanLeavesAt: '23:59' },
  noticeSlots: { standard: ['10:00', '16:00'], locker: ['10:00', '16:00', '19:00'] },
  overdueReminderDays: 7,
  maintenance: { start: '03:00', minutes: 60 },
  lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  numberLockout: { maxFailures: 20, windowMinutes: 60, lockMinutes: 60 },
  longOverdueDays: 60,
  closedDueDate: 'next_open_day',
  closedDates: [],
  barcode: { symbology: 'codabar', start: 'A', stop: 'A' },
  linkNonceMinutes: 10,
  password: { minLength: 8, maxLength: 64 },
  familyCards: 6,
  holdSuspendMaxDays: 90,
  // The spec is silent (assumed). Patrons expect the record gone soon after the return; the
  // counter needs a few days for a copy found damaged when it is unpacked or comes home by
  // transit (回送, usually within two days), or a return mis-scanned over a closed day. A loan
  // returned on a Monday keeps its borrower through Thursday and is erased on Friday.
  readingRecordDays: 3,
  // Hirakata's cards carry digits only (NW-7); the demo library's numbers are 10 digits.
  patronNumber: {
    pattern: '^[0-9]{4,20}$',
    maxLength: 20,
    keypad: 'numeric',
    example: '1000000001',
  },
}
