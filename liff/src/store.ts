/**
 * What the app keeps on the phone: the last good card (so the card draws at once on the next
 * open, LINE-CARD), the hold cart and the last pickup place. Nothing else: loans, holds and
 * reading history are private and are always read fresh from the server.
 */
import type { Me, TitleSummary } from '../api-types.ts'

const CARD = 'bunko.card.v1'
const CART = 'bunko.cart.v1'
const PLACE = 'bunko.pickup.v1'

export type CardData = Pick<Me, 'patronNumber' | 'name' | 'barcode' | 'libraryName'>

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

export function cachedCard(): CardData | null {
  const c = read<CardData>(CARD)
  return c && typeof c.patronNumber === 'string' && c.barcode ? c : null
}

export function saveCard(me: Me): CardData {
  const card: CardData = {
    patronNumber: me.patronNumber,
    name: me.name,
    barcode: me.barcode,
    libraryName: me.libraryName,
  }
  write(CARD, card)
  return card
}

/** Unlinked, or the server says this LINE account is not linked: forget everything. */
export function forgetAll(): void {
  for (const k of [CARD, CART, PLACE]) write(k, null)
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

export function addToCart(...titles: TitleSummary[]): void {
  const items = cartItems()
  for (const title of titles) if (!items.some((i) => i.id === title.id)) items.push(title)
  setCart(items)
}

export function removeFromCart(id: number): void {
  setCart(cartItems().filter((i) => i.id !== id))
}

export function clearCart(): void {
  setCart([])
}

export function lastPickup(): number | null {
  return read<number>(PLACE)
}

export function savePickup(id: number): void {
  write(PLACE, id)
}
