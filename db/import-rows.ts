/**
 * Import upserts for copies, patrons, places and closed days (titles: import-upsert.ts),
 * keyed by barcode, patron number, place code and (place, date). Each returns RETURNING rows
 * `{ added }` (1 new, 0 changed; unchanged rows return nothing), which the import counts.
 */
import { sql } from 'drizzle-orm'
import type { PatronCategory, PickupKind } from '../core/types.ts'
import { type Db, type Raw, raw } from './client.ts'
import { rowsPerStatement, type UpsertRow } from './import-upsert.ts'
import type { CopyStatus } from './schema.ts'

export interface CopyInput {
  barcode: string
  titleId: number
  libraryId: number
  callNumber: string
  notForLoan: boolean
  status: Extract<CopyStatus, 'on_shelf' | 'missing'>
}

const rowsOf = (rows: unknown[][]) =>
  sql.join(
    rows.map(
      (r) =>
        sql`(${sql.join(
          r.map((v) => sql`${v}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  )

function chunked<T>(rows: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/**
 * New copies start with `seen_run = -run` so RETURNING can tell them from changed ones;
 * markSeen then sets every copy the run saw to `run`. Circulation owns a copy's state while
 * it is lent or held: the export's status (on the shelf / missing after a stocktake) only
 * replaces on_shelf or missing, never on_loan, on_hold_shelf or in_transit.
 */
export function upsertCopies(db: Db, rows: CopyInput[], run: number): Raw<UpsertRow>[] {
  return chunked(rows, rowsPerStatement(db, 8, 1)).map((chunk) =>
    raw<UpsertRow>(sql`INSERT INTO copies (barcode, title_id, home_library_id, call_number,
        not_for_loan, status, current_place_id, seen_run)
      VALUES ${rowsOf(
        chunk.map((c) => [
          c.barcode,
          c.titleId,
          c.libraryId,
          c.callNumber,
          c.notForLoan ? 1 : 0,
          c.status,
          c.libraryId,
          -run,
        ]),
      )}
      ON CONFLICT (barcode) DO UPDATE SET title_id = excluded.title_id,
        home_library_id = excluded.home_library_id, call_number = excluded.call_number,
        not_for_loan = excluded.not_for_loan, withdrawn_at = NULL,
        status = CASE WHEN copies.status IN ('on_shelf', 'missing') THEN excluded.status ELSE copies.status END
      WHERE copies.title_id IS NOT excluded.title_id OR copies.home_library_id IS NOT excluded.home_library_id
        OR copies.call_number IS NOT excluded.call_number OR copies.not_for_loan IS NOT excluded.not_for_loan
        OR copies.withdrawn_at IS NOT NULL
        OR (copies.status IN ('on_shelf', 'missing') AND copies.status IS NOT excluded.status)
      RETURNING (seen_run = ${-run}) AS added`),
  )
}

export interface PatronInput {
  number: string
  name: string
  nameYomi: string
  phone: string
  email: string | null
  category: PatronCategory
  expiresOn: string | null
  homeLibraryId: number | null
}

/**
 * Passwords are never imported: a patron registers one (新規パスワード登録). An e-mail from the
 * library's own records counts as confirmed (the library reaches patrons there today); a
 * changed address loses that until it is the library's again.
 */
export function upsertPatrons(db: Db, rows: PatronInput[], run: number): Raw<UpsertRow>[] {
  const cols = ['name', 'name_yomi', 'phone', 'email', 'category', 'expires_on', 'home_library_id']
  const differs = sql.raw(cols.map((c) => `patrons."${c}" IS NOT excluded."${c}"`).join(' OR '))
  const set = sql.raw(cols.map((c) => `"${c}" = excluded."${c}"`).join(', '))
  return chunked(rows, rowsPerStatement(db, 10, 1)).map((chunk) =>
    raw<UpsertRow>(sql`INSERT INTO patrons (number, name, name_yomi, phone, email, category,
        expires_on, home_library_id, email_confirmed, created_at)
      VALUES ${rowsOf(
        chunk.map((p) => [
          p.number,
          p.name,
          p.nameYomi,
          p.phone,
          p.email,
          p.category,
          p.expiresOn,
          p.homeLibraryId,
          p.email === null ? 0 : 1,
          run,
        ]),
      )}
      ON CONFLICT (number) DO UPDATE SET ${set}, email_confirmed = excluded.email_confirmed
      WHERE ${differs}
      RETURNING (created_at = ${run}) AS added`),
  )
}

export interface PlaceInput {
  code: string
  name: string
  nameEn: string | null
  kind: PickupKind
  parentCode: string | null
  phone: string
  address: string | null
  openingHours: string | null
  closedWeekdays: string
  sortOrder: number
}

/**
 * One statement per place, so a branch room can name a library earlier in the same file as
 * its parent. Places are few; `active` is left as the library set it. `isNew` (looked up by
 * the caller) is what RETURNING reports as `added`.
 */
export function upsertPlace(p: PlaceInput, isNew: boolean): Raw<UpsertRow> {
  const cols = [
    'name',
    'name_en',
    'kind',
    'parent_id',
    'phone',
    'address',
    'opening_hours',
    'closed_weekdays',
  ]
  const differs = sql.raw(cols.map((c) => `places."${c}" IS NOT excluded."${c}"`).join(' OR '))
  const set = sql.raw(cols.map((c) => `"${c}" = excluded."${c}"`).join(', '))
  const parent =
    p.parentCode === null ? sql`NULL` : sql`(SELECT id FROM places WHERE code = ${p.parentCode})`
  return raw<UpsertRow>(sql`INSERT INTO places (code, name, name_en, kind, parent_id, phone, address,
      opening_hours, closed_weekdays, sort_order)
    SELECT ${p.code}, ${p.name}, ${p.nameEn}, ${p.kind}, ${parent}, ${p.phone}, ${p.address},
      ${p.openingHours}, ${p.closedWeekdays}, ${p.sortOrder}
    WHERE true
    ON CONFLICT (code) DO UPDATE SET ${set}
    WHERE ${differs}
    RETURNING ${isNew ? 1 : 0} AS added`)
}

export interface ClosedDayInput {
  placeId: number
  date: string
  note: string | null
  deleted: boolean
}

/** Closed days, all new (`isNew`, RETURNING added 1) or all already there (0 when the note changed). */
export function upsertClosedDays(db: Db, rows: ClosedDayInput[], isNew: boolean): Raw<UpsertRow>[] {
  return chunked(rows, rowsPerStatement(db, 3)).map((chunk) =>
    raw<UpsertRow>(sql`INSERT INTO closed_dates (place_id, date, note)
      VALUES ${rowsOf(chunk.map((d) => [d.placeId, d.date, d.note]))}
      ON CONFLICT (place_id, date) DO UPDATE SET note = excluded.note
      WHERE closed_dates.note IS NOT excluded.note
      RETURNING ${isNew ? 1 : 0} AS added`),
  )
}

/** Removes closed days the library cancelled (`deleted` = 1 in the file); counted as withdrawn. */
export function deleteClosedDays(rows: ClosedDayInput[]): Raw<{ ok: number }>[] {
  return rows.map((d) =>
    raw(
      sql`DELETE FROM closed_dates WHERE place_id = ${d.placeId} AND date = ${d.date} RETURNING 1 AS ok`,
    ),
  )
}
