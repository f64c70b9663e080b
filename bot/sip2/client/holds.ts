/**
 * Holds in front mode, as listed by hold-list.ts. Placing, cancelling and moving a hold are 15
 * `+`, `-`, `*` with one of the title's copies as the item (BY 2, any copy, when title-level
 * holds are allowed; else BY 3) and the pickup place's name in BS. Each is sent once. A cart is
 * placed title by title: a refusal stops it and says which title; the ones before it stay
 * placed (the ILS has no all-or-nothing over SIP2), and the holds list shows them. The same
 * cart sent again places the rest: a title the patron already holds counts as placed. A hold of
 * a title name several titles share is cancelled or moved by asking with each of its barcodes
 * in turn until one is the hold's (hold-list.ts).
 */
import {
  type Answer,
  allow,
  changePickup as coreChange,
  type PlacedHold,
  type PlaceHoldsReason,
  refuse,
} from '../../../core/index.ts'
import { inputRefusal, isId, isIdList } from '../../../db/refusals.ts'
import type { Front } from './front.ts'
import { listHolds } from './hold-list.ts'
import { copiesOfTitle, placeById, titlesById } from './local.ts'
import { ilsRefusal, opacText } from './refusals.ts'

export async function placeAll(
  f: Front,
  input: { patronId: number; titleIds: number[]; pickupPlaceId: number },
  number: string,
  now: number,
): Promise<Answer<PlacedHold[], PlaceHoldsReason | 'library_refused'>> {
  if (!isIdList(input.titleIds, 50) || !isId(input.pickupPlaceId))
    return inputRefusal('invalid_input')
  if (!f.capabilities().holds)
    return refuse('library_refused', opacText(f.config.opacUrl, f.policy))
  const place = await placeById(f.db, input.pickupPlaceId)
  if (!place?.active) return inputRefusal('unknown_place')
  const titles = await titlesById(f.db, input.titleIds)
  // SIP2 places title by title: a refusal or an outage part-way leaves the titles before it
  // placed while the cart keeps them all. Titles the patron already holds are taken as placed,
  // so that cart sent again places the rest (the system would refuse the first as a duplicate
  // and stop there, for ever): only where the hold is certainly on that title, not on another
  // edition of the same name, which is then asked for (and refused if it is a duplicate).
  const held = new Set(
    (await listHolds(f, input.patronId, number, now))
      .filter((h) => h.certain)
      .map((h) => h.summary.titleId),
  )
  const placed: PlacedHold[] = []
  for (const titleId of input.titleIds) {
    const title = titles.get(titleId)
    const copy = title ? (await copiesOfTitle(f.db, titleId, 1))[0] : undefined
    if (!title || !copy) return inputRefusal('unknown_title')
    if (held.has(titleId)) {
      placed.push({ id: titleId, titleId, setGroup: null, volume: title.volume })
      continue
    }
    const item = {
      barcode: copy.barcode,
      title: title.title,
      titleLevel: f.capabilities().titleHolds,
    }
    const done = await f.ils.hold(number, '+', item, now, place.name)
    if (!done.ok)
      return ilsRefusal('library_refused', `「${title.title}」: ${done.screen}`, f.policy)
    placed.push({ id: titleId, titleId, setGroup: null, volume: title.volume })
  }
  return allow(placed)
}

export async function cancelOne(
  f: Front,
  input: { patronId: number; holdId: number },
  number: string,
  now: number,
) {
  if (!isId(input.holdId)) return inputRefusal('invalid_input')
  const hold = (await listHolds(f, input.patronId, number, now)).find(
    (h) => h.summary.id === input.holdId,
  )
  if (!hold) return inputRefusal('unknown_hold')
  if (!hold.summary.cancel.ok) return hold.summary.cancel
  if (!hold.barcodes.length) return refuse('library_refused', opacText(f.config.opacUrl, f.policy))
  const done = await firstAccepted(f, hold.barcodes, (item) => f.ils.hold(number, '-', item, now))
  return done.ok
    ? allow({ holdId: input.holdId })
    : ilsRefusal('library_refused', done.screen, f.policy)
}

/**
 * 15 with each barcode in turn until the ILS accepts one: a hold of a shared name is on one of
 * its titles (see the file's comment); the last refusal if none is. Sent once per barcode.
 */
async function firstAccepted<A extends { ok: boolean }>(
  f: Front,
  barcodes: string[],
  send: (item: { barcode: string; titleLevel: boolean }) => Promise<A>,
): Promise<A> {
  let done: A | undefined
  for (const barcode of barcodes) {
    done = await send({ barcode, titleLevel: f.capabilities().titleHolds })
    if (done.ok) break
  }
  return done!
}

export async function moveOne(
  f: Front,
  input: { patronId: number; holdId: number; pickupPlaceId: number },
  number: string,
  now: number,
) {
  if (!isId(input.holdId) || !isId(input.pickupPlaceId)) return inputRefusal('invalid_input')
  const hold = (await listHolds(f, input.patronId, number, now)).find(
    (h) => h.summary.id === input.holdId,
  )
  if (!hold) return inputRefusal('unknown_hold')
  const place = await placeById(f.db, input.pickupPlaceId)
  const next = place?.active
    ? { id: place.id, name: place.name, kind: place.kind, phone: place.phone }
    : null
  const decided = coreChange(
    { hold: hold.core, patronId: input.patronId, current: null, next, blocked: false },
    f.policy,
  )
  if (!decided.ok) return decided
  if (!hold.barcodes.length || !next)
    return refuse('library_refused', opacText(f.config.opacUrl, f.policy))
  const done = await firstAccepted(f, hold.barcodes, (item) =>
    f.ils.hold(number, '*', item, now, next.name),
  )
  return done.ok
    ? allow({ changed: [input.holdId] })
    : ilsRefusal('library_refused', done.screen, f.policy)
}
