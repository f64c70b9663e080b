/**
 * The Worker's nightly catalogue sync (front mode): wrangler.toml's `0 18 * * *` cron (03:00
 * Japan time) fetches CATALOGUE_SYNC_URL and applies it (sync.ts). A delta too large for one
 * invocation is cut off by the runtime between chunks; the checkpoint makes the next night's
 * run of the same file carry on. A full catalogue is loaded once with `npm run import -- --d1`.
 */
import type { Db } from '../client.ts'
import { syncFromUrl } from './sync.ts'

export const CATALOGUE_SYNC_CRON = '0 18 * * *'

interface Log {
  info(event: string, data: Record<string, string | number>): void
  error(event: string, data: Record<string, string | number>): void
}

/** Runs one sync and logs the counts (never patron data); a failure is logged, not thrown. */
export async function runCatalogueSyncCron(db: Db, url: string, log: Log): Promise<void> {
  try {
    const r = await syncFromUrl(db, url)
    if (r.status === 'unchanged') log.info('catalogue.sync_unchanged', {})
    else {
      const { read, added, changed, withdrawn, rejected } = r.summary
      log.info('catalogue.synced', { read, added, changed, withdrawn, rejected })
    }
  } catch (err) {
    log.error('catalogue.sync_failed', { error: (err as Error).message })
  }
}
