/** @jsxImportSource preact */
/**
 * 予約カート: several titles at once. Volumes of one set reserved together become a set hold
 * (HOLD-SET), so the cart says which sets are complete and offers the missing volumes.
 */
import type { TitleSummary } from '../../api-types.ts'
import { useAction } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'
import { addToCart, removeFromCart } from '../store.ts'
import { ErrorNote, Page } from '../ui/common.tsx'
import { TitleLine } from '../ui/TitleLine.tsx'
import { setVolumes, useCart } from './Title.tsx'

/** Each set with a volume in the cart, and the volumes of it that are not. */
export function setsInCart(items: TitleSummary[]) {
  const seen = new Map<number, { first: TitleSummary; missing: TitleSummary[] }>()
  for (const item of items) {
    if (!item.set || seen.has(item.set.setId)) continue
    const missing = setVolumes(item).filter((v) => !items.some((i) => i.id === v.id))
    seen.set(item.set.setId, { first: item, missing })
  }
  return [...seen.values()]
}

export function CartPage() {
  const items = useCart()
  const action = useAction()
  return (
    <Page title={t.cart.title}>
      {action.error && <ErrorNote error={action.error} />}
      {items.length === 0 && (
        <p>
          {t.cart.empty} <a href={href('search')}>{t.nav.search}</a>
        </p>
      )}
      {setsInCart(items).map(({ first, missing }) => (
        <div class="note-box" key={first.set?.setId}>
          {missing.length === 0 ? (
            <p>{t.cart.setTogether(first.set?.name ?? first.name)}</p>
          ) : (
            <>
              <p>
                {t.cart.setMissing(
                  first.set?.name ?? first.name,
                  // Each as the title page names it (上 (vol. 1) in English).
                  missing.map((m) => {
                    const volume = m.set?.volumes.find((v) => v.titleId === m.id)
                    const label = m.volumeLabel ?? ''
                    return volume ? t.title.volume(label, volume.volume) : label
                  }),
                )}
              </p>
              <button
                type="button"
                class="secondary"
                onClick={() => action.run(() => addToCart(...missing))}
              >
                {t.cart.addMissing}
              </button>
            </>
          )}
        </div>
      ))}
      <ul class="items">
        {items.map((item) => (
          <li key={item.id} class="item">
            <TitleLine title={item} />
            <button
              type="button"
              class="secondary"
              aria-label={`${t.cart.remove}: ${item.name}`}
              onClick={() => action.run(() => removeFromCart(item.id))}
            >
              {t.cart.remove}
            </button>
          </li>
        ))}
      </ul>
      {items.length > 0 && (
        <p>
          <a class="button" href={href('pickup')}>
            {t.cart.next}
          </a>
        </p>
      )}
    </Page>
  )
}
