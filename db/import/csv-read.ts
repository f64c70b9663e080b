/**
 * Streams the rows of a CSV or TSV export (csv-parse), UTF-8 or Shift_JIS (iconv-lite), each
 * with its line number. The file is checked before any row is read: the encoding it claims,
 * and the header's columns against what the kind needs, so a wrong file is refused at once.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'

export type Encoding = 'utf-8' | 'shift_jis'

export interface CsvRow {
  line: number
  row: Record<string, string>
}

export class FileRefused extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(en)
  }
}

const SAMPLE = 64 * 1024

/** Reads the first bytes and refuses a file that is not in `encoding`. */
export async function checkEncoding(path: string, encoding: Encoding): Promise<void> {
  const file = await open(path, 'r')
  let head: Buffer
  try {
    const buf = Buffer.alloc(SAMPLE)
    const { bytesRead } = await file.read(buf, 0, SAMPLE, 0)
    head = buf.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
  if (head.includes(0))
    throw new FileRefused(
      'テキストファイル（CSV・TSV）ではありません',
      'not a text file (expected CSV or TSV)',
    )
  const ascii = head.every((b) => b < 0x80)
  const utf8 = !ascii && validUtf8(head)
  if (encoding === 'utf-8' && !ascii && !utf8)
    throw new FileRefused(
      'ファイルが UTF-8 ではありません。Shift_JIS なら --encoding shift_jis を付けてください',
      'the file is not UTF-8; for Shift_JIS add --encoding shift_jis',
    )
  if (encoding === 'shift_jis' && utf8)
    throw new FileRefused(
      'ファイルは UTF-8 のようです。--encoding shift_jis を外してください',
      'the file looks like UTF-8; drop --encoding shift_jis',
    )
}

function validUtf8(b: Buffer): boolean {
  for (let cut = 0; cut < 4 && cut < b.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - cut))
      return true
    } catch {}
  }
  return false
}

/**
 * The rows of `path` keyed by header name (trimmed, lower-case). Refuses the file when a
 * `required` column is missing; the first row is the header, so data starts at line 2.
 */
export async function* readCsv(
  path: string,
  options: { encoding: Encoding; required: readonly string[]; onBytes?: (n: number) => void },
): AsyncGenerator<CsvRow> {
  await checkEncoding(path, options.encoding)
  const file = createReadStream(path)
  file.on('data', () => options.onBytes?.(file.bytesRead))
  const text = options.encoding === 'shift_jis' ? file.pipe(iconv.decodeStream('Shift_JIS')) : file
  const parser = text.pipe(
    parse({
      bom: true,
      delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  )
  let header: string[] | null = null
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[]
    info: { lines: number }
  }>) {
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase())
      const missing = options.required.filter((c) => !header!.includes(c))
      if (missing.length > 0) {
        file.destroy()
        throw new FileRefused(
          `見出し行に必要な列がありません: ${missing.join(', ')}（必要な列: ${options.required.join(', ')}）`,
          `the header lacks required columns: ${missing.join(', ')} (expected: ${options.required.join(', ')})`,
        )
      }
      continue
    }
    const row: Record<string, string> = {}
    header.forEach((h, i) => {
      row[h] = (record[i] ?? '').trim()
    })
    yield { line: info.lines, row }
  }
}

/** CSV rows mapped one by one into values or refusals (the shape the import runner reads). */
export async function* csvItems<T>(
  path: string,
  options: { encoding: Encoding; required: readonly string[]; onBytes?: (n: number) => void },
  map: (
    row: Record<string, string>,
  ) => { value: T } | { refusal: { field: string; ja: string; en: string } },
): AsyncGenerator<
  { at: number; value: T } | { at: number; refusal: { field: string; ja: string; en: string } }
> {
  for await (const { line, row } of readCsv(path, options)) yield { at: line, ...map(row) }
}
