/**
 * A patron's loans: the list with due dates and each renewal's quote (RENEW-*), renew one,
 * renew all. core/ quotes; the UPDATE re-checks what the quote assumed (the due date and
 * renewal count it saw, still open, nobody waiting on the title now: RENEW-HELD), so a
 * double tap or a hold placed meanwhile can never renew twice or past a new hold.
 */
import { sql } from 'drizzle-orm'
import {
  type Decision,
  isAv,
  isBlocked,
  jstDate,
  type LoanSummary,
  nextRenewalDate,
  type Policy,
  quoteRenewal,
  type RenewalQuote,
  type RenewReason,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { calendarOf, openLoanFacts } from './facts.ts'
import { type InputReason, inputRefusal, isId } from './refusals.ts'

async function quotes(db: Db, patronId: number, now: number, policy: Policy) {
  const loans = await openLoanFacts(db, patronId)
  const today = jstDate(now)
  const blocked = isBlocked(
    loans.map((l) => l.core),
    today,
    policy,
  )
  const calendars = new Map<number | null, Awaited<ReturnType<typeof calendarOf>>>()
  for (const l of loans)
    if (!calendars.has(l.loan.libraryId))
      calendars.set(l.loan.libraryId, await calendarOf(db, l.loan.libraryId))
  return loans.map((l) => {
    const ctx = { today, blocked, calendar: calendars.get(l.loan.libraryId)! }
    return { ...l, quote: quoteRenewal(l.core, ctx, policy), ctx, today }
  })
}

/** The patron's open loans, soonest due first, each with its renewal quote. */
/** One open loan as the port answers it (core/library-system.ts). */
export type LoanView = LoanSummary

export async function listLoans(
  db: Db,
  input: { patronId: number },
  now: number,
  policy: Policy,
): Promise<Decision<LoanView[], 'invalid_input'>> {
  if (!isId(input.patronId)) return inputRefusal('invalid_input')
  const rows = await quotes(db, input.patronId, now, policy)
  return {
    ok: true,
    value: rows.map((l) => ({
      id: l.loan.id,
      titleId: l.titleId,
      title: l.title,
      author: l.author,
      materialType: l.materialType,
      barcode: l.barcode,
      loanDate: l.loan.loanDate,
      dueDate: l.loan.dueDate,
      overdue: l.today > l.loan.dueDate,
      renewals: l.loan.renewals,
      interLibrary: l.loan.interLibrary,
      locker: l.loan.locker,
      renewal: l.quote,
      nextRenewal: l.quote.ok ? null : nextRenewalDate(l.core, l.ctx, policy),
      av: isAv(l.core.materialType, policy),
      libraryId: l.loan.libraryId,
    })),
  }
}

/** The guarded renewal write for an allowed quote. */
function renewStatement(patronId: number, q: RenewalQuote) {
  return raw<{ id: number; dueDate: string; renewals: number }>(sql`UPDATE loans
    SET due_date = ${q.newDueDate}, renewals = ${q.renewals}
    WHERE id = ${q.loanId} AND patron_id = ${patronId} AND returned_at IS NULL
      AND due_date = ${q.currentDueDate} AND renewals = ${q.renewals - 1}
      AND NOT EXISTS (SELECT 1 FROM holds h JOIN copies c ON c.title_id = h.title_id
        WHERE c.id = loans.copy_id AND h.state = 'waiting' AND h.patron_id <> loans.patron_id)
    RETURNING id, due_date AS dueDate, renewals`)
}

export type RenewOneReason = RenewReason | InputReason

/** Renew one loan (RENEW-*), refused with core's reason when it cannot be. */
export async function renewLoan(
  db: Db,
  input: { patronId: number; loanId: number },
  now: number,
  policy: Policy,
): Promise<Decision<RenewalQuote, RenewOneReason>> {
  if (!isId(input.patronId) || !isId(input.loanId)) return inputRefusal('invalid_input')
  const rows = await quotes(db, input.patronId, now, policy)
  const loan = rows.find((l) => l.loan.id === input.loanId)
  if (!loan) return inputRefusal('unknown_loan')
  if (!loan.quote.ok) return loan.quote
  const [done] = await db.batch([renewStatement(input.patronId, loan.quote.value)])
  return done[0] ? loan.quote : inputRefusal('conflict')
}

export interface RenewAllResult {
  loanId: number
  title: string
  result: Decision<RenewalQuote, RenewOneReason>
}

/** RENEW-REASONS: renew what can be renewed, in one batch, and report every refusal. */
export async function renewAllLoans(
  db: Db,
  input: { patronId: number },
  now: number,
  policy: Policy,
): Promise<Decision<RenewAllResult[], 'invalid_input'>> {
  if (!isId(input.patronId)) return inputRefusal('invalid_input')
  const rows = await quotes(db, input.patronId, now, policy)
  const allowed = rows.flatMap((l) => (l.quote.ok ? [l.quote.value] : []))
  const [first, ...rest] = allowed.map((q) => renewStatement(input.patronId, q))
  const written = first ? await db.batch([first, ...rest]) : []
  const done = new Set(written.flatMap((r) => r.map((x) => x.id)))
  return {
    ok: true,
    value: rows.map((l) => ({
      loanId: l.loan.id,
      title: l.title,
      result: l.quote.ok && !done.has(l.loan.id) ? inputRefusal('conflict') : l.quote,
    })),
  }
}
