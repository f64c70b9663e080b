/**
 * The holds list in front mode: ready holds from 63's AS and waiting ones from CD, each an
 * item barcode or a title as the ILS lists them, matched to bunko's catalogue copy (a hold's
 * id is its title's id), with the barcodes holds.ts names each by in 15.
 *
 * A hold the ILS names by a title name that several titles of the catalogue copy share (two
 * editions of 淀川の歴史 by different authors) is on one of them, bunko cannot tell which: it
 * is listed by the name alone, with a copy of each title of the name that no copy-named hold is
 * on to ask the ILS with, in turn (a walk found such holds shown as a third book of the name,
 * whose cancel the ILS refused as "no such hold"). With two holds of the name listed, which is
 * which cannot be told: neither is cancelled or moved from LINE (the patron is told where
 * instead), as asking with the wrong copy could cancel the other.
 */
import {
  cancelHold as coreCancel,
  type Hold,
  type HoldSummary,
  refuse,
} from '../../../core/index.ts'
import type { Front } from './front.ts'
import {
  copiesByBarcode,
  copiesOfTitle,
  type LocalTitle,
  syntheticId,
  titlesById,
  titlesByName,
} from './local.ts'
import { opacText } from './refusals.ts'

/** A hold as listed, with the item (or title) the ILS named it by. */
export interface FrontHold {
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
