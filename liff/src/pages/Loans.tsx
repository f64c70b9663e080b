/** @jsxImportSource preact */
/**
 * 貸出中一覧: due dates, renew one (the new due date is shown before confirming, RENEW-NO-GAIN),
 * renew all (each loan's result, refusals in words, RENEW-REASONS).
 */
import { useRef, useState } from 'preact/hooks'
import type {
  Loan,
  LoansResponse,
  Refusal,
  RenewAllResponse,
  RenewRefusalReason,
  RenewResponse,
} from '../../api-types.ts'
import { ApiFailure, api } from '../api.ts'
import { useCapabilities } from '../capabilities.ts'
import { usePatron } from '../family.ts'
import { date } from '../format.ts'
import { useHolderWords } from '../holder-words.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { Confirm, ErrorNote, Loading, Page } from '../ui/common.tsx'
import { Elsewhere } from '../ui/Elsewhere.tsx'

export function LoansPage() {
  const loans = useApi<LoansResponse>('/api/loans')
  const caps = useCapabilities()
  const patron = usePatron()
  const all = useAction()
  const [asking, setAsking] = useState(false)
  const [results, setResults] = useState<RenewAllResponse | null>(null)
  const list = loans.data?.loans ?? []
  const words = useHolderWords()
  const renewable = list.filter((l) => l.renewable).length

  const renewAll = async () => {
    const res = await all.run(() =>
      api<RenewAllResponse>('POST', '/api/loans/renew-all', undefined, patron),
    )
    setAsking(false)
    if (res) {
      setResults(res)
      loans.reload()
      // The confirmation that had focus is gone: the results heading takes it and is read.
      requestAnimationFrame(() => document.getElementById('renew-results')?.focus())
    }
  }

  return (
    <Page title={t.loans.title}>
      {loans.error && <ErrorNote error={loans.error} retry={loans.reload} />}
      {loans.loading && !loans.data && <Loading />}
      {loans.data && list.length === 0 && <p>{words.loansEmpty}</p>}
      {caps && !caps.renew && list.length > 0 && <Elsewhere what="renew" caps={caps} />}
      {/* まとめて延長 only when one loan at least can be renewed: a walk found it offered with
          nothing to renew, its confirmation saying so over a greyed-out button. */}
      {caps?.renew && caps.renewAll && (renewable > 0 || asking) && (
        <div class="bar">
          {asking ? (
            <Confirm
              question={renewable ? t.loans.renewAllQuote(renewable) : t.loans.renewAllNone}
              yes={t.loans.renewAll}
              busy={all.busy || renewable === 0}
              onYes={renewAll}
              onNo={() => setAsking(false)}
            />
          ) : (
            <button
              type="button"
              onClick={() => {
                setResults(null)
                setAsking(true)
              }}
            >
              {t.loans.renewAll}
            </button>
          )}
          {all.error && <ErrorNote error={all.error} />}
        </div>
      )}
      {results && <RenewAllResults results={results} />}
      <ul class="items">
        {list.map((loan) => (
          <LoanItem
            key={loan.id}
            loan={loan}
            canRenew={caps?.renew ?? false}
            onRenewed={(l, unlisted) => {
              loans.set(replace(loans.data, l))
              // Not read back: the list is asked for again, to show it once the system answers.
              if (unlisted) loans.reload()
            }}
            onStale={loans.reload}
          />
        ))}
      </ul>
    </Page>
  )
}

function replace(data: LoansResponse | null, loan: Loan): LoansResponse {
  const loans = (data?.loans ?? []).map((l) => (l.id === loan.id ? loan : l))
  return { today: data?.today ?? '', loans }
}

function RenewAllResults({ results }: { results: RenewAllResponse }) {
  return (
    <section class="results" aria-labelledby="renew-results">
      <h2 id="renew-results" tabIndex={-1}>
        {t.loans.results}
      </h2>
      <ul>
        {results.results.map((r) => (
          <li key={r.loanId}>
            <span class="item-title">{r.title}</span>
            {r.ok ? (
              <span class="ok-text">
                {t.loans.resultOk(date(r.previousDueDate), date(r.dueDate))}
              </span>
            ) : (
              <Why refusal={r.refusal} />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A refusal: the reason in a few words, then the server's full sentence. */
function Why({ refusal }: { refusal: Refusal<RenewRefusalReason> }) {
  return (
    <span class="refusal">
      <strong>
        {t.loans.cannot}
        {t.colon}
        {t.loans.reasons[refusal.reason] ?? ''}
      </strong>
      <span>{refusal.message}</span>
    </span>
  )
}

/** Answers that mean the page's offer is out of date, not that the loan cannot be renewed. */
const STALE = new Set(['already_renewed', 'quote_changed'])

function LoanItem({
  loan,
  onRenewed,
  onStale,
  canRenew,
}: {
  loan: Loan
  onRenewed: (l: Loan, unlisted: boolean) => void
  /** The offer shown is out of date (renewed elsewhere, or a new day): read the list again. */
  onStale: () => void
  /** The library's system renews from LINE (capabilities); else nothing about renewing. */
  canRenew: boolean
}) {
  const patron = usePatron()
  const action = useAction()
  const [asking, setAsking] = useState(false)
  const [renewed, setRenewed] = useState<string | null>(null)
  /** Renewed, but the library's system stopped answering before listing the loan again. */
  const [unlisted, setUnlisted] = useState(false)
  const result = useRef<HTMLParagraphElement>(null)
  const renew = async () => {
    const res = await action.run(() =>
      api<RenewResponse>(
        'POST',
        `/api/loans/${loan.id}/renew`,
        { quotedDueDate: loan.newDueDate },
        patron,
      ).catch((e: unknown) => {
        // The refusal stays on screen, above the loan as it stands now.
        if (e instanceof ApiFailure && STALE.has(e.body.code)) onStale()
        throw e
      }),
    )
    setAsking(false)
    if (res) {
      setRenewed(res.dueDate)
      setUnlisted(res.loan === null)
      onRenewed(res.loan ?? renewedUnlisted(loan, res.dueDate), res.loan === null)
      // WCAG 2.4.3 / 4.1.3: the Confirm that had focus is gone; the result takes it and is read.
      requestAnimationFrame(() => result.current?.focus())
    }
  }
  // Just renewed, or renewed earlier today: not a refusal, but when the next renewal opens.
  const sinceRenewal = renewed !== null || loan.refusal?.reason === 'no_gain'
  return (
    <li class={loan.overdue ? 'item overdue' : 'item'}>
      <h2 class="item-title">{loan.title.name}</h2>
      <p class="meta">{loan.title.author}</p>
      <p>
        {t.loans.due}
        {t.colon}
        <strong class="date">{date(loan.dueDate)}</strong>
      </p>
      {loan.overdue && <p class="warn">{t.loans.overdue}</p>}
      {renewed && (
        <p class="ok" tabIndex={-1} ref={result}>
          {t.loans.renewed(date(renewed))}
        </p>
      )}
      {action.error && <ErrorNote error={action.error} />}
      {!canRenew || unlisted ? null : loan.renewable ? (
        asking ? (
          <Confirm
            question={loan.quote}
            yes={t.loans.renew}
            busy={action.busy}
            onYes={renew}
            onNo={() => setAsking(false)}
          />
        ) : (
          <button
            type="button"
            onClick={() => {
              setRenewed(null)
              setAsking(true)
            }}
          >
            {t.loans.renew}
          </button>
        )
      ) : sinceRenewal ? (
        <p class="note">
          {loan.nextRenewal ? t.loans.nextFrom(date(loan.nextRenewal)) : t.loans.noMore}
        </p>
      ) : (
        <p>
          <Why refusal={loan.refusal} />
        </p>
      )}
    </li>
  )
}

/**
 * The loan as it stands after a renewal the system made but did not list back: the new date,
 * and not renewable again now (まとめて延長 must not count it); its line says only that it was
 * renewed (`unlisted`), as the reason for the next renewal is not known here.
 */
function renewedUnlisted(loan: Loan, dueDate: string): Loan {
  return {
    ...loan,
    dueDate,
    overdue: false,
    renewable: false,
    newDueDate: undefined,
    quote: undefined,
    refusal: { reason: 'no_gain', message: '' },
    nextRenewal: null,
  }
}
