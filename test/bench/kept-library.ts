/**
 * `npm run bench:db -- --keep-db DIR`: the generated library of each size is built once into
 * DIR and reused by later runs, so search can be measured again without the 5–7 minutes a
 * million titles take to build. A kept file holds the library and the Latin words
 * (`addLatinTitles`), added once while it is built; a sidecar JSON records the clock it was
 * built at and its counts, so a reused file is measured against the same `now`; migrations
 * added since it was built are applied to it when it is reused, and a file kept from before
 * the search indexes were compacted on building is compacted once. A file is
 * written under a temporary name and renamed only when complete, so an interrupted build is
 * never reused. Searching never writes: the search-only bench opens the kept file itself,
 * while a full run (activity and timed writes) works on a copy in its temp dir, so the kept file
 * always holds the same library.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compactSearchIndexes } from '../../db/search-compact.ts'
import type { LargeCounts } from '../../db/seed/large-write.ts'
import { writeLargeLibrary } from '../../db/seed/large-write.ts'
import { progressBar } from '../../db/seed/progress.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { addLatinTitles, LATIN_EVERY } from './search.ts'

export interface BuiltLibrary {
  path: string
  /** The clock the library was generated at (its dates are relative to it). */
  now: number
  counts: LargeCounts
  /** Seconds spent building now; 0 for a kept file reused as it is. */
  buildSeconds: number
  reused: boolean
}

interface Sidecar {
  now: number
  counts: LargeCounts
  /** Whether its search indexes were compacted (absent in files kept before they were). */
  compacted?: boolean
  /** One title in how many carries a Latin word (absent: one in a hundred, before 2026-12-05). */
  latinEvery?: number
}

/**
 * Builds the library of `titles` into `path` (new), with the Latin words, and reports it. The
 * search indexes are then compacted (db/search-compact.ts), as a bulk load should leave them:
 * the load's 'rebuild' and the Latin words written through the triggers leave them in a dozen
 * segments at a million titles and six at ten thousand.
 */
export async function buildLibrary(path: string, titles: number, now: number) {
  console.error(`building ${titles.toLocaleString('en')} titles…`)
  const bar = progressBar(process.stderr, 'titles')
  const counts = await writeLargeLibrary(path, { titles, now, seed: 1 }, bar.update)
  bar.done()
  console.error(`adding Latin words to one title in ${LATIN_EVERY}…`)
  addLatinTitles(path)
  console.error('compacting the search indexes…')
  const db = openSqlite(path)
  try {
    await compactSearchIndexes(db)
  } finally {
    db.close()
  }
  return counts
}

/** The kept library of `titles` in `dir`: reused if there, built (once) if not. */
export async function keptLibrary(dir: string, titles: number, now: number): Promise<BuiltLibrary> {
  const path = join(dir, `bench-${titles}.db`)
  const meta = `${path}.json`
  const kept =
    existsSync(path) && existsSync(meta)
      ? (JSON.parse(readFileSync(meta, 'utf8')) as Sidecar)
      : null
  // Latin words added at another rate are a different library: it is built again.
  if (kept && (kept.latinEvery ?? 100) !== LATIN_EVERY)
    console.error(
      `${path} has Latin words in one title in ${kept.latinEvery ?? 100}: building it again`,
    )
  else if (kept) {
    console.error(`reusing ${path} (built ${new Date(kept.now).toISOString()})`)
    // Migrations added since it was built (a new index, a trigger) are applied to it once.
    const db = openSqlite(path)
    try {
      migrate(db)
      if (!kept.compacted) {
        console.error('compacting its search indexes (once)…')
        await compactSearchIndexes(db)
        writeFileSync(meta, JSON.stringify({ ...kept, compacted: true } satisfies Sidecar))
      }
    } finally {
      db.close()
    }
    return { path, now: kept.now, counts: kept.counts, buildSeconds: 0, reused: true }
  }
  const building = join(dir, `bench-${titles}.building.db`)
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true })
  const t0 = performance.now()
  const counts = await buildLibrary(building, titles, now)
  const buildSeconds = (performance.now() - t0) / 1000
  // A file built again replaces the kept one whole: no journal of the old one may stay beside it.
  for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
  // Closed cleanly, so no -wal is left; rename one anyway rather than lose its pages.
  if (existsSync(`${building}-wal`)) renameSync(`${building}-wal`, `${path}-wal`)
  renameSync(building, path)
  writeFileSync(
    meta,
    JSON.stringify({ now, counts, compacted: true, latinEvery: LATIN_EVERY } satisfies Sidecar),
  )
  return { path, now, counts, buildSeconds, reused: false }
}
