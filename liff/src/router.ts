/**
 * Hash routes (`#/loans`, `#/title/12`, `#/search?q=…`), so the bot serves one index.html.
 * A first open may also name the page in the path (`/liff/card`, a LIFF URL's path) or in
 * LIFF's `liff.state` parameter; both are read before LIFF starts so the card is instant.
 */
export type RouteName =
  | 'card'
  | 'portal'
  | 'loans'
  | 'holds'
  | 'search'
  | 'title'
  | 'cart'
  | 'pickup'
  | 'confirm'
  | 'done'
  | 'favourites'
  | 'shelf'
  | 'settings'
  | 'isbn'

const NAMES: readonly RouteName[] = [
  'card',
  'portal',
  'loans',
  'holds',
  'search',
  'title',
  'cart',
  'pickup',
  'confirm',
  'done',
  'favourites',
  'shelf',
  'settings',
  'isbn',
]

export interface Route {
  name: RouteName
  /** The path segment after the name, e.g. a title id. */
  id: string | null
  query: URLSearchParams
}

/** Parse `/title/12?x=1` (leading `#` or `/` optional). */
export function parseRoute(path: string): Route | null {
  const clean = path.replace(/^#?\/?/, '')
  const [p = '', q = ''] = clean.split('?')
  const [name, id] = p.split('/')
  if (!NAMES.includes(name as RouteName)) return null
  return { name: name as RouteName, id: id || null, query: new URLSearchParams(q) }
}

/** The route to show now: hash, else `liff.state`, else the path under the base, else portal. */
export function currentRoute(loc: Location = location, base = import.meta.env.BASE_URL): Route {
  const fromHash = loc.hash.length > 1 ? parseRoute(loc.hash) : null
  if (fromHash) return fromHash
  const state = new URLSearchParams(loc.search).get('liff.state')
  const fromState = state ? parseRoute(state.replace(/^.*#/, '')) || parseRoute(state) : null
  if (fromState) return fromState
  const rest = loc.pathname.startsWith(base) ? loc.pathname.slice(base.length) : ''
  return parseRoute(rest) ?? { name: 'portal', id: null, query: new URLSearchParams() }
}

export function href(path: string): string {
  return `#/${path}`
}

export function go(path: string): void {
  location.hash = `/${path}`
}
