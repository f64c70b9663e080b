/**
 * Finding a patron at the counter without their card (they forgot it, or it is lost): by name
 * or its reading, or by phone number. Staff then confirm who they are with an ID and call the
 * record up by its number, which is audited (bot/counter/patron-routes.tsx).
 *
 * What this chooses, where the guide is silent: a name needs two characters, a phone number
 * four digits (the last four digits are how a phone is usually read out); spaces and hyphens
 * are ignored, hiragana and katakana match each other in the reading; at most `limit`
 * records, by reading. A name search reads every patron (no index can serve "contains"): at
 * a counter's pace that is fine for a city's patrons, and it is never offered to patrons.
 */
import { inArray, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { patrons } from './schema.ts'

export interface PatronMatch {
  id: number
  number: string
  name: string
  nameYomi: string
  phone: string
  expiresOn: string | null
}

export type PatronQuery = { kind: 'phone'; digits: string } | { kind: 'name'; text: string }

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))

/** What staff typed, as a name or a phone number; null when too short to search. */
export function patronQuery(typed: string): PatronQuery | null {
  const q = typed.normalize('NFKC').replace(/\s+/g, '')
  if (/^[\d\-()]+$/.test(q)) {
    const digits = q.replace(/\D/g, '')
    return digits.length >= 4 ? { kind: 'phone', digits } : null
  }
  return [...q].length >= 2 && q.length <= 64 ? { kind: 'name', text: q } : null
}

/** Spaces (half and full width) and hyphens out of a column, in SQL. */
const bare = (column: string) =>
  sql.raw(`replace(replace(replace(${column}, ' ', ''), '　', ''), '-', '')`)

/** The patrons `query` finds, at most `limit` (one more tells the caller there are more). */
export async function findPatrons(
  db: Db,
  query: PatronQuery,
  limit: number,
): Promise<PatronMatch[]> {
  const where =
    query.kind === 'phone'
      ? sql`${bare('phone')} LIKE ${`%${query.digits}`}`
      : sql`(instr(${bare('name')}, ${query.text}) > 0
          OR instr(${bare('name_yomi')}, ${toKatakana(query.text)}) > 0
          OR instr(${bare('name_yomi')}, ${query.text}) > 0)`
  return db.all<PatronMatch>(sql`SELECT id, number, name, name_yomi AS nameYomi, phone,
      expires_on AS expiresOn
    FROM patrons WHERE ${where}
    ORDER BY name_yomi, id LIMIT ${limit}`)
}

/** The patrons a search found, re-read by id in the search's order (the counter keeps only ids). */
export async function patronsByIds(db: Db, ids: number[]): Promise<PatronMatch[]> {
  if (ids.length === 0) return []
  const rows = await db.orm
    .select({
      id: patrons.id,
      number: patrons.number,
      name: patrons.name,
      nameYomi: patrons.nameYomi,
      phone: patrons.phone,
      expiresOn: patrons.expiresOn,
    })
    .from(patrons)
    .where(inArray(patrons.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
