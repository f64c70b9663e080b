/** Ids the CSV kinds refer to by the library's own keys: titles by record id or ISBN, places by code. */
import { and, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { places, titles } from '../schema.ts'

const IN_CHUNK = 90

async function chunkedMap<K extends string, R>(
  keys: K[],
  fetch: (chunk: K[]) => Promise<R[]>,
): Promise<R[]> {
  const unique = [...new Set(keys)]
  const out: R[] = []
  for (let i = 0; i < unique.length; i += IN_CHUNK)
    out.push(...(await fetch(unique.slice(i, i + IN_CHUNK))))
  return out
}

export async function titleIdsBySource(db: Db, ids: string[]): Promise<Map<string, number>> {
  const rows = await chunkedMap(ids, (c) =>
    db.orm
      .select({ id: titles.id, key: titles.sourceId })
      .from(titles)
      .where(inArray(titles.sourceId, c)),
  )
  return new Map(rows.map((r) => [r.key!, r.id]))
}

/** A title by ISBN: the lowest id among those not withdrawn (a library's duplicates are rare). */
export async function titleIdsByIsbn(db: Db, isbns: string[]): Promise<Map<string, number>> {
  const rows = await chunkedMap(isbns, (c) =>
    db.orm
      .select({ id: titles.id, key: titles.isbn })
      .from(titles)
      .where(and(inArray(titles.isbn, c), isNull(titles.withdrawnAt)))
      .orderBy(titles.id),
  )
  const out = new Map<string, number>()
  for (const r of rows) if (!out.has(r.key!)) out.set(r.key!, r.id)
  return out
}

export async function placeIdsByCode(db: Db): Promise<Map<string, number>> {
  const rows = await db.orm.select({ id: places.id, code: places.code }).from(places)
  return new Map(rows.map((r) => [r.code, r.id]))
}
