/** Loading data for a page: the value, the failure in words, and a way to load again. */
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { TitleSummary } from '../api-types.ts'
import { ApiFailure, api, takePrefetched } from './api.ts'
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
  const [state, setState] = useState<{ data: T | null; error: ApiFailure | null; n: number }>({
    data: null,
    error: null,
    n: 0,
  })
  const [loading, setLoading] = useState(path !== null)
  // ACC-FAMILY: inside a person's section, the call is for that person's card.
  const patron = usePatron()
  // state.n is the reload trigger.
  useEffect(() => {
    if (path === null) return
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
