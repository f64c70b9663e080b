/** Loans as the app shows them: due dates, overdue, and the renewal quote or why not (RENEW-*). */
import { inArray } from 'drizzle-orm'
import type { LoanSummary } from '../../../core/library-system.ts'
import type { Policy } from '../../../core/policy.ts'
import { renewalQuoteMessage } from '../../../core/renewal-messages.ts'
import type { Db } from '../../../db/client.ts'
import { loans, places } from '../../../db/schema.ts'
import type { Lang, Loan, LoanRenewal } from '../../../liff/api-types.ts'
import { contactOf, placeContact } from './places.ts'
import { selectIn, summarize, titleRows } from './titles.ts'

export function renewalOf(view: LoanSummary, lang: Lang, policy: Policy): LoanRenewal {
  const r = view.renewal
  const nextRenewal = view.nextRenewal
  return r.ok
    ? {
        renewable: true,
        newDueDate: r.value.newDueDate,
        quote: renewalQuoteMessage(r.value, policy, view.av)[lang],
        nextRenewal,
      }
    : { renewable: false, refusal: { reason: r.reason, message: r.message[lang] }, nextRenewal }
}

/** The contract's Loan for each view, in the order given. */
export async function loanBodies(
  db: Db,
  views: LoanSummary[],
  ctx: { lang: Lang; policy: Policy },
): Promise<Loan[]> {
  if (views.length === 0) return []
  const [summaries, libraryOf, placeRows] = await Promise.all([
    titleRows(
      db,
      views.map((l) => l.titleId),
    ).then((rows) => summarize(db, rows)),
    lendingLibraries(
      db,
      views.map((l) => l.id),
    ),
    db.orm.select().from(places),
  ])
  const placeById = new Map(placeRows.map((p) => [p.id, p]))
  return views.map((l) => {
    const place = placeById.get(libraryOf.get(l.id) ?? -1)
    return {
      id: l.id,
      title: summaries.get(l.titleId)!,
      loanDate: l.loanDate,
      dueDate: l.dueDate,
      overdue: l.overdue,
      renewals: l.renewals,
      library: place ? placeContact(place, ctx.lang) : contactOf(ctx.policy, ctx.lang),
      ...renewalOf(l, ctx.lang, ctx.policy),
    }
  })
}

/** Where each loan was lent (the port's loan leaves it out): the library to phone about it. */
async function lendingLibraries(db: Db, loanIds: number[]) {
  const rows = await selectIn(loanIds, (slice) =>
    db.orm
      .select({ id: loans.id, libraryId: loans.libraryId })
      .from(loans)
      .where(inArray(loans.id, slice)),
  )
  return new Map(rows.map((r) => [r.id, r.libraryId]))
}
