/**
 * Streams the records of a MARC21 file, ISO 2709 (`.mrc`) or MARCXML, one at a time with the
 * file read in chunks, so memory stays flat however many records there are. Parsing is
 * @natlibfi/marc-record-serializers' own `from`; this file only cuts the stream where that
 * library's readers cut it (the record terminator 0x1D, `</record>`) — their readers are
 * event emitters without back-pressure, which would let a slow database fall behind a fast
 * disk and fill memory.
 */
import { createReadStream } from 'node:fs'
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers'
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
export async function* readMarc(
  path: string,
  format: MarcFormat,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<MarcItem> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  let buffer = ''
  let n = 0
  const end = format === 'iso2709' ? '\x1D' : '</record>'
  const start = format === 'iso2709' ? null : /<(?:[\w-]+:)?record[\s>]/
  for await (const chunk of stream) {
    onBytes?.(stream.bytesRead)
    buffer += chunk as string
    for (;;) {
      const stop = endOf(buffer, format, end)
      if (stop === -1) break
      let raw = buffer.slice(0, stop)
      buffer = buffer.slice(stop + (format === 'iso2709' ? 1 : 0))
      if (start) {
        const at = raw.search(start)
        if (at === -1) continue
        raw = raw.slice(at)
      }
      n++
      yield await parse(n, raw, format)
    }
  }
  if (format === 'iso2709' && buffer.trim() !== '') {
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

function endOf(buffer: string, format: MarcFormat, end: string): number {
  if (format === 'iso2709') return buffer.indexOf(end)
  const m = /<\/(?:[\w-]+:)?record>/.exec(buffer)
  return m ? m.index + m[0].length : -1
}

async function parse(n: number, raw: string, format: MarcFormat): Promise<MarcItem> {
  try {
    const record =
      format === 'iso2709'
        ? ISO2709.from(raw, { subfieldValues: false })
        : await MARCXML.from(raw, { subfieldValues: false })
    return { n, record: record as unknown as MarcLike }
  } catch (e) {
    return {
      n,
      error: {
        ja: `MARC レコードとして読めません（${(e as Error).message}）`,
        en: `not a readable MARC record (${(e as Error).message})`,
      },
    }
  }
}
