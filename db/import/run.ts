/**
 * Runs one import: reads the file through its kind, writes it in chunks (each chunk one
 * atomic batch together with the checkpoint), reports every refused row as it goes and ends
 * with the counts. Bad rows are refused one by one and the rest still load; a file in the
 * wrong format or encoding is refused before anything is written (FileRefused).
 */
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Db } from '../client.ts'
import { fingerprint } from './fingerprint.ts'
import type { Kind } from './kind.ts'
import { DEFAULT_MARC_MAP } from './marc-map.ts'
import { importProgress } from './progress.ts'
import type { Summary } from './rejections.ts'
import { type RunOptions, runItems } from './run-items.ts'

export type { RunOptions } from './run-items.ts'

/** Imports the file at `path` (Node): its fingerprint for resuming, a progress bar, then `runItems`. */
export async function runImport<T>(
  db: Db,
  kind: Kind<T>,
  path: string,
  o: RunOptions = {},
): Promise<Summary> {
  const name = basename(path)
  const bar = o.progress
    ? importProgress(o.progress, (await stat(path)).size, `${kind.name} ${name}`)
    : null
  let bytes = 0
  try {
    const items = kind.read(path, {
      encoding: o.encoding ?? 'utf-8',
      map: o.map ?? DEFAULT_MARC_MAP,
      onBytes: (b) => {
        bytes = b
      },
    })
    const file = { name, fingerprint: await fingerprint(path), unit: kind.unit(path) }
    return await runItems(db, kind, items, file, {
      ...o,
      onChunk: (read) => bar?.update(bytes, read),
    })
  } finally {
    bar?.stop()
  }
}
