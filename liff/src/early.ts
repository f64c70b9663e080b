/**
 * The page's first paint on a later open (issue 21): a tiny script that the build puts inline
 * in index.html, after `<div id="app">`, so it runs while the page is parsed, before the
 * app's bundle has been fetched or parsed. If the card route is open and this phone keeps a
 * card that may be drawn now (card-owner.ts), it draws the header, the heading and the
 * barcode exactly as the app's first render will (same classes, same SVG geometry from
 * bars.ts); main.tsx then replaces it in one task, so nothing flashes. With the service
 * worker serving the page and the bundle from its cache (sw.ts), the card is on screen
 * without any network round trip. The rules it needs sit above styles.css's
 * `.bunko-first-paint-end` marker, the part of the stylesheet the page carries in its head; a
 * class added to this markup needs its rules there.
 *
 * It never reads or draws anything the app's own card page would not: the stored card of
 * its owner (store.ts), with the bar modules the app computed for it.
 *
 * In demo mode it then sends the page's first calls (first-calls.ts), so that on a cold open
 * /api/me is answered while the bundle is still on its way; for an English phone it preloads
 * the English dictionary's chunk (preload-lang.ts). With the kept card drawn, both wait until
 * that card is painted (first-calls-offer.ts).
 */
import { availableWidth, barGeometry } from './bars.ts'
import { mayDrawEarly, simulatorPage } from './card-owner.ts'
import { inlineConfig } from './config.ts'
import { type EarlyCalls, startFirstCalls } from './first-calls.ts'
import { afterPaint, offerFirstCalls } from './first-calls-offer.ts'
import { preloadEnglish } from './preload-lang.ts'
import { currentRoute } from './router.ts'
import type { StoredCard } from './store.ts'

/** Text and attribute values as markup: the words and the number are the server's. */
function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * The card as one piece of markup, parsed in one go: on a phone's slow CPU that is quicker
 * than building the few dozen elements one call at a time, and this runs before anything else.
 */
function draw(root: Element, card: StoredCard): boolean {
  const early = card.early
  if (!early || !/^[01]+$/.test(early.modules)) return false
  const { w, h, bars } = barGeometry(early.modules, availableWidth(), window.devicePixelRatio || 1)
  const rects = bars
    .map(([x, width]) => `<rect x="${x}" width="${width}" height="${h}" fill="#000"></rect>`)
    .join('')
  const title = esc(early.title)
  root.innerHTML =
    `<header class="top"><p class="brand">${esc(early.brand)}</p></header>` +
    `<main id="main"><h1 tabindex="-1">${title}</h1><section class="card" aria-label="${title}">` +
    `<svg class="barcode" role="img" aria-label="${esc(early.label)}" width="${w}" height="${h}"` +
    ` viewBox="0 0 ${w} ${h}" shape-rendering="crispEdges">` +
    `<rect width="${w}" height="${h}" fill="#fff"></rect>${rects}</svg>` +
    `<p class="digits">${esc(card.patronNumber)}</p></section></main>`
  document.title = early.title
  performance.mark('bunko:early-card')
  return true
}

performance.mark('bunko:early')
let drawn = false
try {
  const root = document.getElementById('app')
  const raw = localStorage.getItem('bunko.card.v1')
  performance.mark('bunko:early-read')
  const card = raw ? (JSON.parse(raw) as StoredCard) : null
  if (
    root &&
    card &&
    currentRoute(location, '/liff/').name === 'card' &&
    mayDrawEarly(card.owner, location.search, navigator.userAgent, simulatorPage(inlineConfig()))
  ) {
    if (localStorage.getItem('bunko.lang') === 'en') document.documentElement.lang = 'en'
    drawn = draw(root, card)
  }
} catch {
  // Storage refused or a card from an older version: the app draws the page as before.
}

/** The first calls (demo mode) and the English chunk: all a cold open waits for. */
function sendFirstCalls(): EarlyCalls | null {
  try {
    const first = startFirstCalls(
      inlineConfig(),
      new URLSearchParams(location.search),
      currentRoute(location, '/liff/').name,
    )
    const lang = first?.lang ?? (localStorage.getItem('bunko.lang') === 'en' ? 'en' : 'ja')
    if (lang === 'en') preloadEnglish()
    return first
  } catch {
    // No config in the page, or one this version cannot read (or storage refused): the entry
    // sends the calls and loads its dictionary.
    return null
  }
}
offerFirstCalls(window, sendFirstCalls, drawn ? afterPaint : null)
