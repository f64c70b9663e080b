/**
 * What the app keeps on the phone: the last good card (so the card draws at once on the next
 * open, LINE-CARD), a copy of the hold cart and the last pickup place; and for the tab only,
 * 完了's words without titles (done-note.ts). Nothing else: loans, holds and reading history
 * are private and are always read fresh from the server. The cart
 * itself is kept on the server (LINE's in-app browser may drop its storage); the copy here
 * only lets it draw at once.
 *
 * The card is kept with its owner, the LINE user it was shown to (card-owner.ts), and with
 * what the page's first paint needs to draw it before the app has loaded (early.ts): its
 * bar modules and the words around it. A card without an owner is never drawn early.
 */
import type { CartResponse, Me, OkResponse, TitleSummary } from '../api-types.ts'
import { api } from './api.ts'
import { noteCapabilities } from './capabilities.ts'
import { mayDrawEarly, simulatorPage } from './card-owner.ts'
import { inlineConfig } from './config.ts'
import { keepDoneNote } from './done-note.ts'
import { t } from './i18n/index.ts'

const CARD = 'bunko.card.v1'
const CART = 'bunko.cart.v1'
const PLACE = 'bunko.pickup.v1'
/** Set once a cart kept only on this phone (before the server kept it) has been handed over. */
const SYNCED = 'bunko.cart.synced'

export type CardData = Pick<Me, 'patronNumber' | 'name' | 'barcode' | 'libraryName'>

/** The first paint's card (early.ts): drawn as is, so it needs no encoder and no dictionary. */
export interface EarlyPaint {
  brand: string
  title: string
  label: string
  /** '1' = bar, '0' = space, quiet zone not included (barcode.ts cardModules). */
  modules: string
}

/** The stored card: CardData, whose it is, and its first paint. */
export interface StoredCard extends CardData {
  owner?: string
  early?: EarlyPaint
}

/** The LINE user of this session (store.ts adoptOwner); null until LIFF has said. */
let owner: string | null = null

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {}
}

/**
 * The card kept on this phone, if it may be drawn now: before LIFF has said who this is,
 * only when card-owner.ts says it can only be its owner; after, only the session user's.
 */
export function cachedCard(): CardData | null {
  const c = read<StoredCard>(CARD)
  if (!c || typeof c.patronNumber !== 'string' || !c.barcode) return null
  const mine = owner
    ? c.owner === owner
    : mayDrawEarly(c.owner, location.search, navigator.userAgent, simulatorPage(inlineConfig()))
  return mine ? c : null
}

/**
 * LIFF has said who is signed in (`user`: their LINE user id, null if it cannot say): a card,
 * cart copy or pickup place kept for anyone else is forgotten before anything is drawn from
 * it. True when something was forgotten.
 */
export function adoptOwner(user: string | null): boolean {
  owner = user
  const c = read<StoredCard>(CARD)
  if (!c || c.owner === (user ?? undefined)) return false
  forgetAll()
  return true
}

/** The part of /api/me's answer the card shows and keeps. */
export function cardOf(me: Me): CardData {
  return {
    patronNumber: me.patronNumber,
    name: me.name,
    barcode: me.barcode,
    libraryName: me.libraryName,
  }
}

/**
 * Keep the card /api/me answered. `modules`: its bars as the card page drew them
 * (barcode.ts cardModules), for the next open's first paint; passed in so that this module,
 * which every page loads, does not carry the encoders.
 */
export function saveCard(me: Me, modules: string | null = null): CardData {
  const card = cardOf(me)
  const stored: StoredCard = {
    ...card,
    ...(owner ? { owner } : {}),
    ...(owner && modules
      ? {
          early: {
            brand: me.libraryName || t.appName,
            title: t.card.title,
            label: t.card.barcodeLabel(me.patronNumber),
            modules,
          },
        }
      : {}),
  }
  write(CARD, stored)
  noteCapabilities(me)
  return card
}

/** The kept card may no longer be drawn (its card refused, ACC-FAMILY): the rest stays. */
export function forgetCard(): void {
  write(CARD, null)
}

/** Unlinked, or the server says this LINE account is not linked: forget everything. */
export function forgetAll(): void {
  for (const k of [CARD, CART, PLACE, SYNCED]) write(k, null)
  keepDoneNote(null)
}

// ── the hold cart ──

type Listener = () => void
const listeners = new Set<Listener>()

export function cartItems(): TitleSummary[] {
  return read<TitleSummary[]>(CART) ?? []
}

export function onCartChange(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

function setCart(items: TitleSummary[]): void {
  write(CART, items.length ? items : null)
  for (const fn of listeners) fn()
}

/** Put titles in the cart: shown at once, then kept on the server (refused: back as it was). */
export async function addToCart(...titles: TitleSummary[]): Promise<void> {
  edits++
  const items = cartItems()
  const adding = titles.filter((title) => !items.some((i) => i.id === title.id))
  setCart([...items, ...adding])
  try {
    for (const title of adding) await api<OkResponse>('PUT', `/api/cart/${title.id}`)
  } catch (e) {
    await syncCart().catch(() => {})
    throw e
  }
}

export async function removeFromCart(id: number): Promise<void> {
  edits++
  setCart(cartItems().filter((i) => i.id !== id))
  try {
    await api<OkResponse>('DELETE', `/api/cart/${id}`)
  } catch (e) {
    await syncCart().catch(() => {})
    throw e
  }
}

/** After placing holds: the server has already taken the reserved titles out. */
export function clearCart(): void {
  setCart([])
}

/**
 * Read the cart from the server. The first time, a cart this phone kept on its own (before
 * the server kept carts) is handed over first, so nobody loses one to the change.
 */
export async function syncCart(): Promise<void> {
  if (read<boolean>(SYNCED) !== true) {
    for (const item of cartItems())
      await api<OkResponse>('PUT', `/api/cart/${item.id}`).catch(() => {})
    write(SYNCED, true)
  }
  const seen = edits
  const { items } = await api<CartResponse>('GET', '/api/cart')
  // A tap while the answer was on its way wins: it is newer than what the server said.
  if (seen === edits) setCart(items)
}

/** Local changes to the cart so far: a server answer older than one of them is not applied. */
let edits = 0

export function lastPickup(): number | null {
  return read<number>(PLACE)
}

export function savePickup(id: number): void {
  write(PLACE, id)
}
