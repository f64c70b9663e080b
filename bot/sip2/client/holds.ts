/**
 * Holds in front mode: ready holds from 63's AS and waiting ones from CD, each an item barcode
 * or a title as the ILS lists them, matched to bunko's catalogue copy (a hold's id is its
 * title's id). Placing, cancelling and moving a hold are 15 `+`, `-`, `*` with one of the
 * title's copies as the item (BY 2, any copy, when title-level holds are allowed; else BY 3)
 * and the pickup place's name in BS. Each is sent once. A cart is placed title by title: a
 * refusal stops it and says which title; the ones before it stay placed (the ILS has no
 * all-or-nothing over SIP2), and the holds list shows them. The same cart sent again places
 * the rest: a title the patron already holds counts as placed.
 *
 * A hold the ILS names by a title name that several titles of the catalogue copy share (two
 * editions of 淀川の歴史 by different authors) is on one of them, bunko cannot tell which: it
 * is listed by the name alone, and cancelling or moving it asks the ILS with a copy of each
 * title of the name that no copy-named hold is on, in turn, until one is the hold's (a walk
 * found such holds shown as a third book of the name, whose cancel the ILS refused as "no
 * such hold"). With two holds of the name listed, which is which cannot be told: neither is
 * cancelled or moved from LINE (the patron is told where instead), as asking with the wrong
 * copy could cancel the other.
 */
import {
  type Answer,
  allow,
  cancelHold as coreCancel,
  changePickup as coreChange,
  type Hold,
  type HoldSummary,
  type PlacedHold,
  type PlaceHoldsReason,
  refuse,
} from '../../../core/index.ts'
import { inputRefusal, isId, isIdList } from '../../../db/refusals.ts'
import type { Front } from './front.ts'
import {
  copiesByBarcode,
  copiesOfTitle,
  type LocalTitle,
  placeById,
  syntheticId,
  titlesById,
  titlesByName,
} from './local.ts'
import { ilsRefusal, opacText } from './refusals.ts'

/** A hold as listed, with the item (or title) the ILS named it by. */
interface FrontHold {
  summary: HoldSummary
  core: Hold
  /**
   * Item barcodes to name the hold by in 15, tried in turn: one, or one per title of a shared
   * name; none when bunko has no copy of it.
   */
  barcodes: string[]
  /** Which title it is on is certain: named by a copy, or by a name no other title has. */
  certain: boolean
}

export async function listHolds(
  f: Front,
  patronId: number,
  number: string,
  now: number,
): Promise<FrontHold[]> {
  const [ready, waiting] = await Promise.all([
    f.ils.patron(number, now, { list: 'hold' }),
    f.ils.patron(number, now, { list: 'unavailable' }),
  ])
  return holdsNamed(f, patronId, ready.items, waiting.items)
}

/** Holds from 63's AS (ready) and CD (waiting) values, matched to bunko's catalogue copy. */
export async function holdsNamed(
  f: Front,
  patronId: number,
  readyItems: readonly string[],
  waitingItems: readonly string[],
): Promise<FrontHold[]> {
  const named = [
    ...readyItems.map((v) => ({ v, ready: true })),
    ...waitingItems.map((v) => ({ v, ready: false })),
  ]
  const values = named.map((n) => n.v)
  const copies = await copiesByBarcode(f.db, values)
  const byName = await titlesByName(
    f.db,
    values.filter((v) => !copies.has(v)),
  )
  const titles = await titlesById(
    f.db,
    [...copies.values()].map((c) => c.titleId),
  )
  // Titles a copy names a hold on: a hold of a shared name is not one of them.
  const heldByCopy = new Set([...copies.values()].map((c) => c.titleId))
  const sharedHolds = new Map<string, number>()
  for (const { v } of named)
    if (!copies.has(v) && byName.get(v)?.shared) sharedHolds.set(v, (sharedHolds.get(v) ?? 0) + 1)
  const out: FrontHold[] = []
  const seen = new Map<string, number>()
  for (const { v, ready: isReady } of named) {
    const copy = copies.get(v)
    const byTitle = copy ? undefined : byName.get(v)
    if (byTitle?.shared) {
      const n = (seen.get(v) ?? 0) + 1
      seen.set(v, n)
      // Which of the name's titles it is on is not known: shown by the name alone. The first
      // keeps the id it always had (the first title's), so a ready notice already sent under
      // it is not sent again; a second of the name gets one of its own. (Should a hold named
      // by a copy of that first title come or go, the id changes and its ready notice may be
      // sent once more: SIP2 gives a title-level hold no identity of its own.)
      const first = n === 1 && !heldByCopy.has(byTitle.id)
      const ids = {
        id: first ? byTitle.id : syntheticId(`hold:${v}#${n}`),
        titleId: syntheticId(`title:${v}`),
      }
      // Asked for with a copy of each title of the name no other hold is on; with two holds of
      // the name listed, which is which cannot be told, so none (the app says where instead).
      const free = byTitle.ids.filter((id) => !heldByCopy.has(id))
      const barcodes = (sharedHolds.get(v) ?? 0) > 1 ? [] : await firstCopies(f, free)
      out.push({ ...holdOf(f, patronId, v, null, barcodes, isReady, ids), certain: false })
      continue
    }
    const title: LocalTitle | undefined = copy ? titles.get(copy.titleId) : byTitle
    const barcodes = copy ? [copy.barcode] : title ? await firstCopies(f, [title.id]) : []
    out.push({ ...holdOf(f, patronId, v, title ?? null, barcodes, isReady), certain: !!title })
  }
  return out
}

/** One copy's barcode for each title that has one, in the titles' order. */
async function firstCopies(f: Front, titleIds: number[]): Promise<string[]> {
  const found = await Promise.all(titleIds.map((id) => copiesOfTitle(f.db, id, 1)))
  return found.flatMap((c) => (c[0] ? [c[0].barcode] : []))
}

function holdOf(
  f: Front,
  patronId: number,
  named: string,
  title: LocalTitle | null,
  barcodes: string[],
  ready: boolean,
  ids?: { id: number; titleId: number },
): Omit<FrontHold, 'certain'> {
  const id = ids?.id ?? title?.id ?? syntheticId(`hold:${named}`)
  const titleId = ids?.titleId ?? id
  const core: Hold = {
    id,
    patronId,
    titleId,
    materialType: title?.materialType ?? 'book',
    state: ready ? 'ready' : 'waiting',
    placedAt: 0,
    pickupPlaceId: 0,
    setGroup: null,
    volume: title?.volume ?? null,
    interLibrary: false,
  }
  const summary: HoldSummary = {
    id,
    state: core.state,
    titleId,
    title: title?.title ?? named,
    author: title?.author ?? '',
    materialType: core.materialType,
    // SIP2's 63 does not say a hold's place in the queue or its pickup place (a walk found
    // every hold shown, and announced, at the library's main contact wherever it waited).
    queuePosition: null,
    pickupPlace: null,
    placedAt: 0,
    readyAt: null,
    pickupBy: null,
    setGroup: null,
    volume: core.volume,
    interLibrary: false,
    noticeState: null,
    transit: null,
    endedAt: null,
    // A hold bunko could name to the ILS only by guessing (two holds of one shared name): not
    // offered, with where to do it, rather than refused after the patron confirms.
    cancel: barcodes.length
      ? coreCancel(core, patronId, null, f.policy)
      : refuse('library_refused', opacText(f.config.opacUrl, f.policy)),
    // HOLD-SUSPEND has no SIP2 message: a front-mode hold is never suspended by bunko.
    suspendedUntil: null,
    // SIP2's 63 names no bookmobile visit: the ready notice and the list say the pickup-by only.
    visit: null,
    // The ILS lends a locker copy itself, if it does: bunko cannot tell.
    inLocker: false,
  }
  return { summary, core, barcodes }
}

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
