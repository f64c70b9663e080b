/** @jsxImportSource preact */
/**
 * Pages other than the card, each loaded as its own chunk when first opened (Vite code
 * splitting), so the entry the card needs stays small on a slow network (issue 21). Same
 * names and props as the pages themselves; while a chunk loads the usual loading line shows.
 */
import type { ComponentType, JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { t } from '../i18n/index.ts'
import { Loading } from '../ui/common.tsx'

function lazy<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null
  return function LazyPage(props: P): JSX.Element {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded)
    const [failed, setFailed] = useState(false)
    useEffect(() => {
      if (Component) return
      let live = true
      load().then(
        (c) => {
          loaded = c
          if (live) setComponent(() => c)
        },
        () => live && setFailed(true),
      )
      return () => {
        live = false
      }
    }, [Component])
    if (Component) return <Component {...props} />
    // No heading yet: the page's own heading comes with its content, as a screen reader expects.
    return failed ? (
      <p class="error-text" role="alert">
        {t.networkError}
      </p>
    ) : (
      <Loading />
    )
  }
}

export const PortalPage = lazy(() => import('./Portal.tsx').then((m) => m.PortalPage))
export const TitlePage = lazy(() => import('./Title.tsx').then((m) => m.TitlePage))
export const HoldsPage = lazy(() => import('./Holds.tsx').then((m) => m.HoldsPage))
export const SearchPage = lazy(() => import('./Search.tsx').then((m) => m.SearchPage))
export const CartPage = lazy(() => import('./Cart.tsx').then((m) => m.CartPage))
export const PickupPage = lazy(() => import('./Pickup.tsx').then((m) => m.PickupPage))
export const ConfirmPage = lazy(() => import('./Confirm.tsx').then((m) => m.ConfirmPage))
export const DonePage = lazy(() => import('./Confirm.tsx').then((m) => m.DonePage))
export const FavouritesPage = lazy(() => import('./Favourites.tsx').then((m) => m.FavouritesPage))
export const ShelfPage = lazy(() => import('./Shelf.tsx').then((m) => m.ShelfPage))
export const SettingsPage = lazy(() => import('./Settings.tsx').then((m) => m.SettingsPage))
export const IsbnPage = lazy(() => import('./Isbn.tsx').then((m) => m.IsbnPage))
