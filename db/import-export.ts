/**
 * Reading bunko's data back out in the import's CSV forms (a library's exit path, and a way
 * to check what was loaded). Rows come a page at a time by id, so a million titles never sit
 * in memory. Column names are the import's own, so an export imports again unchanged.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'

const PAGE = 1000

export interface ExportKind {
  columns: readonly string[]
  /** One page of rows after `after` (the last row's key), in key order. */
  page(after: number): SQL
}

const flag = (col: string) => sql.raw(`CASE WHEN ${col} THEN '1' ELSE '0' END`)

/**
 * What each kind exports. Titles without a source id (made in bunko: the demo, the counter)
 * get `bunko-<id>` so they can be imported elsewhere; withdrawn ones are left out, as a
 * system's full export would.
 */
export const EXPORTS: Record<string, ExportKind> = {
  places: {
    columns: [
      'code',
      'name',
      'name_en',
      'kind',
      'parent',
      'phone',
      'address',
      'hours',
      'sort_order',
    ],
    page: (after) => sql`SELECT p.id AS k, p.code, p.name, p.name_en, p.kind, c.code AS parent,
        p.phone, p.address, p.opening_hours AS hours, p.sort_order
      FROM places p LEFT JOIN places c ON c.id = p.parent_id
      WHERE p.id > ${after} ORDER BY p.id LIMIT ${PAGE}`,
  },
  calendar: {
    columns: ['place', 'date', 'note'],
    page: (after) => sql`SELECT d.rowid AS k, p.code AS place, d.date, d.note
      FROM closed_dates d JOIN places p ON p.id = d.place_id
      WHERE d.rowid > ${after} ORDER BY d.rowid LIMIT ${PAGE}`,
  },
  catalogue: {
    columns: [
      'id',
      'title',
      'yomi',
      'volume',
      'series',
      'author',
      'author_yomi',
      'publisher',
      'year',
      'isbn',
      'material_type',
    ],
    page: (after) => sql`SELECT t.id AS k, coalesce(t.source_id, 'bunko-' || t.id) AS id,
        t.title, t.yomi, t.set_key AS volume, t.series, t.author, t.author_yomi, t.publisher,
        t.year, t.isbn, t.material_type
      FROM titles t WHERE t.id > ${after} AND t.withdrawn_at IS NULL ORDER BY t.id LIMIT ${PAGE}`,
  },
  copies: {
    columns: ['barcode', 'record_id', 'isbn', 'library', 'shelf', 'not_for_loan', 'status'],
    page: (
      after,
    ) => sql`SELECT c.id AS k, c.barcode, coalesce(t.source_id, 'bunko-' || t.id) AS record_id,
        t.isbn, p.code AS library, c.call_number AS shelf, ${flag('c.not_for_loan')} AS not_for_loan,
        CASE WHEN c.status = 'missing' THEN 'missing' ELSE 'on_shelf' END AS status
      FROM copies c JOIN titles t ON t.id = c.title_id JOIN places p ON p.id = c.home_library_id
      WHERE c.id > ${after} AND c.withdrawn_at IS NULL ORDER BY c.id LIMIT ${PAGE}`,
  },
  patrons: {
    columns: [
      'number',
      'name',
      'name_yomi',
      'phone',
      'email',
      'category',
      'expires_on',
      'home_library',
    ],
    page: (
      after,
    ) => sql`SELECT n.id AS k, n.number, n.name, n.name_yomi, n.phone, n.email, n.category,
        n.expires_on, p.code AS home_library
      FROM patrons n LEFT JOIN places p ON p.id = n.home_library_id
      WHERE n.id > ${after} ORDER BY n.id LIMIT ${PAGE}`,
  },
}

/** Every row of `kind`, page by page, as the import's columns (hours turned back into text). */
export async function* exportRows(
  db: Db,
  kind: ExportKind,
): AsyncGenerator<Record<string, unknown>> {
  let after = 0
  for (;;) {
    const rows = await db.all<Record<string, unknown> & { k: number }>(kind.page(after))
    for (const { k: _, ...row } of rows) {
      if ('hours' in row) row.hours = hoursText(row.hours as string | null)
      if ('volume' in row) splitVolume(row)
      yield row
    }
    if (rows.length < PAGE) return
    after = rows[rows.length - 1]!.k
  }
}

/**
 * A set volume is stored as `白い鐘 上` with the set key `白い鐘<US>author`: the export gives
 * back title `白い鐘` and volume `上`, as the library's file had them.
 */
function splitVolume(row: Record<string, unknown>): void {
  const base = typeof row.volume === 'string' ? row.volume.split('\u001f')[0]! : null
  const title = row.title as string
  if (base !== null && title.startsWith(base)) {
    row.title = base
    row.volume = title.slice(base.length).trim()
  } else row.volume = ''
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** `{"mon":["09:30","19:00"]}` → `mon 09:30-19:00`, the form places import reads. */
function hoursText(json: string | null): string {
  if (!json) return ''
  const h = JSON.parse(json) as Record<string, [string, string]>
  return DAYS.filter((d) => h[d])
    .map((d) => `${d} ${h[d]![0]}-${h[d]![1]}`)
    .join('; ')
}
