/** @jsxImportSource preact */
/**
 * マイポータル with several cards (ACC-FAMILY): each other card's loans and holds at a glance,
 * so an overdue item or a hold ready on a family member's card is not missed (a patron walk:
 * the portal summed up the first card only). Each line opens the list its news is in (a review:
 * a ready hold led to the loans); the lists show every card.
 */
import type { FamilyResponse, HoldsResponse, LoansResponse } from '../../api-types.ts'
import { PatronScope } from '../family.ts'
import { useApi } from '../hooks.ts'
import { ft } from '../i18n/family.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'

/** Loans and holds as the portal counts them: overdue, active, ready. */
export function glance(loans: LoansResponse | null, holds: HoldsResponse | null) {
  const active = holds?.holds.filter((h) => ['waiting', 'in_transit', 'ready'].includes(h.state))
  return {
    loans: loans?.loans.length ?? null,
    overdue: loans?.loans.filter((l) => l.overdue).length ?? 0,
    holds: active?.length ?? null,
    ready: active?.filter((h) => h.state === 'ready').length ?? 0,
  }
}

/**
 * Which list a card's line opens: where the news is. An overdue item first (it stops renewing
 * and, long overdue, borrowing), then a ready hold (it waits a week); with no news, the loans,
 * or the holds when nothing is on loan.
 */
export function glanceRoute(g: ReturnType<typeof glance>): 'loans' | 'holds' {
  if (g.overdue > 0) return 'loans'
  if (g.ready > 0) return 'holds'
  return g.loans === 0 && (g.holds ?? 0) > 0 ? 'holds' : 'loans'
}

/**
 * The account's other cards: all but its first, which the page above is about (the API's
 * answer for a call naming no card). Drawn whether or not that first card's own calls were
 * answered: a first card the access rules refuse (it lapsed) must not hide the others.
 */
export function FamilySummary() {
  const family = useApi<FamilyResponse>('/api/family')
  const others = (family.data?.cards ?? []).slice(1)
  if (others.length === 0) return null
  return (
    <section aria-labelledby="family-glance">
      <h2 id="family-glance">{t.portal.family}</h2>
      <ul class="menu">
        {others.map((c) => (
          <PatronScope.Provider
            key={c.patronId}
            value={{ patronId: c.patronId, name: c.name, other: true }}
          >
            <CardGlance name={c.name} />
          </PatronScope.Provider>
        ))}
      </ul>
    </section>
  )
}

function CardGlance({ name }: { name: string }) {
  const loans = useApi<LoansResponse>('/api/loans')
  const g = glance(loans.data, useApi<HoldsResponse>('/api/holds').data)
  return (
    <li>
      <a href={href(glanceRoute(g))}>
        {t.portal.hello(name)}
        {/* A card the access rules refuse (it has lapsed): its section in the list says why. */}
        {loans.error?.status === 403 && <span class="sub">{ft().refusedGlance}</span>}
        {g.loans !== null && <span class="sub">{t.portal.loans(g.loans, g.overdue)}</span>}
        {g.holds !== null && <span class="sub">{t.portal.holds(g.holds, g.ready)}</span>}
      </a>
    </li>
  )
}
