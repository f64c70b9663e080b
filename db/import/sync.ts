/**
 * Front mode's scheduled catalogue sync: the library names where its system leaves the
 * nightly delta (`CATALOGUE_SYNC_URL`), bunko fetches it and applies it as `--sync` does
 * (new and changed records upserted, records marked deleted withdrawn, nothing else
 * withdrawn). No file system, so the Worker's cron runs exactly this; Node adds folders
 * (sync-folder.ts). The delta is MARC21 ISO 2709, what JAPAN/MARC and most systems send.
 * The server's ETag / Last-Modified are kept: an unchanged file is not fetched again, and
 * an interrupted run of the same file resumes where it stopped (checkpoint.ts).
 */
import { eq, sql } from 'drizzle-orm'
import { type Db, raw } from '../client.ts'
import { kv } from '../schema.ts'
import { type CatalogueRow, catalogueWriter } from './catalogue-write.ts'
import type { Item } from './kind.ts'
import { iso2709Records, type MarcItem } from './marc-iso2709.ts'
import { DEFAULT_MARC_MAP, type MarcMap } from './marc-map.ts'
import { titleFromMarc } from './marc-title.ts'
import { type Rejection, refuse, type Summary } from './rejections.ts'
import { runItems } from './run-items.ts'

const STATE_KEY = 'catalogue-sync'

interface SyncState {
  url: string
  etag: string | null
  lastModified: string | null
}

export type SyncResult =
  | { status: 'unchanged' }
  | { status: 'imported'; summary: Summary; rejections: Rejection[] }

/** MARC items mapped to catalogue rows, as the file import does. */
export async function* catalogueItems(
  records: AsyncIterable<MarcItem>,
  map: MarcMap = DEFAULT_MARC_MAP,
): AsyncGenerator<Item<CatalogueRow>> {
  for await (const item of records) {
    if ('error' in item) {
      yield { at: item.n, refusal: refuse('record', item.error.ja, item.error.en) }
      continue
    }
    const mapped = titleFromMarc(item.record, map)
    yield mapped.ok ? { at: item.n, value: mapped.value } : { at: item.n, refusal: mapped.refusal }
  }
}

/**
 * Fetches `url` and applies it. Throws with the HTTP status when the server fails, so the
 * caller logs it and the next scheduled run tries again; nothing is half-applied, since each
 * chunk is atomic and the checkpoint carries on from the last one.
 */
export async function syncFromUrl(
  db: Db,
  url: string,
  o: { fetch?: typeof fetch; now?: number; map?: MarcMap } = {},
): Promise<SyncResult> {
  const [row] = await db.orm.select().from(kv).where(eq(kv.key, STATE_KEY))
  const state = row ? (JSON.parse(row.value) as SyncState) : null
  const same = state?.url === url
  const headers: Record<string, string> = {}
  if (same && state.etag) headers['If-None-Match'] = state.etag
  if (same && state.lastModified) headers['If-Modified-Since'] = state.lastModified
  const res = await (o.fetch ?? fetch)(url, { headers })
  if (res.status === 304) {
    await res.body?.cancel()
    return { status: 'unchanged' }
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel()
    throw new Error(`catalogue sync: ${url} answered HTTP ${res.status}`)
  }
  const next: SyncState = {
    url,
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
  }
  const fingerprint = `${url}|${next.etag ?? ''}|${next.lastModified ?? ''}|${res.headers.get('content-length') ?? ''}`
  const rejections: Rejection[] = []
  const body = res.body as unknown as AsyncIterable<Uint8Array>
  const summary = await runItems(
    db,
    catalogueWriter,
    catalogueItems(iso2709Records(body), o.map),
    { name: url, fingerprint, unit: 'record' },
    { sync: true, now: o.now, onRejection: (r) => rejections.push(r) },
  )
  const now = o.now ?? Date.now()
  await db.batch([
    raw(sql`INSERT INTO kv (key, value, updated_at) VALUES (${STATE_KEY}, ${JSON.stringify(next)}, ${now})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
      RETURNING 1 AS ok`),
  ])
  return { status: 'imported', summary, rejections }
}
