/** @jsxImportSource preact */
/**
 * 図書館カード with family cards (ACC-FAMILY): the cards side by side, one screen wide, swiped
 * left and right (CSS scroll snap) or stepped with the buttons; each shows the holder's name
 * and number large enough to tell apart at the counter, and its own barcode. An account with
 * one card sees the ordinary card page; every account gets もう一枚カードを追加. Each other
 * card is asked for on its own, so a card the access rules refuse (one that has lapsed since
 * it was linked) shows why instead of a barcode, and the rest of the account is untouched.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type {
  CardResponse,
  FamilyCard,
  FamilyLinkResponse,
  FamilyResponse,
  Me,
} from '../../api-types.ts'
import { type ApiFailure, api, systemDown } from '../api.ts'
import { PatronScope } from '../family.ts'
import { useAction, useApi } from '../hooks.ts'
import { ft } from '../i18n/family.ts'
import { t } from '../i18n/index.ts'
import { CardPage } from '../pages/Card.tsx'
import type { CardData } from '../store.ts'
import { Barcode } from './Barcode.tsx'
import { ErrorNote, Page, Tel } from './common.tsx'

export function CardWithFamily({ cached }: { cached: CardData | null }) {
  const family = useApi<FamilyResponse>('/api/family')
  const cards = family.data?.cards ?? []
  return (
    <>
      {cards.length > 1 ? <FamilyCards cards={cards} /> : <CardPage cached={cached} />}
      {family.data && cards.length < family.data.limit && <AddCard limit={family.data.limit} />}
    </>
  )
}

function FamilyCards({ cards }: { cards: FamilyCard[] }) {
  const me = useApi<Me>('/api/me')
  // While the library's system cannot be reached, the barcode's format comes with the card as
  // linked (/api/card), and the page says why loans and holds must wait.
  const down = systemDown(me.error)
  const linked = useApi<CardResponse>(down ? '/api/card' : null)
  const list = useRef<HTMLUListElement>(null)
  const [at, setAt] = useState(0)
  const words = ft()
  useEffect(() => {
    const el = list.current
    if (!el) return
    const onScroll = () => setAt(Math.round(el.scrollLeft / Math.max(1, el.clientWidth)))
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => el.removeEventListener('scroll', onScroll)
  }, [])
  const go = (i: number, behavior: ScrollBehavior = 'smooth') => {
    const el = list.current
    const next = Math.max(0, Math.min(cards.length - 1, i))
    el?.scrollTo({ left: next * el.clientWidth, behavior })
    setAt(next)
  }
  const guard = me.data?.barcode ?? linked.data?.barcode
  // The access rules refused the account's own card (it lapsed): said in its place, while the
  // other cards are drawn (the app is not closed for an account with other cards: app.tsx).
  const refused = me.error?.status === 403 ? me.error : null
  // …and the strip then starts at the next card, whose barcode is what the counter needs (a
  // walk: the page opened on the refused card). Once: a patron who swipes back stays there.
  const startedAt = useRef(false)
  useEffect(() => {
    if (!refused || startedAt.current) return
    startedAt.current = true
    if (at === 0) go(1, 'instant')
  }, [refused])
  return (
    <Page title={t.card.title}>
      {me.error && !down && !refused && <ErrorNote error={me.error} retry={me.reload} />}
      {down && linked.error && <ErrorNote error={linked.error} retry={linked.reload} />}
      {down && <p class="note">{t.card.systemDown}</p>}
      <section class="family" aria-label={words.cardsLabel(cards.length)}>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling strip must be reachable by keyboard (WCAG 2.1.1) */}
        <ul class="family-cards" ref={list} tabIndex={0}>
          {cards.map((card, i) => (
            <li
              key={card.patronId}
              class="card family-card"
              aria-label={words.cardOf(i + 1, cards.length, card.name)}
            >
              <p class="holder">{words.holder(card.name)}</p>
              {i === 0 ? (
                refused ? (
                  <RefusedCard error={refused} />
                ) : (
                  <CardFace number={card.patronNumber} barcode={guard} />
                )
              ) : (
                <PatronScope.Provider
                  value={{ patronId: card.patronId, name: card.name, other: true }}
                >
                  <OtherCardFace number={card.patronNumber} barcode={guard} />
                </PatronScope.Provider>
              )}
            </li>
          ))}
        </ul>
        <FamilyNav at={at} count={cards.length} go={go} />
      </section>
      <p class="hint">{t.card.brightness}</p>
    </Page>
  )
}

/** 前のカード, where in the strip, 次のカード. */
function FamilyNav({ at, count, go }: { at: number; count: number; go: (i: number) => void }) {
  const words = ft()
  return (
    <div class="family-nav">
      <button type="button" class="secondary" onClick={() => go(at - 1)} disabled={at === 0}>
        {words.prev}
      </button>
      <p role="status">{`${at + 1} / ${count}`}</p>
      <button type="button" class="secondary" onClick={() => go(at + 1)} disabled={at >= count - 1}>
        {words.next}
      </button>
    </div>
  )
}

/** A card's barcode (once its format is known) and its digits. */
function CardFace({
  number,
  barcode,
}: {
  number: string
  barcode: CardResponse['barcode'] | undefined
}) {
  return (
    <>
      {barcode && (
        <Barcode
          number={number}
          start={barcode.start}
          stop={barcode.stop}
          symbology={barcode.symbology}
          label={t.card.barcodeLabel(number)}
        />
      )}
      <p class="digits">{number}</p>
    </>
  )
}

/**
 * Another family card, asked for on its own (/api/card names it): drawn only if the access
 * rules let this card use the service (ACC-ELIGIBLE, ACC-EXPIRED, ACC-PASSWORD), as the
 * account's own card is; otherwise the rule's words in the holder's name and whom to phone.
 * Any other failure (the network) still draws the card from what the page knows, with the note
 * below it: a counter must not lose a card to a dropped call.
 */
function OtherCardFace({
  number,
  barcode,
}: {
  number: string
  barcode: CardResponse['barcode'] | undefined
}) {
  const card = useApi<CardResponse>('/api/card')
  if (card.error?.status === 403) return <RefusedCard error={card.error} />
  return (
    <>
      <CardFace number={number} barcode={card.data?.barcode ?? barcode} />
      {card.error && <ErrorNote error={card.error} retry={card.reload} />}
    </>
  )
}

/**
 * A card the access rules refuse, in its place in the strip: one short line, the rule's whole
 * sentence and whom to phone a tap away. The strip is as tall as its tallest card, and the
 * whole sentence made it so tall at large text that a walk found the next card's button, and
 * so the other cards, below the fold.
 */
function RefusedCard({ error }: { error: ApiFailure }) {
  const words = ft()
  return (
    <div class="error refused-card">
      <p>{words.refusedCard}</p>
      <details>
        <summary>{words.why}</summary>
        <p>{error.body.message}</p>
        {error.body.contact && <Tel contact={error.body.contact} />}
      </details>
    </div>
  )
}

/** もう一枚カードを追加: the link page for a link token LINE issues to this account. */
function AddCard({ limit }: { limit: number }) {
  const action = useAction()
  const words = ft()
  const add = async () => {
    const res = await action.run(() => api<FamilyLinkResponse>('POST', '/api/family/link'))
    if (res) location.assign(res.url)
  }
  return (
    <section class="add-card" aria-labelledby="add-card">
      <h2 id="add-card">{words.add}</h2>
      <p>{words.addHelp(limit)}</p>
      {action.error && <ErrorNote error={action.error} />}
      <button type="button" class="secondary" onClick={add} disabled={action.busy}>
        {action.busy ? words.adding : words.add}
      </button>
    </section>
  )
}
