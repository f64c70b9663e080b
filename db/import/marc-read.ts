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
import { Marc } from 'marcjs'
import type { MarcLike } from './marc-title.ts'

export type MarcFormat = 'iso2709' | 'marcxml'

export type MarcItem =
  | { n: number; record: MarcLike }
  | { n: number; error: { ja: string; en: string } }

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
  return format === 'iso2709' ? readIso2709(path, onBytes) : readMarcxml(path, onBytes)
}

const RECORD_END = 0x1d

async function* readIso2709(path: string, onBytes?: (n: number) => void): AsyncGenerator<MarcItem> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  let rest: Buffer = Buffer.alloc(0)
  let n = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(stream.bytesRead)
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk
    let start = 0
    for (let end = data.indexOf(RECORD_END); end !== -1; end = data.indexOf(RECORD_END, start)) {
      n++
      yield parseIso2709(n, data.subarray(start, end + 1))
      start = end + 1
    }
    rest = Buffer.from(data.subarray(start))
  }
  if (rest.toString('latin1').trim() !== '') {
    n++
    yield {
      n,
      error: {
        ja: 'ファイルの最後のレコードが途中で切れています',
        en: 'the last record is cut off',
      },
    }
  }
}

/** marcjs fields (`[tag, value]` or `[tag, indicators, code, value, …]`) as MarcLike. */
function parseIso2709(n: number, raw: Buffer): MarcItem {
  try {
    const r = Marc.parse(raw, 'iso2709') as { leader: string; fields: string[][] }
    const fields = r.fields.map((f) => {
      const [tag, second, ...rest] = f as [string, string, ...string[]]
      if (tag < '010') return { tag, value: second }
      const subfields = []
      for (let i = 0; i + 1 < rest.length; i += 2)
        subfields.push({ code: rest[i]!, value: rest[i + 1]! })
      return { tag, ind1: second?.[0] ?? ' ', ind2: second?.[1] ?? ' ', subfields }
    })
    if (fields.some((f) => !/^\d{3}$/.test(f.tag))) throw new Error('bad directory')
    return { n, record: { leader: r.leader, fields } }
  } catch (e) {
    return { n, error: unreadable(e) }
  }
}

const unreadable = (e: unknown) => ({
  ja: `MARC レコードとして読めません（${(e as Error).message}）`,
  en: `not a readable MARC record (${(e as Error).message})`,
})

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
