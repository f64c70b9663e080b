/**
 * Renewals (RENEW-*): a quote gives the new due date BEFORE the patron confirms, and the same
 * function decides the confirmation, so what was shown is what is applied.
 *
 * Closed days: the new date is LOAN-DUE-OPEN-adjusted by renewalDueDate (due-dates.ts): it is
 * never past loan date + capDays and never earlier than or equal to the current due date (that
 * would be no_gain, refused rather than applied as a shortening).
 */
import { ALWAYS_OPEN, type LibraryCalendar } from './calendar.ts'
import { addDays, type JstDate } from './dates.ts'
import { renewalDueDate } from './due-dates.ts'
import { isAv } from './holds.ts'
import type { Policy } from './policy.ts'
import { renewalMessage } from './renewal-messages.ts'
import { allow, type Decision, type Loan, refuse } from './types.ts'

/** RENEW-REASONS: why a renewal is refused. */
export type RenewReason =
  | 'held'
  | 'overdue'
  | 'ill'
  | 'av_limit'
  | 'cap_reached'
  | 'too_soon'
  | 'no_gain'
  | 'blocked'

export interface RenewalContext {
  /** Today's Japan date: the renewal date R. */
  today: JstDate
  /** ACC-BLOCK-OVERDUE applies to the patron (see access.ts isBlocked). */
  blocked: boolean
  /** The lending library's calendar (LOAN-DUE-OPEN). */
  calendar?: LibraryCalendar
}

/** What a renewal would do: shown before confirming, applied as is. */
export interface RenewalQuote {
  loanId: number
  currentDueDate: JstDate
  newDueDate: JstDate
  /** Loan date + capDays: no renewal goes past it. */
  capDate: JstDate
  /** True when the new date was cut short by the cap. */
  capped: boolean
  /** Renewals done after this one. */
  renewals: number
  /**
   * The library's own system sets the new date (front mode): this one is the policy's
   * reckoning, which limits that system keeps to itself (a cap from the loan date SIP2 does
   * not give) may shorten, so the quote says "should" instead of promising it.
   */
  estimated?: boolean
}

/**
 * RENEW-BOOK / RENEW-AV: the date the renewal runs to before closed days and the cap.
 * policy.renewal.from applies to AV too: the guide's wording is the same for both.
 */
function wantedDueDate(loan: Loan, today: JstDate, av: boolean, policy: Policy): JstDate {
  const days = av ? policy.renewal.avDays : policy.renewal.days
  const from = policy.renewal.from === 'due_date' ? loan.dueDate : today
  return addDays(from, days)
}

/**
 * Checks in order of how lasting the reason is (the patron hears the one that still matters
 * tomorrow): blocked, ill, overdue, held, av_limit, cap_reached, too_soon, no_gain.
 */
function refusalReason(
  loan: Loan,
  ctx: RenewalContext,
  av: boolean,
  cap: JstDate,
  policy: Policy,
): RenewReason | null {
  if (ctx.blocked) return 'blocked'
  if (loan.interLibrary) return 'ill'
  if (ctx.today > loan.dueDate) return 'overdue'
  if (loan.heldByOthers) return 'held'
  if (av && loan.renewals >= policy.renewal.avMaxRenewals) return 'av_limit'
  if (loan.dueDate >= cap) return 'cap_reached'
  if (ctx.today <= loan.loanDate) return 'too_soon'
  return null
}

/** Quote (and decide) renewing one loan on ctx.today. */
export function quoteRenewal(
  loan: Loan,
  ctx: RenewalContext,
  policy: Policy,
): Decision<RenewalQuote, RenewReason> {
  const av = isAv(loan.materialType, policy)
  const capDate = addDays(loan.loanDate, policy.renewal.capDays)
  const reason = refusalReason(loan, ctx, av, capDate, policy)
  if (reason) return refuse(reason, renewalMessage(reason, loan, capDate, policy))
  const wanted = wantedDueDate(loan, ctx.today, av, policy)
  const calendar = ctx.calendar ?? ALWAYS_OPEN
  const newDueDate = renewalDueDate(wanted, capDate, loan.dueDate, calendar, policy)
  if (newDueDate <= loan.dueDate)
    return refuse('no_gain', renewalMessage('no_gain', loan, capDate, policy))
  return allow({
    loanId: loan.id,
    currentDueDate: loan.dueDate,
    newDueDate,
    capDate,
    capped: wanted > capDate,
    renewals: loan.renewals + 1,
  })
}

/** One loan's outcome in "renew all". */
export type RenewAllItem = { loanId: number; result: Decision<RenewalQuote, RenewReason> }

/**
 * "Renew all" (RENEW-REASONS): each loan decided on its own, so everything renewable is
 * renewed and each refusal is reported with its reason. Loans keep the order given.
 */
export function renewAll(
  loans: readonly Loan[],
  ctx: RenewalContext,
  policy: Policy,
): RenewAllItem[] {
  return loans.map((loan) => ({ loanId: loan.id, result: quoteRenewal(loan, ctx, policy) }))
}

/**
 * The first day after ctx.today on which the loan could be renewed, or null when it never can
 * (cap reached, AV once only, overdue by then). Said after a renewal and with RENEW-NO-GAIN,
 * so the patron hears "from when" rather than a bare refusal. Bounded by the due date.
 */
export function nextRenewalDate(loan: Loan, ctx: RenewalContext, policy: Policy): JstDate | null {
  for (let day = addDays(ctx.today, 1); day <= loan.dueDate; day = addDays(day, 1))
    if (quoteRenewal(loan, { ...ctx, today: day }, policy).ok) return day
  return null
}
