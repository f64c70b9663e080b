/** @jsxImportSource preact */
/** マイポータル: who is signed in, loans and holds at a glance, and everything 利用照会 offers. */
import type { HoldsResponse, LoansResponse, Me } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { FamilySummary, glance } from '../ui/FamilySummary.tsx'

export function PortalPage() {
  const me = useApi<Me>('/api/me')
  const loans = useApi<LoansResponse>('/api/loans')
  const holds = useApi<HoldsResponse>('/api/holds')
  const { overdue, holds: active, ready } = glance(loans.data, holds.data)
  const error = me.error ?? loans.error ?? holds.error
  return (
    <Page title={t.portal.title}>
      {me.data && <p class="lead">{t.portal.hello(me.data.name)}</p>}
      {error ? (
        <ErrorNote
          error={error}
          retry={() => {
            me.reload()
            loans.reload()
            holds.reload()
          }}
        />
      ) : (
        (me.loading || loans.loading || holds.loading) && <Loading />
      )}
      {overdue > 0 && (
        <section class="alert" aria-labelledby="overdue">
          <h2 id="overdue">{t.portal.overdue(overdue)}</h2>
          <p>{t.portal.overdueNext}</p>
          <a class="button" href={href('loans')}>
            {t.portal.overdueLink}
          </a>
        </section>
      )}
      <nav aria-label={t.portal.title}>
        <ul class="menu">
          <li>
            <a href={href('card')}>{t.nav.card}</a>
          </li>
          <li>
            <a href={href('loans')}>
              {t.nav.loans}
              {loans.data && (
                <span class="sub">{t.portal.loans(loans.data.loans.length, overdue)}</span>
              )}
            </a>
          </li>
          <li>
            <a href={href('holds')}>
              {t.nav.holds}
              {active !== null && <span class="sub">{t.portal.holds(active, ready)}</span>}
            </a>
          </li>
          <li>
            <a href={href('search')}>{t.nav.search}</a>
          </li>
          <li>
            <a href={href('favourites')}>{t.nav.favourites}</a>
          </li>
          <li>
            <a href={href('shelf')}>{t.nav.shelf}</a>
          </li>
          <li>
            <a href={href('settings')}>{t.nav.settings}</a>
          </li>
        </ul>
      </nav>
      <FamilySummary />
    </Page>
  )
}
