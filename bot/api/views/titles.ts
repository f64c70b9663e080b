/**
 * Titles as every list shows them (TitleSummary): with the set they belong to (HOLD-SET, the
 * S mark) and each volume's label. The set's name and labels come from the volumes' own
 * titles: 「白い鐘 上」「白い鐘 中」「白い鐘 下」 are the set 「白い鐘」 with 上・中・下.
 */
import { inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { titles } from '../../../db/schema.ts'
import type { MaterialType, SetInfo, TitleSummary } from '../../../liff/api-types.ts'

export type TitleRow = typeof titles.$inferSelect
/** What a summary needs of a title row (db's search hits carry these too). */
export type TitleFields = Pick<
  TitleRow,
  'id' | 'title' | 'author' | 'setId' | 'volume' | 'notForLoan'
> & { materialType: string }

/** D1 binds at most 100 parameters per statement: long id lists are read in slices. */
const SLICE = 90

export async function selectIn<T>(ids: readonly number[], read: (slice: number[]) => Promise<T[]>) {
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let i = 0; i < unique.length; i += SLICE)
    out.push(...(await read(unique.slice(i, i + SLICE))))
  return out
}

export function titleRows(db: Db, ids: readonly number[]): Promise<TitleRow[]> {
  return selectIn(ids, (slice) => db.orm.select().from(titles).where(inArray(titles.id, slice)))
}

/** Whether a title is a volume of a set in the HOLD-SET sense (manga is never a set). */
export function isSetVolume(t: Pick<TitleFields, 'setId' | 'materialType'>): boolean {
  return t.setId !== null && t.materialType !== 'manga'
}

/**
 * A title as the library system names it, where bunko's catalogue copy has no row for it (front
 * mode: an item or a hold the last import did not bring, or a hold whose name several titles
 * share): its name and author as listed, nothing claimed of sets or loan status.
 */
export function listedTitle(t: {
  id: number
  title: string
  author: string
  materialType: string
}): TitleSummary {
  return {
    id: t.id,
    name: t.title,
    author: t.author,
    materialType: t.materialType as MaterialType,
    volumeLabel: null,
    set: null,
    notForLoan: false,
  }
}

/** Summaries for `rows`, keyed by title id, with their sets read in one go. */
export async function summarize(
  db: Db,
  rows: readonly TitleFields[],
): Promise<Map<number, TitleSummary>> {
  const setIds = [...new Set(rows.filter(isSetVolume).map((t) => t.setId!))]
  const volumes = await selectIn(setIds, (slice) =>
    db.orm
      .select({ id: titles.id, title: titles.title, setId: titles.setId, volume: titles.volume })
      .from(titles)
      .where(inArray(titles.setId, slice)),
  )
  const sets = new Map<number, SetInfo>()
  for (const setId of setIds)
    sets.set(
      setId,
      setInfo(
        setId,
        volumes.filter((v) => v.setId === setId),
      ),
    )
  return new Map(rows.map((t) => [t.id, summary(t, isSetVolume(t) ? sets.get(t.setId!)! : null)]))
}

export function summary(t: TitleFields, set: SetInfo | null): TitleSummary {
  return {
    id: t.id,
    name: t.title,
    author: t.author,
    materialType: t.materialType as MaterialType,
    volumeLabel: set?.volumes.find((v) => v.titleId === t.id)?.label ?? null,
    set,
    notForLoan: t.notForLoan,
  }
}

/** A set's name (the volumes' common beginning) and each volume's label (the rest). */
export function setInfo(
  setId: number,
  volumes: readonly { id: number; title: string; volume: number | null }[],
): SetInfo {
  const sorted = [...volumes].sort((a, b) => (a.volume ?? 0) - (b.volume ?? 0) || a.id - b.id)
  const names = sorted.map((v) => Array.from(v.title))
  let common = names.length > 1 ? Math.min(...names.map((n) => n.length)) : 0
  for (let i = 0; i < common; i++)
    if (names.some((n) => n[i] !== names[0]![i])) {
      common = i
      break
    }
  const first = names[0] ?? []
  const name = (common > 0 ? first.slice(0, common).join('') : first.join('')).trim()
  return {
    setId,
    name: name.replace(/[\s　・:：-]+$/, ''),
    volumes: sorted.map((v, i) => {
      const rest = common > 0 ? names[i]!.slice(common).join('').trim() : ''
      const volume = v.volume ?? i + 1
      return { titleId: v.id, volume, label: rest || String(volume) }
    }),
  }
}
