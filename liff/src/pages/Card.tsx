/** @jsxImportSource preact */
/**
 * 図書館カード (LINE-CARD). Draws from the last good card kept on the phone at once, then
 * replaces it with /api/me's answer; the digits below can be copied for web forms. While the
 * library's system cannot be reached, a phone that keeps no card draws the card as bunko's
 * LINE link has it (/api/card), and says why.
 */
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { CardResponse, Me } from '../../api-types.ts'
import { liffSession, systemDown } from '../api.ts'
import { cardModules, loadCardEncoder } from '../barcode.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { type CardData, cardOf, type StoredCard, saveCard } from '../store.ts'
import { Barcode } from '../ui/Barcode.tsx'
import { ErrorNote, Page } from '../ui/common.tsx'

/** Script start → barcode in the document, recorded once for the budget report. */
function markDrawn(from: 'cache' | 'network'): void {
  if (window.__bunkoCardDrawnMs !== undefined) return
  const start = performance.getEntriesByName('bunko:start')[0]?.startTime ?? 0
  performance.mark('bunko:card-drawn')
  window.__bunkoCardDrawnMs = performance.now() - start
  window.__bunkoCardDrawnFrom = from
}

export function CardPage({ cached }: { cached: CardData | null }) {
  const me = useApi<Me>('/api/me')
  const down = systemDown(me.error)
  const linked = useApi<CardResponse>(down && !cached ? '/api/card' : null)
  // The answer is drawn in the render it arrives in; the kept card until then, but not once
  // the access rules have refused it (ACC-EXPIRED… on an account with other cards, which the
  // app does not close: its words are shown instead).
  const refused = me.error?.status === 403
  const card: CardData | null = me.data ? cardOf(me.data) : refused ? null : (cached ?? linked.data)
  const fromCache = !me.data && cached !== null
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle')
  useEffect(() => {
    const data = me.data
    if (!data) return
    let live = true
    // Kept after the paint, for the next open's first paint, with its bars (a Code 39/128 card
    // once its encoder is in) and its owner, so only once LIFF has said who this is (store.ts
    // adoptOwner). If the encoder's chunk cannot be loaded (offline, evicted cache), the card
    // is kept without bars.
    const keep = (modules: string | null) => live && saveCard(data, modules)
    const started = liffSession() ?? Promise.resolve()
    // LIFF did not start: nobody is named, so nothing is kept.
    started.then(
      () =>
        loadCardEncoder(data.barcode.symbology).then(
          () => keep(cardModules(data.patronNumber, data.barcode) ?? null),
          () => keep(null),
        ),
      () => {},
    )
    return () => {
      live = false
    }
  }, [me.data])
  const onDrawn = useCallback(() => markDrawn(fromCache ? 'cache' : 'network'), [fromCache])

  const copyNumber = async () => {
    if (!card) return
    try {
      await navigator.clipboard.writeText(card.patronNumber)
      setCopy('done')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <Page title={t.card.title}>
      {card ? (
        <section class="card" aria-label={t.card.title}>
          <Barcode
            number={card.patronNumber}
            start={card.barcode.start}
            stop={card.barcode.stop}
            symbology={card.barcode.symbology}
            label={t.card.barcodeLabel(card.patronNumber)}
            kept={(card as StoredCard).early?.modules}
            onDrawn={onDrawn}
          />
          <p class="digits">{card.patronNumber}</p>
          <button type="button" class="secondary" onClick={copyNumber}>
            {t.card.copy}
          </button>
          <p class={copy === 'failed' ? 'error-text' : 'ok-text'} role="status">
            {copy === 'done' ? t.card.copied : copy === 'failed' ? t.card.copyFailed : ''}
          </p>
          <dl class="facts">
            <dt>{t.card.name}</dt>
            <dd>{card.name}</dd>
          </dl>
          <p class="hint">{t.card.brightness}</p>
          {fromCache && me.error && me.error.status === 0 && <p class="note">{t.card.stale}</p>}
          {down && <p class="note">{t.card.systemDown}</p>}
        </section>
      ) : me.error && !(down && !linked.error) ? (
        <ErrorNote
          error={down && linked.error ? linked.error : me.error}
          retry={
            down
              ? () => {
                  me.reload()
                  linked.reload()
                }
              : me.reload
          }
        />
      ) : (
        <p class="note" role="status">
          {t.card.first}
        </p>
      )}
    </Page>
  )
}
