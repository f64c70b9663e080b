/**
 * The ready holds of one push, and how they are grouped into its bubbles: one per pickup place,
 * collect-by date and visit (and whether the place is known at all), earliest date first.
 */
import type { ClockTime, JstDate } from '../../core/index.ts'
import type { NoticeItem } from './item-list.ts'

export interface PickupPlace {
  name: string
  nameEn?: string
  phone: string
}

export interface ReadyHold extends NoticeItem {
  /** Where to collect it; with `placeAsked`, the library to ask instead. */
  place: PickupPlace
  /**
   * The library system does not say where it is collected (front mode over SIP2): the notice
   * says "where you asked" and names `place` only for questions.
   */
  placeAsked?: boolean
  /** True for a pickup locker (HOLD-LOCKER). */
  locker: boolean
  /** A locker hold kept back, not lent, because the patron is blocked (ACC-BLOCK-OVERDUE). */
  heldBack?: boolean
  /** Last day to collect (HOLD-EXPIRE / HOLD-LOCKER). */
  collectBy: JstDate
  /** HOLD-BOOKMOBILE: the station visit the copy is loaded for; null elsewhere. */
  visit?: { date: JstDate; start: ClockTime; end: ClockTime } | null
}

/** The holds of one bubble: the same place, date and visit. */
export interface Group {
  place: PickupPlace
  placeAsked: boolean
  locker: boolean
  heldBack: boolean
  collectBy: JstDate
  visit: ReadyHold['visit']
  holds: ReadyHold[]
}

export function groupHolds(holds: ReadyHold[]): Group[] {
  const groups = new Map<string, Group>()
  for (const h of holds) {
    const heldBack = h.heldBack === true
    const key = JSON.stringify([
      h.place.name,
      h.place.phone,
      h.placeAsked === true,
      h.locker,
      heldBack,
      h.collectBy,
      h.visit,
    ])
    const g = groups.get(key)
    if (g) g.holds.push(h)
    else
      groups.set(key, {
        place: h.place,
        placeAsked: h.placeAsked === true,
        locker: h.locker,
        heldBack,
        collectBy: h.collectBy,
        visit: h.visit ?? null,
        holds: [h],
      })
  }
  return [...groups.values()].sort((a, b) => a.collectBy.localeCompare(b.collectBy))
}
