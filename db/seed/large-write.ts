/** Writes the large benchmark library (large.ts) into a new SQLite file (Node only). */
import { existsSync, rmSync } from 'node:fs'
import { jstDate } from '../../core/dates.ts'
import { rebuildTitleGrams } from '../catalogue.ts'
import { hashPassword } from '../password.ts'
import * as schema from '../schema.ts'
import { compactSearchIndexes } from '../search-compact.ts'
import { openSqlite } from '../sqlite.ts'
import { BulkWriter } from './bulk.ts'
import { BENCH_PASSWORD, type LargeOptions, largeLibrary } from './large.ts'
import * as v from './tables.ts'

export type Progress = (titlesDone: number, titlesTotal: number) => void

export interface LargeCounts {
  titles: number
  copies: number
  patrons: number
  loans: number
  holds: number
}

/**
 * Builds the library into `path`, which must not exist yet or hold an empty database. On any
 * error a file this call created is removed, so nothing half-built is left behind.
 */
export async function writeLargeLibrary(
  path: string,
  o: LargeOptions,
  progress?: Progress,
): Promise<LargeCounts> {
  const hash = await hashPassword(BENCH_PASSWORD)
  const created = !existsSync(path)
  const writer = new BulkWriter(path)
  const counts: LargeCounts = { titles: 0, copies: 0, patrons: 0, loans: 0, holds: 0 }
  try {
    const today = jstDate(o.now)
    for (const c of largeLibrary(o)) {
      writer.write([
        [schema.places, c.places.map(v.placeValues)],
        [schema.closedDates, c.places.flatMap((p) => v.closedDateValues(p, today))],
        [schema.patrons, c.patrons.map((p) => v.patronValues(p, p.password ? hash : null))],
        [schema.titles, c.titles.map((t) => v.titleValues(t, o.now))],
        [schema.copies, c.copies.map(v.copyValues)],
        [schema.loans, c.loans.map(v.loanValues)],
        [schema.holds, c.holds.map(v.holdValues)],
      ])
      counts.titles += c.titles.length
      counts.copies += c.copies.length
      counts.patrons += c.patrons.length
      counts.loans += c.loans.length
      counts.holds += c.holds.length
      if (c.titles.length > 0) progress?.(counts.titles, o.titles)
    }
    writer.finish()
    // The bulk writer set the titles triggers aside and rebuilt only the trigram index.
    const db = openSqlite(path)
    try {
      await rebuildTitleGrams(db)
      await compactSearchIndexes(db)
    } finally {
      db.close()
    }
    return counts
  } catch (e) {
    writer.close()
    if (created) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
    throw e
  }
}
