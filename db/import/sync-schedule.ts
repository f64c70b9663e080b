/**
 * The Node side of the scheduled catalogue sync: once a day at CATALOGUE_SYNC_AT (Japan
 * time, default 03:00, after most library systems write their nightly export) bunko applies
 * what CATALOGUE_SYNC_URL names: an http(s) URL (sync.ts), or a folder where each new file
 * (by name order: 20270105.mrc after 20270104.mrc) is applied once, as `--sync`. The Worker
 * runs the URL form from its cron (bot/worker.ts).
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eq, sql } from 'drizzle-orm'
import { type Db, raw } from '../client.ts'
import { kv } from '../schema.ts'
import { catalogueKind } from './catalogue.ts'
import type { Summary } from './rejections.ts'
import { runImport } from './run.ts'
import { syncFromUrl } from './sync.ts'

const FOLDER_KEY = 'catalogue-sync-folder'
const FILES = /\.(mrc|xml|csv|tsv)$/i

/** Applies every file in `dir` newer (by name) than the last one applied; returns their summaries. */
export async function syncFolder(db: Db, dir: string, now = Date.now()): Promise<Summary[]> {
  const [row] = await db.orm.select().from(kv).where(eq(kv.key, FOLDER_KEY))
  const last = row?.value ?? ''
  const names = (await readdir(dir)).filter((f) => FILES.test(f) && f > last).sort()
  const out: Summary[] = []
  for (const name of names) {
    out.push(await runImport(db, catalogueKind, join(dir, name), { sync: true, now }))
    await db.batch([
      raw(sql`INSERT INTO kv (key, value, updated_at) VALUES (${FOLDER_KEY}, ${name}, ${now})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        RETURNING 1 AS ok`),
    ])
  }
  return out
}

/** One sync from `source` (URL or folder), as the schedule runs it. */
export async function syncCatalogue(db: Db, source: string, now = Date.now()): Promise<Summary[]> {
  if (/^https?:\/\//.test(source)) {
    const r = await syncFromUrl(db, source, { now })
    return r.status === 'imported' ? [r.summary] : []
  }
  return syncFolder(db, source.startsWith('file:') ? fileURLToPath(source) : source, now)
}

/** Milliseconds from `now` to the next `HH:MM` in Japan (UTC+9, no daylight saving). */
export function untilNextJst(now: number, at: string): number {
  const [h, m] = at.split(':').map(Number) as [number, number]
  const jst = new Date(now + 9 * 3_600_000)
  let next =
    Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), h, m) - 9 * 3_600_000
  if (next <= now) next += 86_400_000
  return next - now
}

export interface SyncLog {
  info(event: string, data: Record<string, string | number>): void
  error(event: string, data: Record<string, string | number>): void
}

/** Starts the daily sync; returns a stop function. A failed run is logged and tried the next day. */
export function startCatalogueSync(db: Db, source: string, at: string, log: SyncLog): () => void {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at))
    throw new Error(`CATALOGUE_SYNC_AT must be HH:MM (Japan time), not "${at}"`)
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    timer = setTimeout(run, untilNextJst(Date.now(), at))
    timer.unref?.()
  }
  const run = async () => {
    try {
      for (const s of await syncCatalogue(db, source))
        log.info('catalogue.synced', {
          read: s.read,
          added: s.added,
          changed: s.changed,
          withdrawn: s.withdrawn,
          rejected: s.rejected,
        })
    } catch (err) {
      log.error('catalogue.sync_failed', { error: (err as Error).message })
    }
    schedule()
  }
  schedule()
  return () => clearTimeout(timer)
}
