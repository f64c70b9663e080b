/** The demo's copies on the road (回送) and its bookmobile hold; see `transit`. */
import { type DemoNote, isBook, type Others, type Picker, PLACE } from './demo-script.ts'
import type { Ledger } from './ledger.ts'

/**
 * HOLD-TRANSIT and HOLD-BOOKMOBILE at the counter: a copy on its way home, one lost in the
 * van (on the 回送 overdue list), and a station hold loaded for the bookmobile's next visit.
 * Written last, so the titles every earlier case takes stay the same.
 */
export function transit(L: Ledger, pick: Picker, others: Others, notes: DemoNote[]): void {
  const send = (daysAgo: number, what: string) => {
    const t = pick.take((b) => isBook()(b) && L.copiesOf(b.id).some(awayFromCentral))
    const copy = L.copiesOf(t.id).find(awayFromCentral)!
    const home = L.lib.places.find((p) => p.id === copy.libraryId)!
    copy.placeId = PLACE.central
    L.travel(copy, copy.libraryId, L.at(daysAgo, '17:00'))
    notes.push({
      role: 'other',
      what: what.replace('HOME', home.name),
      title: t.title,
      barcode: copy.barcode,
    })
  }
  send(
    1,
    'returned at 中央図書館 yesterday, 回送中 home to HOME: receive it there on the 回送 page',
  )
  send(9, 'sent from 中央図書館 to HOME 9 days ago and never received: on the 回送延滞 list')
  const station = { daysAgo: 6, pickupId: PLACE.station, state: 'ready', readyDaysAgo: 1 } as const
  const t = pick.take(isBook('picture'))
  L.hold(others[1], t, station)
  notes.push({
    role: 'other',
    what: '山本 大輔’s hold loaded for the bookmobile’s next visit to its station (HOLD-BOOKMOBILE)',
    title: t.title,
  })
}

const awayFromCentral = (c: { status: string; libraryId: number }) =>
  c.status === 'on_shelf' && c.libraryId !== PLACE.central
