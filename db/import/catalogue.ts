/**
 * `catalogue`: MARC21 (ISO 2709 or MARCXML) or the CSV/TSV form (columns in
 * catalogue-write.ts), read from a file and written by `catalogueWriter`.
 */
import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { type CatalogueRow, catalogueFromCsv, catalogueWriter } from './catalogue-write.ts'
import { FileRefused, readCsv } from './csv-read.ts'
import type { Item, Kind, ReadOptions } from './kind.ts'
import { readMarc, sniffMarc } from './marc-read.ts'
import { titleFromMarc } from './marc-title.ts'
import { refuse } from './rejections.ts'

export type { CatalogueRow } from './catalogue-write.ts'

const isCsv = (path: string) => ['.csv', '.tsv'].includes(extname(path).toLowerCase())

async function* readCatalogue(path: string, o: ReadOptions): AsyncGenerator<Item<CatalogueRow>> {
  if (isCsv(path)) {
    for await (const { line, row } of readCsv(path, {
      encoding: o.encoding,
      required: ['id', 'title'],
      onBytes: o.onBytes,
    }))
      yield { at: line, ...catalogueFromCsv(row) }
    return
  }
  const file = await open(path, 'r')
  const head = Buffer.alloc(4096)
  const { bytesRead } = await file.read(head, 0, 4096, 0).finally(() => file.close())
  const format = sniffMarc(head.subarray(0, bytesRead))
  if (typeof format !== 'string') throw new FileRefused(format.ja, format.en)
  for await (const item of readMarc(path, format, o.onBytes)) {
    if ('error' in item) {
      yield { at: item.n, refusal: refuse('record', item.error.ja, item.error.en) }
      continue
    }
    const mapped = titleFromMarc(item.record, o.map)
    yield mapped.ok ? { at: item.n, value: mapped.value } : { at: item.n, refusal: mapped.refusal }
  }
}

export const catalogueKind: Kind<CatalogueRow> = {
  ...catalogueWriter,
  unit: (path) => (isCsv(path) ? 'line' : 'record'),
  read: readCatalogue,
}
