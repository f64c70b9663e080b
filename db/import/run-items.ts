/**
 * The import proper, on any `Db` and with no file system (the Worker's scheduled sync runs
 * it too): writes items in chunks, each chunk one atomic batch together with its checkpoint,
 * reports every refused row as it goes and returns the counts.
 */
import type { Db, Statement } from '../client.ts'
import { type Checkpoint, clearCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoint.ts'
import type { Encoding } from './csv-read.ts'
import type { Item, Kind, RunContext, Tallied } from './kind.ts'
import type { MarcMap } from './marc-map.ts'
import type { Rejection, Summary } from './rejections.ts'

export interface RunOptions {
  dryRun?: boolean
  sync?: boolean
  encoding?: Encoding
  map?: MarcMap
  /** Rows per batch; D1 wants fewer (each batch is one request). */
  chunk?: number
  now?: number
  onRejection?: (r: Rejection, unit: 'line' | 'record') => void
  /** Where the progress bar goes; none in tests. */
  progress?: NodeJS.WriteStream
  /** Stops after this many chunks, as if interrupted (tests of resume). */
  stopAfterChunks?: number
}

export interface FileInfo {
  name: string
  /** Recognises the same file on a re-run (checkpoint.ts). */
  fingerprint: string
  unit: 'line' | 'record'
}

/**
 * The import proper, on any `Db` and with no file system: what the Worker's scheduled sync
 * and the workerd tests run too. Items at or before the checkpoint of an interrupted run of
 * the same file are skipped; each chunk is one batch together with the new checkpoint.
 */
export async function runItems<T>(
  db: Db,
  kind: Pick<Kind<T>, 'name' | 'write' | 'finish'>,
  items: AsyncIterable<Item<T>>,
  file: FileInfo,
  o: RunOptions & { onChunk?: (read: number) => void } = {},
): Promise<Summary> {
  const now = o.now ?? Date.now()
  const saved = o.dryRun ? null : await readCheckpoint(db, kind.name)
  const resume = saved?.file === file.fingerprint ? saved : null
  const cp: Checkpoint = resume ?? {
    file: file.fingerprint,
    run: now,
    done: 0,
    rejected: 0,
  }
  const start = { done: cp.done, rejected: cp.rejected }
  const ctx: RunContext = { db, run: cp.run, sync: o.sync ?? false }
  const summary: Summary = {
    kind: kind.name,
    read: 0,
    unchanged: 0,
    dryRun: o.dryRun ?? false,
    added: 0,
    changed: 0,
    withdrawn: 0,
    rejected: cp.rejected,
    ...(resume ? { resumedAfter: start.done } : {}),
  }
  const reject = (at: number, r: { field: string; ja: string; en: string }) => {
    summary.rejected++
    o.onRejection?.({ file: file.name, at, ...r }, file.unit)
  }
  let chunk: { at: number; value: T }[] = []
  let chunks = 0
  let skipped = 0
  let last = cp.done

  const flush = async () => {
    const written =
      chunk.length > 0 ? await kind.write(ctx, chunk) : { statements: [], refused: [] }
    for (const r of written.refused) reject(r.at, r.refusal)
    cp.done = last
    cp.rejected = summary.rejected
    if (!o.dryRun) await commit(db, written.statements, summary, saveCheckpoint(kind.name, cp, now))
    chunk = []
    chunks++
    o.onChunk?.(summary.read)
  }

  for await (const item of items) {
    summary.read++
    if (item.at <= start.done) {
      skipped++
      continue
    }
    last = item.at
    if ('refusal' in item) reject(item.at, item.refusal)
    else chunk.push(item)
    if (chunk.length >= (o.chunk ?? (db.driver === 'd1' ? 200 : 2000))) {
      await flush()
      if (o.stopAfterChunks !== undefined && chunks >= o.stopAfterChunks) return summary
    }
  }
  await flush()
  ctx.complete = summary.rejected === 0
  if (!o.dryRun) await commit(db, kind.finish(ctx), summary, clearCheckpoint(kind.name))
  summary.unchanged = Math.max(
    0,
    summary.read - skipped - summary.added - summary.changed - (summary.rejected - start.rejected),
  )
  return summary
}

async function commit(db: Db, tallied: Tallied[], s: Summary, last: Statement): Promise<void> {
  const statements = [...tallied.map((t) => t.statement), last] as unknown as [
    Statement,
    ...Statement[],
  ]
  const results = (await db.batch(statements)) as unknown as unknown[][]
  tallied.forEach((t, i) => {
    const rows = results[i] as { added?: number }[]
    if (t.tally === 'withdraw') s.withdrawn += rows.length
    if (t.tally === 'upsert')
      for (const r of rows) {
        if (Number(r.added) === 1) s.added++
        else s.changed++
      }
  })
}
