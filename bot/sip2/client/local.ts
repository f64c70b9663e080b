/**
 * What the SIP2 adapter keeps in bunko's own database, and how bunko's numeric ids meet the
 * ILS's string ones (README: "Connecting to your library system"):
 *
 * - A patron the ILS accepted gets a shadow `patrons` row keyed by their number (name from
 *   AE, no password hash: the ILS checks passwords), so LINE links, carts, favourites and
 *   notices keep their foreign keys. Its id is the patron id the port hands out.
 * - A loan's id is the bunko copy id of its item barcode (AU/AT); a hold's id is the bunko
 *   title id of what AS/CD names (an item barcode or a title). Both come from bunko's
 *   imported catalogue copy. An item or title the copy lacks gets a stable id above 2^40 from
 *   a hash of the ILS's identifier, and is shown with 17's title (AJ).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { MaterialType } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { copies, patrons, places, titles } from '../../../db/schema.ts'
import { JIS_TWINS } from '../shift-jis.ts'

/** Where ids for things bunko's catalogue copy lacks start: far above any table's ids. */
export const SYNTHETIC_BASE = 2 ** 40

/** A stable positive id for an ILS identifier bunko does not know (FNV-1a, 32 bits). */
export function syntheticId(value: string): number {
  let h = 0x811c9dc5
  for (const ch of new TextEncoder().encode(value)) {
    h ^= ch
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return SYNTHETIC_BASE + h
}

export interface LocalCopy {
  copyId: number
  barcode: string
  titleId: number
  title: string
  author: string
  materialType: MaterialType
  homeLibraryId: number
}

const copyColumns = {
  copyId: copies.id,
  barcode: copies.barcode,
  titleId: copies.titleId,
  title: titles.title,
  author: titles.author,
  materialType: titles.materialType,
  homeLibraryId: copies.homeLibraryId,
}

export async function copiesByBarcode(db: Db, barcodes: string[]): Promise<Map<string, LocalCopy>> {
  if (barcodes.length === 0) return new Map()
  const rows = await db.orm
    .select(copyColumns)
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(inArray(copies.barcode, barcodes))
  return new Map(rows.map((r) => [r.barcode, r]))
}

/** The copies of a title, in barcode order (availability via 17, an item to hold by). */
export async function copiesOfTitle(db: Db, titleId: number, limit = 30): Promise<LocalCopy[]> {
  return db.orm
    .select(copyColumns)
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(and(eq(copies.titleId, titleId), isNull(copies.withdrawnAt)))
    .orderBy(asc(copies.barcode))
    .limit(limit)
}

export interface LocalTitle {
  id: number
  title: string
  author: string
  materialType: MaterialType
  setId: number | null
  volume: number | null
  notForLoan: boolean
}

const titleColumns = {
  id: titles.id,
  title: titles.title,
  author: titles.author,
  materialType: titles.materialType,
  setId: titles.setId,
  volume: titles.volume,
  notForLoan: titles.notForLoan,
}

export async function titlesById(db: Db, ids: number[]): Promise<Map<number, LocalTitle>> {
  if (ids.length === 0) return new Map()
  const rows = await db.orm.select(titleColumns).from(titles).where(inArray(titles.id, ids))
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Titles named so (an ILS that lists holds by title), the first of equal names, with whether
 * another title has the same name (then the name does not say which one the hold is on) and
 * the ids of all of them, first to last. A
 * name read from a Shift_JIS system has code page 932's ～ where the catalogue may have 〜
 * (bot/sip2/shift-jis.ts): either matches.
 */
export async function titlesByName(
  db: Db,
  names: string[],
): Promise<Map<string, LocalTitle & { shared: boolean; ids: number[] }>> {
  if (names.length === 0) return new Map()
  const forms = new Map<string, string[]>()
  for (const name of new Set(names))
    for (const form of jisForms(name)) forms.set(form, [...(forms.get(form) ?? []), name])
  const rows = await db.orm
    .select(titleColumns)
    .from(titles)
    .where(inArray(titles.title, [...forms.keys()]))
    .orderBy(asc(titles.id))
  const out = new Map<string, LocalTitle & { shared: boolean; ids: number[] }>()
  for (const r of rows)
    for (const name of forms.get(r.title) ?? []) {
      const first = out.get(name)
      if (first) {
        first.shared = true
        first.ids.push(r.id)
      } else out.set(name, { ...r, shared: false, ids: [r.id] })
    }
  return out
}

/** Code page 932's twin → JIS X 0208's character (shift-jis.ts's table read backwards). */
const JIS_FORMS: Record<string, string> = Object.fromEntries(
  JIS_TWINS.map(([jis, cp932]) => [cp932, jis]),
)

/**
 * A name as written and with each of code page 932's twins in it as either character (a
 * title may hold 〜 beside ―, which has no other form): every mix for up to four of them,
 * beyond that the two whole forms.
 */
function jisForms(name: string): string[] {
  const chars = [...name]
  const at = chars.flatMap((c, i) => (JIS_FORMS[c] ? [i] : []))
  if (at.length === 0) return [name]
  if (at.length > 4) return [name, chars.map((c) => JIS_FORMS[c] ?? c).join('')]
  return Array.from({ length: 2 ** at.length }, (_, mask) => {
    const form = [...chars]
    at.forEach((i, bit) => {
      if (mask & (1 << bit)) form[i] = JIS_FORMS[form[i]!]!
    })
    return form.join('')
  })
}

export async function placeById(db: Db, id: number) {
  const [row] = await db.orm.select().from(places).where(eq(places.id, id))
  return row ?? null
}

/** The shadow patron row for `number`, made or renamed to match the ILS; its id. */
export async function shadowPatron(
  db: Db,
  number: string,
  name: string,
  now: number,
): Promise<number> {
  const [row] = await db.orm
    .insert(patrons)
    .values({ number, name: name || number, createdAt: now })
    .onConflictDoUpdate({ target: patrons.number, set: name ? { name } : { number } })
    .returning({ id: patrons.id })
  if (!row) throw new Error('shadow patron not written')
  return row.id
}

export async function patronNumber(db: Db, id: number): Promise<string | null> {
  const [row] = await db.orm
    .select({ number: patrons.number })
    .from(patrons)
    .where(eq(patrons.id, id))
  return row?.number ?? null
}
