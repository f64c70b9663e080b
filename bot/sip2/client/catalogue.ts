/**
 * A title's copies and availability in front mode: the copies are bunko's catalogue copy
 * (imported from the ILS), where each one is now is the ILS's 17 (cached briefly by Ils).
 * A page of search hits asks for its titles together; each title probes at most 30 copies.
 */
import { and, asc, eq, isNull } from 'drizzle-orm'
import {
  type Answer,
  type Availability,
  allow,
  jstDate,
  type TitleAvailability,
  type TitleCopy,
  type TitleSummary,
} from '../../../core/index.ts'
import { getCatalogueTitle } from '../../../db/catalogue.ts'
import type { Db } from '../../../db/client.ts'
import { listPlaces } from '../../../db/places.ts'
import { copies } from '../../../db/schema.ts'
import type { Front } from './front.ts'
import type { ItemInfo } from './ils.ts'

const MAX_COPIES = 30

/** 18's circulation status → what the 詳細 page says. An unknown status is not promised on the shelf. */
const STATUS: Record<string, TitleCopy['status']> = {
  '03': 'on_shelf',
  '09': 'on_shelf',
  '04': 'on_loan',
  '08': 'on_hold_shelf',
  '10': 'in_transit',
  '12': 'missing',
  '13': 'missing',
}

interface LocalCopyRow {
  barcode: string
  libraryId: number
  callNumber: string
}

async function localCopies(db: Db, titleId: number): Promise<LocalCopyRow[]> {
  return db.orm
    .select({
      barcode: copies.barcode,
      libraryId: copies.homeLibraryId,
      callNumber: copies.callNumber,
    })
    .from(copies)
    .where(and(eq(copies.titleId, titleId), isNull(copies.withdrawnAt)))
    .orderBy(asc(copies.barcode))
    .limit(MAX_COPIES)
}

async function probed(f: Front, titleId: number, now: number) {
  const local = await localCopies(f.db, titleId)
  const items = await Promise.all(local.map((c) => f.ils.item(c.barcode, now)))
  return local.map((copy, i) => ({ copy, item: items[i] as ItemInfo }))
}

async function availabilityOf(
  f: Front,
  titleId: number,
  names: Map<number, string>,
  now: number,
): Promise<TitleAvailability> {
  const found = await probed(f, titleId, now)
  const byLibrary = new Map<number, Availability>()
  for (const { copy, item } of found) {
    const a = byLibrary.get(copy.libraryId) ?? {
      libraryId: copy.libraryId,
      library: names.get(copy.libraryId) ?? '',
      copies: 0,
      onShelf: 0,
    }
    a.copies++
    if (STATUS[item.status] === 'on_shelf') a.onShelf++
    byLibrary.set(copy.libraryId, a)
  }
  const waiting = Math.max(0, ...found.map(({ item }) => item.queue))
  return { titleId, availability: [...byLibrary.values()], waiting }
}

async function placeNames(db: Db): Promise<Map<number, string>> {
  return new Map((await listPlaces(db)).map((p) => [p.id, p.name]))
}

/** One title with its availability and queue (the title page), or null. */
export async function titleWithAvailability(
  f: Front,
  id: number,
): Promise<Answer<TitleSummary | null>> {
  const title = await getCatalogueTitle(f.db, id)
  if (!title) return allow(null)
  const { availability, waiting } = await availabilityOf(f, id, await placeNames(f.db), Date.now())
  return allow({ ...title, availability, waiting })
}

/** A page of search hits' availability: their 17s go out together, within SIP2_MAX_RPS. */
export async function titlesAvailability(
  f: Front,
  titleIds: number[],
): Promise<Answer<TitleAvailability[]>> {
  const names = await placeNames(f.db)
  const now = Date.now()
  return allow(await Promise.all(titleIds.map((id) => availabilityOf(f, id, names, now))))
}

/** Every copy of a title with where it is now (the 詳細 page). */
export async function titleCopies(f: Front, titleId: number): Promise<Answer<TitleCopy[]>> {
  const found = await probed(f, titleId, Date.now())
  return allow(
    found.map(({ copy, item }) => {
      const status = STATUS[item.status] ?? 'on_loan'
      return {
        libraryId: copy.libraryId,
        callNumber: copy.callNumber,
        status,
        placeId: null,
        dueDate: status === 'on_loan' && item.dueAt !== null ? jstDate(item.dueAt) : null,
      }
    }),
  )
}
