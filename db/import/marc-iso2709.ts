/**
 * ISO 2709 records out of a byte stream, parsed by marcjs on each record's bytes (directory
 * offsets are byte counts). No file system: the Worker's scheduled sync reads an HTTP body
 * with it. Why marcjs here and not @natlibfi's `from`: that validates every record against a
 * JSON schema and re-encodes the record for each field, about twenty times slower.
 */
import { Buffer } from 'node:buffer'
// The parser alone: marcjs's index also loads its MARCXML reader and an HTML entity table
// (`he`, 100 KB) that the Worker bundle does not need.
import Iso2709Parser from 'marcjs/lib/Iso2709Parser.js'
import type { MarcLike } from './marc-title.ts'

export type MarcItem =
  | { n: number; record: MarcLike }
  | { n: number; error: { ja: string; en: string } }

const RECORD_END = 0x1d

/** The records of an ISO 2709 byte stream (a file, an HTTP body), numbered from 1. */
export async function* iso2709Records(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<MarcItem> {
  let rest: Buffer = Buffer.alloc(0)
  let n = 0
  for await (const bytes of chunks) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
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
    const r = Iso2709Parser.parse(raw)
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

export const unreadable = (e: unknown) => ({
  ja: `MARC レコードとして読めません（${(e as Error).message}）`,
  en: `not a readable MARC record (${(e as Error).message})`,
})
