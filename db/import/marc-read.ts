/**
 * Streams the records of a MARC21 file, ISO 2709 (`.mrc`) or MARCXML, one at a time with the
 * file read in chunks, so memory stays flat however many records there are. Records are
 * parsed by libraries; this file only cuts the stream where their own stream readers cut it
 * (the record terminator 0x1D, `</record>`), because those readers push records without
 * waiting for the database, which lets a slow D1 fall behind a fast disk and fill memory.
 * - ISO 2709: marcjs's parser, on the record's bytes (directory offsets are byte counts).
 *   @natlibfi's `from` validates every record against a JSON schema and re-encodes the
 *   whole record per field: about 1 ms a record against a few µs (test/bench/RESULTS.md).
 * - MARCXML: @natlibfi/marc-record-serializers (a real XML parser): marcjs's MARCXML reader
 *   expects one exact attribute layout, which exports from other systems do not keep to.
 */
import { createReadStream } from 'node:fs'
import { MARCXML } from '@natlibfi/marc-record-serializers'
import { iso2709Records, type MarcItem, unreadable } from './marc-iso2709.ts'
import type { MarcLike } from './marc-title.ts'

export type { MarcItem } from './marc-iso2709.ts'

export type MarcFormat = 'iso2709' | 'marcxml'

/**
 * Which MARC format the file's first bytes are, or a refusal saying what was expected. MARC21
 * records are UTF-8 (leader/09 `a`); a Shift_JIS file is refused rather than read as mojibake.
 */
export function sniffMarc(head: Buffer): MarcFormat | { ja: string; en: string } {
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
  if (text.startsWith('<')) return 'marcxml'
  if (/^\d{5}[acdnp][a-z]/.test(text)) {
    if (!isUtf8(head))
      return {
        ja: 'MARC レコードが UTF-8 ではありません（MARC21 の UTF-8 で書き出してください）',
        en: 'the MARC records are not UTF-8 (export MARC21 in UTF-8)',
      }
    return 'iso2709'
  }
  return {
    ja: 'MARC21（ISO 2709 の .mrc か MARCXML）ではありません',
    en: 'not MARC21 (expected ISO 2709 .mrc or MARCXML)',
  }
}

/** UTF-8 check that forgives a character cut off at the end of the sample. */
function isUtf8(b: Buffer): boolean {
  for (let cut = 0; cut < 4 && cut < b.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - cut))
      return true
    } catch {}
  }
  return false
}

/** The records of `path` in order, numbered from 1; a record that does not parse is an error item. */
export function readMarc(
  path: string,
  format: MarcFormat,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<MarcItem> {
  if (format === 'iso2709') {
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
    if (onBytes) stream.on('data', () => onBytes(stream.bytesRead))
    return iso2709Records(stream)
  }
  return readMarcxml(path, onBytes)
}

async function* readMarcxml(path: string, onBytes?: (n: number) => void): AsyncGenerator<MarcItem> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  let buffer = ''
  let n = 0
  const start = /<(?:[\w-]+:)?record[\s>]/
  const end = /<\/(?:[\w-]+:)?record>/
  for await (const chunk of stream) {
    onBytes?.(stream.bytesRead)
    buffer += chunk as string
    for (let m = end.exec(buffer); m; m = end.exec(buffer)) {
      const stop = m.index + m[0].length
      const raw = buffer.slice(0, stop)
      buffer = buffer.slice(stop)
      const at = raw.search(start)
      if (at === -1) continue
      n++
      try {
        const record = await MARCXML.from(raw.slice(at), { subfieldValues: false })
        yield { n, record: record as unknown as MarcLike }
      } catch (e) {
        yield { n, error: unreadable(e) }
      }
    }
  }
}
