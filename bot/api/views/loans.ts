/** Loans as the app shows them: due dates, overdue, and the renewal quote or why not (RENEW-*). */
import type { LibrarySystem, LoanSummary } from '../../../core/library-system.ts'
import type { Policy } from '../../../core/policy.ts'
import { renewalQuoteMessage } from '../../../core/renewal-messages.ts'
import type { Db } from '../../../db/client.ts'
import type { Lang, Loan, LoanRenewal } from '../../../liff/api-types.ts'
import { aboutHolder } from '../holder.ts'
import { contactOf, placeContact, placesById } from './places.ts'
import { listedTitle, summarize, titleRows } from './titles.ts'

export function renewalOf(
  view: LoanSummary,
  lang: Lang,
  policy: Policy,
  holder?: string,
): LoanRenewal {
  const r = view.renewal.ok ? view.renewal : aboutHolder(view.renewal, holder, policy)
  const nextRenewal = view.nextRenewal
  return r.ok
    ? {
        renewable: true,
        newDueDate: r.value.newDueDate,
        quote: renewalQuoteMessage(r.value, policy, view.av, view.renewals)[lang],
        nextRenewal,
      }
    : { renewable: false, refusal: { reason: r.reason, message: r.message[lang] }, nextRenewal }
}

/** The contract's Loan for each view, in the order given; titles from bunko's catalogue copy. */
export async function loanBodies(
  db: Db,
  views: LoanSummary[],
  ctx: { lang: Lang; policy: Policy; library: LibrarySystem; holder?: string },
): Promise<Loan[]> {
  if (views.length === 0) return []
  const lenders = views.flatMap((l) => (l.libraryId == null ? [] : [l.libraryId]))
  const [summaries, placeById] = await Promise.all([
    titleRows(
      db,
      views.map((l) => l.titleId),
    ).then((rows) => summarize(db, rows)),
    placesById(ctx.library, lenders, ctx.lang),
  ])
  return views.map((l) => {
    // Where it was lent: the library to phone about it (the library-wide number if not known).
    const place = l.libraryId == null ? undefined : placeById.get(l.libraryId)
    return {
      id: l.id,
      title: summaries.get(l.titleId) ?? listedTitle({ ...l, id: l.titleId }),
      loanDate: l.loanDate,
      dueDate: l.dueDate,
      overdue: l.overdue,
      renewals: l.renewals,
      library: place ? placeContact(place, ctx.lang) : contactOf(ctx.policy, ctx.lang),
      ...renewalOf(l, ctx.lang, ctx.policy, ctx.holder),
    }
  })
}
