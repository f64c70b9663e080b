/** Streams an export kind as CSV (csv-stringify) in UTF-8 with a BOM, or Shift_JIS (iconv-lite). */
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import iconv from 'iconv-lite'
import type { Db } from '../client.ts'
import { type ExportKind, exportRows } from '../import-export.ts'
import type { Encoding } from './csv-read.ts'

export async function writeCsv(db: Db, kind: ExportKind, out: Writable, encoding: Encoding) {
  const csv = stringify({ header: true, columns: [...kind.columns], bom: encoding === 'utf-8' })
  // csv-stringify emits whole records as buffers; iconv's encoder takes strings.
  const asText = async function* (chunks: AsyncIterable<Buffer | string>) {
    for await (const c of chunks) yield c.toString()
  }
  const rows = Readable.from(exportRows(db, kind))
  if (encoding === 'shift_jis')
    await pipeline(rows, csv, asText, iconv.encodeStream('Shift_JIS'), out)
  else await pipeline(rows, csv, out)
}
