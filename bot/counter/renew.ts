/**
 * Renewing a loan at the counter (a patron at the desk, or on the phone asking for more time):
 * the same RENEW-* rules and guarded write as LINE and the kiosks (db's renewLoan), recorded
 * in the audit trail as `loan.renew` under the staff member, so the statistics count it as a
 * counter renewal. A refusal is recorded too, with its reason.
 */
import { renewLoan } from '../../db/loans.ts'
import { recordAudit } from './audit.ts'
import type { Counter } from './context.ts'
import type { LoanLine } from './patron-summary.ts'

export type RenewOutcome =
  | { ok: true; title: string; barcode: string; dueDate: string; capped: boolean }
  | { ok: false; title: string; message: string }

export async function renewAtDesk(
  k: Counter,
  staffId: number,
  input: { patronId: number; loan: LoanLine },
): Promise<RenewOutcome> {
  const { patronId, loan } = input
  const now = k.now()
  const result = await renewLoan(k.db, { patronId, loanId: loan.loanId }, now, k.policy)
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: result.ok ? 'loan.renew' : 'loan.renew.refused',
    subject: `loan:${loan.loanId}`,
    before: { patronId, loanId: loan.loanId, dueDate: loan.dueDate },
    after: result.ok
      ? { patronId, dueDate: result.value.newDueDate }
      : { patronId, reason: result.reason },
  })
  if (!result.ok) return { ok: false, title: loan.title, message: result.message.ja }
  return {
    ok: true,
    title: loan.title,
    barcode: loan.barcode,
    dueDate: result.value.newDueDate,
    capped: result.value.capped,
  }
}
