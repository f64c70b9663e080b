/**
 * The statements an import writes with (db/import/): upserts keyed by the library system's
 * own ids (MARC 001, barcode, patron number, place code), so running the same export again
 * changes only what changed. Plain SQL over `raw` so one statement carries many rows; each
 * function returns statements sized for the driver's limit on bound parameters (D1: 100).
 * Every statement says what it did with RETURNING, which the import counts.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { MaterialType } from '../core/types.ts'
import { type Db, type Raw, raw } from './client.ts'

export interface TitleInput {
  sourceId: string
  title: string
  yomi: string
  author: string
  authorYomi: string
  publisher: string
  year: number | null
  isbn: string | null
  series: string
  materialType: MaterialType
  volume: number | null
  setKey: string | null
}

const MAX_PARAMS = { sqlite: 30_000, d1: 100 }

/** Rows per statement so that `perRow` parameters each (plus `fixed`) fit the driver. */
export function rowsPerStatement(db: Db, perRow: number, fixed = 0): number {
  return Math.max(1, Math.min(500, Math.floor((MAX_PARAMS[db.driver] - fixed) / perRow)))
}

function chunked<T>(rows: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/** `(?, ?, …), (…)` for rows of values. */
const valuesList = (rows: unknown[][]) =>
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

const TITLE_COLUMNS = [
  'title',
  'yomi',
  'author',
  'author_yomi',
  'publisher',
  'year',
  'isbn',
  'series',
  'material_type',
  'volume',
  'set_key',
] as const

/** Row as [added] (1 = new, 0 = changed); unchanged rows return nothing. */
export type UpsertRow = { added: number }

/**
 * Insert new titles, update those whose text changed (and bring back a withdrawn one). Rows
 * that did not change are not written, so the search triggers stay quiet on a nightly re-run.
 */
export function upsertTitles(db: Db, rows: TitleInput[], run: number): Raw<UpsertRow>[] {
  const cols = sql.raw(TITLE_COLUMNS.map((c) => `"${c}"`).join(', '))
  const set = sql.raw(TITLE_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', '))
  const differs = sql.raw(
    TITLE_COLUMNS.map((c) => `titles."${c}" IS NOT excluded."${c}"`).join(' OR '),
  )
  return chunked(rows, rowsPerStatement(db, 14, 1)).map((chunk) =>
    raw<UpsertRow>(sql`INSERT INTO titles (source_id, ${cols}, created_at, seen_run)
      VALUES ${valuesList(
        chunk.map((t) => [
          t.sourceId,
          t.title,
          t.yomi,
          t.author,
          t.authorYomi,
          t.publisher,
          t.year,
          t.isbn,
          t.series,
          t.materialType,
          t.volume,
          t.setKey,
          run,
          run,
        ]),
      )}
      ON CONFLICT (source_id) DO UPDATE SET ${set}, withdrawn_at = NULL, seen_run = excluded.seen_run
      WHERE ${differs} OR titles.withdrawn_at IS NOT NULL
      RETURNING (created_at = ${run}) AS added`),
  )
}

/** Marks `ids` (source ids in column `key` of `table`) as seen by this run. */
export function markSeen(
  db: Db,
  table: 'titles' | 'copies',
  key: 'source_id' | 'barcode',
  ids: string[],
  run: number,
): Raw<{ ok: number }>[] {
  return chunked(ids, rowsPerStatement(db, 1, 2)).map((chunk) =>
    raw(sql`UPDATE ${sql.identifier(table)} SET seen_run = ${run}
      WHERE ${sql.identifier(key)} IN (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})
        AND seen_run IS NOT ${run}
      RETURNING 1 AS ok`),
  )
}

/** Withdraws the titles a delta deleted (MARC leader/05 `d`). */
export function withdrawTitles(db: Db, sourceIds: string[], now: number): Raw<{ ok: number }>[] {
  return chunked(sourceIds, rowsPerStatement(db, 1, 1)).map((chunk) =>
    raw(sql`UPDATE titles SET withdrawn_at = ${now}
      WHERE source_id IN (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )}) AND withdrawn_at IS NULL
      RETURNING 1 AS ok`),
  )
}

/**
 * After a full export: withdraws what the run did not see. Only imported rows (with a source
 * id / from an import) are touched; a withdrawn row stays, so loans that hold it still show it.
 */
export function withdrawUnseen(table: 'titles' | 'copies', run: number): Raw<{ ok: number }> {
  const imported: SQL = table === 'titles' ? sql`source_id IS NOT NULL` : sql`seen_run IS NOT NULL`
  return raw(sql`UPDATE ${sql.identifier(table)} SET withdrawn_at = ${run}
    WHERE ${imported} AND withdrawn_at IS NULL AND seen_run IS NOT ${run}
    RETURNING 1 AS ok`)
}

/** HOLD-SET: volumes sharing a set key get one set id (the smallest title id among them). */
export function linkSets(): Raw<{ ok: number }> {
  return raw(sql`UPDATE titles SET set_id = CASE WHEN set_key IS NULL THEN NULL
      ELSE (SELECT min(s.id) FROM titles s WHERE s.set_key = titles.set_key) END
    WHERE source_id IS NOT NULL AND set_id IS NOT (CASE WHEN set_key IS NULL THEN NULL
      ELSE (SELECT min(s.id) FROM titles s WHERE s.set_key = titles.set_key) END)
    RETURNING 1 AS ok`)
}
