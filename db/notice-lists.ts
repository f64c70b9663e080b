/**
 * IN lists for the outbox statements. D1 binds at most 100 parameters per statement, and a
 * slot can touch thousands of notices, so long lists are cut into chunks.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'

/** Values per IN list: under D1's 100 parameters, with room for the rest of the statement. */
export const IN_CHUNK = 90

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** `v1, v2, …` as bound parameters. */
export const inList = (values: readonly (string | number)[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

/**
 * `values` as one bound JSON array, for `x IN (${jsonList(values)})`: any number of values in
 * one parameter, so a list is one statement of one SQL text (prepared once) rather than a
 * statement per chunk, and SQLite still looks each value up in the index (issue 21).
 */
export const jsonList = (values: readonly (string | number)[]): SQL =>
  sql`SELECT value FROM json_each(${JSON.stringify(values)})`

/** Run `query` once per chunk of `values` (an IN list) and concatenate the rows. */
export async function allIn<T>(
  db: Db,
  values: readonly (string | number)[],
  query: (list: SQL) => SQL,
): Promise<T[]> {
  const out: T[] = []
  for (const part of chunk(values, IN_CHUNK)) out.push(...(await db.all<T>(query(inList(part)))))
  return out
}

/** Rows returned by all the results of a batch. */
export const rowCount = (results: readonly unknown[]): number =>
  results.reduce<number>((n, rows) => n + (rows as unknown[]).length, 0)
