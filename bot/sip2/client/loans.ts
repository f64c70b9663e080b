/**
 * Loans in front mode: the patron's charged and overdue items from 63 (AU, AT), each with 17
 * (title, due date, hold queue; cached briefly by Ils), named from bunko's catalogue copy
 * when it has the item. Renew is 29, renew all 65; the ILS decides, and the typed reason of
 * a refusal comes from what the item shows (overdue, reserved by someone), else the ILS's
 * words. A renewal the list offers is an estimate from the policy; 29's answer is the truth.
 */
import {
  type Answer,
  addDays,
  allow,
  contactFor,
  type Decision,
  isAv,
  jstDate,
  type Loan,
  type LoanSummary,
  phoneLine,
  type RenewAllItemResult,
  type RenewalQuote,
  type RenewOneReason,
  type RenewReason,
  refuse,
  renewalMessage,
} from '../../../core/index.ts'
import { inputRefusal, isId } from '../../../db/refusals.ts'
import type { Front } from './front.ts'
import { copiesByBarcode, syntheticId } from './local.ts'
import { ilsRefusal } from './refusals.ts'

/** A loan as listed, with the item barcode the ILS knows it by. */
export async function listLoans(f: Front, number: string, now: number): Promise<LoanSummary[]> {
  const [charged, overdue] = await Promise.all([
    f.ils.patron(number, now, { list: 'charged' }),
    f.ils.patron(number, now, { list: 'overdue' }),
  ])
  return loansOf(f, charged.items, overdue.items, now)
}

/** Loans from 63's AU (charged) and AT (overdue) barcodes, each with its 17. */
export async function loansOf(
  f: Front,
  chargedItems: readonly string[],
  overdueItems: readonly string[],
  now: number,
): Promise<LoanSummary[]> {
  const late = new Set(overdueItems)
  const barcodes = [...new Set([...chargedItems, ...overdueItems])]
  const [local, items] = await Promise.all([
    copiesByBarcode(f.db, barcodes),
    Promise.all(barcodes.map((b) => f.ils.item(b, now))),
  ])
  const today = jstDate(now)
  return barcodes.map((barcode, i) => {
    const copy = local.get(barcode)
    const item = items[i]!
    const materialType = copy?.materialType ?? 'book'
    const dueDate = item.dueAt === null ? today : jstDate(item.dueAt)
    const loan = {
      id: copy?.copyId ?? syntheticId(barcode),
      titleId: copy?.titleId ?? syntheticId(`title:${barcode}`),
      materialType,
      loanDate: dueDate,
      dueDate,
      renewals: 0,
      interLibrary: false,
      heldByOthers: item.queue > 0,
    }
    const isLate = late.has(barcode) || dueDate < today
    const renewal = isLate
      ? refuse('overdue', renewalMessage('overdue', loan, dueDate, f.policy))
      : loan.heldByOthers
        ? refuse('held', renewalMessage('held', loan, dueDate, f.policy))
        : estimate(f, loan, today)
    const summary: LoanSummary = {
      id: loan.id,
      titleId: loan.titleId,
      title: copy?.title ?? item.title,
      author: copy?.author ?? '',
      materialType,
      barcode,
      loanDate: '',
      dueDate,
      overdue: isLate,
      renewals: 0,
      interLibrary: false,
      locker: false,
      renewal,
      // Not "never" (a walk was told so after renewing today): the first day a period from
      // that day passes the due date.
      nextRenewal:
        !renewal.ok && renewal.reason === 'no_gain' ? renewableFrom(f, loan, today) : null,
      av: isAv(materialType, f.policy),
    }
    return summary
  })
}

/**
 * The renewal the list offers: a loan period from today (RENEW-BOOK). One that would not move
 * the due date is not offered: no_gain, as embedded mode says it (a walk was offered
 * "12月19日 to 12月19日, 0 days"), with the first day it would (`renewableFrom`). The ILS's own
 * cap is not known over SIP2 (17 names no loan date), so 29's answer may give an earlier date
 * or a refusal: the quote is `estimated` and says so (a walk was promised 12月19日, then
 * refused).
 */
function estimate(f: Front, loan: Loan, today: string): Decision<RenewalQuote, RenewReason> {
  const next = addDays(today, loanPeriod(f, loan))
  // Renewed or lent today, or due later than a period from today (a closed day, the ILS's
  // longer loans): a renewal now would not move it, or would move it earlier (a review).
  if (next <= loan.dueDate)
    return refuse('no_gain', renewalMessage('no_gain', loan, loan.dueDate, f.policy))
  return allow({
    loanId: loan.id,
    currentDueDate: loan.dueDate,
    newDueDate: next,
    capDate: next,
    capped: false,
    renewals: 1,
    estimated: true,
  })
}

/** The policy's loan period for `loan`'s material, which a renewal runs from today (RENEW-BOOK). */
function loanPeriod(f: Front, loan: Loan): number {
  return f.policy.loanDays[loan.materialType as keyof typeof f.policy.loanDays] ?? 14
}

/** The first day after today a loan period from that day passes `loan`'s due date. */
function renewableFrom(f: Front, loan: Loan, today: string): string {
  const first = addDays(loan.dueDate, 1 - loanPeriod(f, loan))
  const tomorrow = addDays(today, 1)
  // The later of two Japan dates (YYYY-MM-DD strings sort as dates).
  return [first, tomorrow].sort()[1]!
}

export async function renewOne(
  f: Front,
  number: string,
  loanId: number,
  now: number,
): Promise<Answer<RenewalQuote, RenewOneReason>> {
  if (!isId(loanId)) return inputRefusal('invalid_input')
  const loans = await listLoans(f, number, now)
  const loan = loans.find((l) => l.id === loanId)
  if (!loan) return inputRefusal('unknown_loan')
  const done = await f.ils.renew(number, loan.barcode, now)
  return done.ok ? allow(quoteOf(loan, done.dueAt)) : refusalFor(f, loan, done.screen)
}

function quoteOf(loan: LoanSummary, dueAt: number | null): RenewalQuote {
  const newDueDate = dueAt === null ? loan.dueDate : jstDate(dueAt)
  return {
    loanId: loan.id,
    currentDueDate: loan.dueDate,
    newDueDate,
    capDate: newDueDate,
    capped: false,
    renewals: loan.renewals + 1,
  }
}

function refusalFor(f: Front, loan: LoanSummary, screen: string) {
  const typed = loan.renewal.ok ? null : loan.renewal.reason
  return typed === 'overdue' || typed === 'held'
    ? ilsRefusal(typed, screen, f.policy)
    : ilsRefusal('library_refused' as const, screen, f.policy)
}

/**
 * A loan 65 left out: it says which, not why, and its screen message is about the whole batch
 * (「1点を延長しました。延長できなかった資料は5点です。」), so it is not said under each item
 * (a walk found it repeated under every one): the list's own reason when it had one, else
 * whom to ask (the app's words for `library_refused` already say the system did not renew it).
 */
function notRenewed(f: Front, loan: LoanSummary): Decision<RenewalQuote, RenewOneReason> {
  if (!loan.renewal.ok) return loan.renewal
  const p = phoneLine(contactFor(f.policy))
  return refuse('library_refused', {
    ja: `ご不明な点は${p.ja}へお問い合わせください。`,
    en: `Questions: ${p.en}.`,
  })
}

export async function renewEvery(
  f: Front,
  number: string,
  now: number,
): Promise<Answer<RenewAllItemResult[], 'invalid_input'>> {
  const loans = await listLoans(f, number, now)
  if (loans.length === 0) return allow([])
  const done = await f.ils.renewAll(number, now)
  const renewed = new Set(done.renewed)
  const results: RenewAllItemResult[] = []
  for (const loan of loans) {
    if (!renewed.has(loan.barcode)) {
      results.push({ loanId: loan.id, title: loan.title, result: notRenewed(f, loan) })
      continue
    }
    f.ils.forget(loan.barcode)
    // The new due date is the item's now; if that read fails, the renewal still happened.
    const item = await f.ils.item(loan.barcode, now).catch(() => null)
    results.push({
      loanId: loan.id,
      title: loan.title,
      result: allow(quoteOf(loan, item?.dueAt ?? null)),
    })
  }
  return allow(results)
}
