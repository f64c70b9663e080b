/** Loading data for a page: the value, the failure in words, and a way to load again. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { TitleSummary } from '../api-types.ts'
import { ApiFailure, api, takeArrived, takePrefetched } from './api.ts'
import { usePatron } from './family.ts'
import { t } from './i18n/index.ts'
import { cartItems, onCartChange } from './store.ts'

export interface Resource<T> {
  data: T | null
  error: ApiFailure | null
  loading: boolean
  reload(): void
  set(data: T): void
}

export function useApi<T>(path: string | null): Resource<T> {
  // ACC-FAMILY: inside a person's section, the call is for that person's card.
  const patron = usePatron()
  // The account's own first call may have been answered before the page was drawn (main.tsx,
  // first-calls.ts): drawn in the first render then.
  const [arrived] = useState(() => (path !== null && patron === null ? takeArrived<T>(path) : null))
  const [state, setState] = useState<{ data: T | null; error: ApiFailure | null; n: number }>({
    data: arrived,
    error: null,
    n: 0,
  })
  const [loading, setLoading] = useState(path !== null && arrived === null)
  const skip = useRef(arrived !== null)
  // state.n is the reload trigger. A layout effect: the call, or the answer already on its
  // way, is taken up before the browser paints, not a frame later.
  useLayoutEffect(() => {
    if (path === null) return
    if (skip.current) {
      skip.current = false
      return
    }
    let live = true
    setLoading(true)
    // The first call for the account's own card may already be on its way (main.tsx).
    const call =
      (patron === null && takePrefetched<T>(path)) || api<T>('GET', path, undefined, patron)
    call.then(
      (data) => {
        if (!live) return
        setState((s) => ({ ...s, data, error: null }))
        setLoading(false)
      },
      (error) => {
        if (!live) return
        setState((s) => ({ ...s, error: asFailure(error) }))
        setLoading(false)
      },
    )
    return () => {
      live = false
    }
  }, [path, patron, state.n])
  const reload = useCallback(() => setState((s) => ({ ...s, n: s.n + 1 })), [])
  const set = useCallback((data: T) => setState((s) => ({ ...s, data })), [])
  return { data: state.data, error: state.error, loading, reload, set }
}

export function asFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e
  // What went wrong is not the patron's to read (a script error's text): the plain sentence.
  return new ApiFailure(0, { code: 'internal', message: t.networkError })
}

/** Run an action, keeping its failure to show beside the button that started it. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiFailure | null>(null)
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      return await fn()
    } catch (e) {
      setError(asFailure(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, run, clear: () => setError(null) }
}

/** The hold cart, redrawn when it changes (the menu's count, the cart and title pages). */
export function useCart(): TitleSummary[] {
  const [items, setItems] = useState(cartItems)
  useEffect(() => {
    const off = onCartChange(() => setItems(cartItems()))
    setItems(cartItems()) // in case it changed between render and subscribing
    return off
  }, [])
  return items
}
