/** @jsxImportSource preact */
/**
 * 確認 → 完了: the cart and pickup place once more, then one request. A cart is taken or
 * refused whole (core placeHolds), so a refusal leaves the cart as it was, with the reason.
 */
import { useEffect, useState } from 'preact/hooks'
import type {
  CardResponse,
  FamilyResponse,
  HoldNoticeWay,
  LibrariesResponse,
  NotificationPrefs,
  PlaceHoldsResponse,
} from '../../api-types.ts'
import { api } from '../api.ts'
import { doneNote, keepDoneNote } from '../done-note.ts'
import { PatronScope } from '../family.ts'
import { useAction, useApi } from '../hooks.ts'
import { ft } from '../i18n/family.ts'
import { t } from '../i18n/index.ts'
import { noticeTimes } from '../notice-times.ts'
import { go, href } from '../router.ts'
import { clearCart, lastPickup } from '../store.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { type LineLink, Lines } from '../ui/Lines.tsx'
import { setsInCart } from './Cart.tsx'
import { useCart } from './Title.tsx'

/**
 * The holds just placed, for 完了's list of titles; kept in memory until 完了 is left (a reload
 * shows the words without the titles: done-note.ts).
 */
let placed: PlaceHoldsResponse | null = null

export function ConfirmPage() {
  const items = useCart()
  const places = useApi<LibrariesResponse>('/api/libraries')
  const action = useAction()
  const pickupId = lastPickup()
  const place = places.data?.places.find((p) => p.id === pickupId)
  // ACC-FAMILY: with several cards, the patron says whose hold it is before placing it.
  const family = useApi<FamilyResponse>('/api/family')
  const cards = family.data?.cards ?? []
  const [patron, setPatron] = useState<number | null>(null)
  const needsWho = cards.length > 1 && patron === null
  // Placed: the cart is emptied on the way to 完了, which is not an empty cart to point out.
  const [sent, setSent] = useState(false)
  const [way, setWay] = useState<HoldNoticeWay>('line')
  const submit = async () => {
    if (!place || needsWho) return
    const res = await action.run(() =>
      api<PlaceHoldsResponse>(
        'POST',
        '/api/holds',
        { titleIds: items.map((i) => i.id), pickupPlaceId: place.id },
        patron,
      ),
    )
    if (res) {
      placed = res
      keepDoneNote({
        message: res.message,
        ...(res.contact ? { contact: res.contact } : {}),
        kind: place.kind,
        pickupDays: place.pickupDays,
        count: res.holds.length,
        way,
      })
      setSent(true)
      clearCart()
      go('done')
    }
  }
  const refusedId = action.error?.body.titleId
  // The same Page either way: the heading keeps its place (and focus) when the cart arrives.
  if (items.length === 0 && !sent)
    return (
      <Page title={t.confirm.title}>
        <EmptyCart />
      </Page>
    )
  return (
    <Page title={t.confirm.title}>
      {places.loading && <Loading />}
      {places.error && <ErrorNote error={places.error} retry={places.reload} />}
      <h2>{t.confirm.items}</h2>
      <ul class="items">
        {items.map((i) => (
          <li key={i.id} class={i.id === refusedId ? 'item refused' : 'item'}>
            <span class="item-title">{i.name}</span>
            <span class="meta">{i.author}</span>
          </li>
        ))}
      </ul>
      {setsInCart(items)
        .filter((s) => s.missing.length === 0)
        .map((s) => (
          <p key={s.first.set?.setId}>{t.cart.setTogether(s.first.set?.name ?? s.first.name)}</p>
        ))}
      <h2>{t.confirm.place}</h2>
      <p>{place ? place.name : <a href={href('pickup')}>{t.pickup.choose}</a>}</p>
      {cards.length > 1 && (
        <fieldset class="whose">
          <legend>{ft().whoseHold(items.length)}</legend>
          {cards.map((c) => (
            <PatronScope.Provider key={c.patronId} value={c}>
              <WhoseChoice
                name={c.name}
                checked={patron === c.patronId}
                onChoose={() => setPatron(c.patronId)}
              />
            </PatronScope.Provider>
          ))}
        </fieldset>
      )}
      {/* ACC-FAMILY: said for the card chosen; with several, once one is. */}
      {!needsWho && (
        <PatronScope.Provider value={cards.find((c) => c.patronId === patron) ?? null}>
          <NoticeNote
            onWay={setWay}
            lockerDays={place?.kind === 'locker' ? place.pickupDays : null}
          />
        </PatronScope.Provider>
      )}
      {action.error && <ErrorNote error={action.error} />}
      <div class="actions">
        <button
          type="button"
          onClick={submit}
          disabled={action.busy || !place || items.length === 0 || needsWho}
        >
          {t.confirm.submit}
        </button>
        <a class="button secondary" href={href('cart')}>
          {t.confirm.back}
        </a>
      </div>
    </Page>
  )
}

/**
 * How the card will hear its hold is ready, as its notice settings say (a review: LINE was
 * promised to a patron who had turned LINE hold notices off). Said once the settings arrive.
 */
function NoticeNote(p: { onWay: (way: HoldNoticeWay) => void; lockerDays: number | null }) {
  const prefs = useApi<NotificationPrefs>('/api/notifications')
  // Settings that cannot be read (or a server before hold_notice) leave the usual sentence.
  const way = prefs.data ? (prefs.data.hold_notice ?? 'line') : prefs.error ? 'line' : null
  useEffect(() => {
    if (way) p.onWay(way)
  }, [way])
  return way ? (
    <Lines
      lines={t.confirm.notice(noticeTimes(), way, p.lockerDays)}
      links={pageLinks()}
      class="note"
    />
  ) : null
}

/** Nothing to reserve (Back after placing a hold, or an emptied cart): where to go instead. */
function EmptyCart() {
  return (
    <>
      <p>{t.confirm.empty}</p>
      <div class="actions">
        <a class="button" href={href('search')}>
          {t.confirm.toSearch}
        </a>
        <a class="button secondary" href={href('cart')}>
          {t.confirm.back}
        </a>
      </div>
    </>
  )
}

/** 予約中一覧 and the notice settings, where 確認 and 完了 name them. */
const pageLinks = (): LineLink[] => [
  { words: t.pageNames.holds, href: href('holds') },
  { words: t.pageNames.settings, href: href('settings?to=notices') },
]

export function DonePage() {
  // Reloaded, or back from another page: the words as they were, from this tab's note.
  const note = doneNote()
  // The titles are shown once, right after placing: this page takes them, and they go with it.
  const [just] = useState(() => {
    const taken = placed
    placed = null
    return taken
  })
  return (
    <Page
      title={note || just ? t.done.title(note?.count ?? just?.holds.length ?? 1) : t.done.noneTitle}
    >
      {!note && !just && <p>{t.done.none}</p>}
      {note && (
        <>
          {/* Core's confirmation (HOLD-SCOPE, NOTICE-SLOTS): the count, the place, the times;
              one idea a line, each its own paragraph, to scan at 150% text (a patron walk).
              With no notice coming, the call button under the line saying whom to phone. */}
          <Lines lines={note.message.split('\n')} contact={note.contact} links={pageLinks()} />
          {/* No holds read back (the library system stopped answering just after placing):
              the message already says to look at 予約中一覧. */}
          {note.count > 0 && <p>{t.done.body(note.pickupDays, note.kind, note.count, note.way)}</p>}
        </>
      )}
      {just && (
        <ul class="items">
          {just.holds.map((h) => (
            <li key={h.id} class="item">
              <h2 class="item-title">{h.title.name}</h2>
              <p class="meta">
                {t.holds.state[h.state]}
                {h.queuePosition !== null && t.sep + t.holds.position(h.queuePosition)}
                {h.set && t.sep + t.holds.setVolume(h.set.volume, h.set.of)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <a class="button" href={href('holds')}>
          {t.done.toHolds}
        </a>
        <a class="button secondary" href={href('search')}>
          {t.done.toSearch}
        </a>
      </div>
    </Page>
  )
}

/**
 * One card of 「どなたの予約ですか」, asked for on its own (/api/card names it): a card the
 * access rules refuse (it lapsed) cannot be chosen, and says so beside its name, rather than
 * being refused only after 予約する (a review).
 */
function WhoseChoice(props: { name: string; checked: boolean; onChoose: () => void }) {
  const card = useApi<CardResponse>('/api/card')
  const refused = card.error?.status === 403
  return (
    <label class="choice">
      <input
        type="radio"
        name="whose-hold"
        checked={props.checked && !refused}
        disabled={refused}
        onChange={props.onChoose}
      />
      <span>
        {ft().holder(props.name)}
        {refused && <span class="sub">{ft().refusedCard}</span>}
      </span>
    </label>
  )
}
