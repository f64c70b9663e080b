/**
 * The page's first paint on a later open (issue 21): a tiny script that the build puts inline
 * in index.html, after `<div id="app">`, so it runs while the page is parsed, before the
 * app's bundle has been fetched or parsed. If the card route is open and this phone keeps a
 * card that may be drawn now (card-owner.ts), it draws the header, the heading and the
 * barcode exactly as the app's first render will (same classes, same SVG geometry from
 * bars.ts); main.tsx then replaces it in one task, so nothing flashes. With the service
 * worker serving the page and the bundle from its cache (sw.ts), the card is on screen
 * without any network round trip.
 *
 * It never reads or draws anything the app's own card page would not: the stored card of
 * its owner (store.ts), with the bar modules the app computed for it.
 */
import { availableWidth, barGeometry } from './bars.ts'
import { mayDrawEarly } from './card-owner.ts'
import { currentRoute } from './router.ts'
import type { StoredCard } from './store.ts'

const SVG = 'http://www.w3.org/2000/svg'

function el(tag: string, attrs: Record<string, string>, text?: string): Element {
  const e =
    tag === 'svg' || tag === 'rect'
      ? document.createElementNS(SVG, tag)
      : document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  if (text !== undefined) e.textContent = text
  return e
}

function draw(root: Element, card: StoredCard): void {
  const early = card.early
  if (!early || !/^[01]+$/.test(early.modules)) return
  const { w, h, bars } = barGeometry(early.modules, availableWidth(), window.devicePixelRatio || 1)
  const svg = el('svg', {
    class: 'barcode',
    role: 'img',
    'aria-label': early.label,
    width: String(w),
    height: String(h),
    viewBox: `0 0 ${w} ${h}`,
    'shape-rendering': 'crispEdges',
  })
  svg.append(el('rect', { width: String(w), height: String(h), fill: '#fff' }))
  for (const [x, width] of bars)
    svg.append(el('rect', { x: String(x), width: String(width), height: String(h), fill: '#000' }))
  const header = el('header', { class: 'top' })
  header.append(el('p', { class: 'brand' }, early.brand))
  const section = el('section', { class: 'card', 'aria-label': early.title })
  section.append(svg, el('p', { class: 'digits' }, card.patronNumber))
  const main = el('main', { id: 'main' })
  main.append(el('h1', { tabindex: '-1' }, early.title), section)
  root.replaceChildren(header, main)
  document.title = early.title
  performance.mark('bunko:early-card')
}

performance.mark('bunko:early')
try {
  const root = document.getElementById('app')
  const raw = localStorage.getItem('bunko.card.v1')
  const card = raw ? (JSON.parse(raw) as StoredCard) : null
  if (
    root &&
    card &&
    currentRoute(location, '/liff/').name === 'card' &&
    mayDrawEarly(card.owner, location.search, navigator.userAgent)
  ) {
    if (localStorage.getItem('bunko.lang') === 'en') document.documentElement.lang = 'en'
    draw(root, card)
  }
} catch {
  // Storage refused or a card from an older version: the app draws the page as before.
}
