/** @jsxImportSource preact */
/**
 * 予約中一覧: state in words, 予約順位 (HOLD-QUEUE), pickup place and date; cancel where allowed,
 * otherwise the pickup library's phone number (HOLD-CANCEL); change of pickup place for holds
 * not yet ready (HOLD-CHANGE); suspend a waiting hold until a day and resume it (HOLD-SUSPEND).
 */
import { useRef, useState } from 'preact/hooks'
import type {
  ChangePickupResponse,
  Hold,
  HoldResponse,
  HoldsResponse,
  OkResponse,
} from '../../api-types.ts'
import { api } from '../api.ts'
import { useCapabilities } from '../capabilities.ts'
import { usePatron } from '../family.ts'
import { date, shortDate } from '../format.ts'
import { useHolderWords } from '../holder-words.ts'
import { sortHolds } from '../holds-order.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { ChangePickup } from '../ui/ChangePickup.tsx'
import { Confirm, Done, ErrorNote, Loading, Page, Tel } from '../ui/common.tsx'
import { Elsewhere } from '../ui/Elsewhere.tsx'
import { SuspendHold } from '../ui/SuspendHold.tsx'

export function HoldsPage() {
  const holds = useApi<HoldsResponse>('/api/holds')
  const caps = useCapabilities()
  const [done, setDone] = useState<string | null>(null)
  const status = useRef<HTMLDivElement>(null)
  const words = useHolderWords()
  const d = holds.data
  /** Show the change at once, then reload so the header's counts follow (予約 n／15点). */
  const update = (changed: Hold[], removed: number | null, message: string) => {
    if (!d) return
    const byId = new Map(changed.map((h) => [h.id, h]))
    const list = d.holds.filter((h) => h.id !== removed).map((h) => byId.get(h.id) ?? h)
    holds.set({ ...d, holds: list })
    holds.reload()
    setDone(message)
    requestAnimationFrame(() => status.current?.focus())
  }
  return (
    <Page title={t.holds.title}>
      {holds.error && <ErrorNote error={holds.error} retry={holds.reload} />}
      {holds.loading && !d && <Loading />}
      {d && (
        <p class="meta">
          {t.holds.counts(d.counts.total, d.limits.total, d.counts.av, d.limits.av)}
        </p>
      )}
      {caps && (!caps.cancelHold || !caps.changePickup) && d && d.holds.length > 0 && (
        <Elsewhere what="holdChanges" caps={caps} />
      )}
      <div tabIndex={-1} ref={status}>
        {done && <Done>{done}</Done>}
      </div>
      {d && d.holds.length === 0 && <p>{words.holdsEmpty}</p>}
      <ul class="items">
        {d &&
          sortHolds(d.holds).map((h) => (
            <HoldItem
              key={h.id}
              hold={h}
              onChange={(changed, msg) => update(changed, changed.length ? null : h.id, msg)}
            />
          ))}
      </ul>
    </Page>
  )
}

function HoldItem(props: { hold: Hold; onChange: (changed: Hold[], message: string) => void }) {
  const { hold } = props
  const caps = useCapabilities()
  const patron = usePatron()
  const action = useAction()
  const words = useHolderWords()
  const [mode, setMode] = useState<'idle' | 'cancel' | 'change' | 'suspend'>('idle')
  const active = hold.state === 'waiting' || hold.state === 'in_transit' || hold.state === 'ready'
  const cancel = async () => {
    const ok = await action.run(() =>
      api<OkResponse>('DELETE', `/api/holds/${hold.id}`, undefined, patron),
    )
    setMode('idle')
    if (ok) props.onChange([], words.cancelled)
  }
  const change = async (pickupPlaceId: number, wholeSet: boolean) => {
    const res = await action.run(() =>
      api<ChangePickupResponse>(
        'PATCH',
        `/api/holds/${hold.id}`,
        { pickupPlaceId, wholeSet },
        patron,
      ),
    )
    if (res) {
      setMode('idle')
      // Moved, but the system stopped answering before listing it: said done, and the list is
      // read again (update) to show the new place once it answers.
      const changed = res.hold ? res.changed : [hold]
      props.onChange(
        changed,
        changed.length > 1 ? t.holds.changedSet(changed.length) : t.holds.changed,
      )
    }
  }
  const suspend = async (until: string | null) => {
    const res = await action.run(() =>
      api<HoldResponse>(
        until ? 'POST' : 'DELETE',
        `/api/holds/${hold.id}/suspend`,
        until ? { until } : undefined,
        // ACC-FAMILY: the card this hold is on (without it the account's first card was asked).
        patron,
      ),
    )
    if (res) {
      setMode('idle')
      props.onChange([res.hold], until ? words.suspendDone(shortDate(until)) : words.resumed)
    }
  }
  const suspendedUntil = hold.suspend?.until ?? null
  return (
    <li class={hold.state === 'ready' ? 'item ready' : 'item'}>
      <h2 class="item-title">{hold.title.name}</h2>
      <p class="state">
        <strong>{stateWords(hold)}</strong>
        {/* A space, not only a margin: a screen reader read 「WaitingPlace in queue: 1」. */}
        {hold.queuePosition !== null && (
          <>
            {' '}
            <span>{t.holds.position(hold.queuePosition)}</span>
          </>
        )}
      </p>
      {suspendedUntil && (
        <>
          <p class="warn">
            <strong>{t.holds.suspended(shortDate(suspendedUntil))}</strong>
          </p>
          <p class="note">{words.suspendedNote}</p>
        </>
      )}
      {hold.visit ? (
        <>
          <p class="warn">
            <strong>
              {t.holds.visit}
              {t.colon}
              <span class="date">{date(hold.visit.date)}</span>{' '}
              <span class="date">{t.holds.visitTime(hold.visit.start, hold.visit.end)}</span>
            </strong>
          </p>
          {hold.pickupBy && <p>{t.holds.visitNext(date(hold.pickupBy))}</p>}
        </>
      ) : (
        hold.pickupBy && <p class="warn">{t.holds.pickupBy(date(hold.pickupBy))}</p>
      )}
      {hold.inLocker && <p class="note">{t.holds.inLockerNote}</p>}
      {hold.set && <p class="meta">{t.holds.setVolume(hold.set.volume, hold.set.of)}</p>}
      <p>
        {t.holds.pickup}
        {t.colon}
        {hold.pickupPlace?.name ?? t.holds.pickupAsked}
      </p>
      {/* HOLD-TRANSIT: said once: where it goes and that LINE tells them when it arrives. */}
      {hold.state === 'in_transit' && (hold.transit?.to ?? hold.pickupPlace) && (
        <p class="note">{t.holds.transitTo((hold.transit?.to ?? hold.pickupPlace)?.name ?? '')}</p>
      )}
      {hold.notice?.status === 'failed' && <p class="warn">{t.holds.noticeFailed}</p>}
      {hold.notice?.status === 'undeliverable' && <p class="warn">{t.holds.noticeUndeliverable}</p>}
      {hold.notice?.status === 'off' && <p class="note">{t.holds.noticeOff}</p>}
      {action.error && <ErrorNote error={action.error} />}
      {active && mode === 'cancel' && (
        <Confirm
          question={words.cancelQuote(hold.title.name)}
          yes={t.holds.cancel}
          busy={action.busy}
          onYes={cancel}
          onNo={() => setMode('idle')}
        />
      )}
      {active && mode === 'change' && (
        <ChangePickup
          hold={hold}
          busy={action.busy}
          onSave={change}
          onCancel={() => setMode('idle')}
        />
      )}
      {active && mode === 'suspend' && hold.suspend && (
        <SuspendHold
          hold={hold}
          latest={hold.suspend.latest}
          busy={action.busy}
          onSave={(until) => suspend(until)}
          onCancel={() => setMode('idle')}
        />
      )}
      {active && mode === 'idle' && (
        <div class="actions">
          {!caps?.cancelHold ? null : hold.cancellable ? (
            <button type="button" class="secondary" onClick={() => setMode('cancel')}>
              {t.holds.cancel}
            </button>
          ) : (
            <div class="refusal">
              <p>
                {hold.inLocker && hold.pickupBy
                  ? t.holds.inLockerUnwanted(date(hold.pickupBy))
                  : hold.refusal.message}
              </p>
              <Tel contact={hold.refusal.contact} />
            </div>
          )}
          {caps?.changePickup && hold.pickupChangeRefusal === null && (
            <button type="button" class="secondary" onClick={() => setMode('change')}>
              {t.holds.change}
            </button>
          )}
          {hold.suspend && (
            <button type="button" class="secondary" onClick={() => setMode('suspend')}>
              {suspendedUntil ? t.holds.suspendChange : t.holds.suspend}
            </button>
          )}
          {suspendedUntil && (
            <button
              type="button"
              class="secondary"
              disabled={action.busy}
              onClick={() => suspend(null)}
            >
              {t.holds.resume}
            </button>
          )}
        </div>
      )}
    </li>
  )
}

/** The state as the patron needs it: in the locker, or waiting for the bookmobile's visit. */
function stateWords(hold: Hold): string {
  if (hold.inLocker) return t.holds.inLocker
  if (hold.state === 'ready' && hold.visit) return t.holds.readyForVisit
  return t.holds.state[hold.state]
}
