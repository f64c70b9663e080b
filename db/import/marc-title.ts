/**
 * One parsed MARC21 record (from @natlibfi/marc-record) → the row bunko keeps for it, using
 * the mapping table (marc-map.ts). Pure: no I/O. A record it cannot use is refused with the
 * field and the reason, never half-imported.
 */
import type { MaterialType } from '../../core/types.ts'
import type { TitleInput } from '../import-upsert.ts'
import type { MarcMap } from './marc-map.ts'
import { type Mapped, refuse } from './rejections.ts'

interface Subfield {
  code: string
  value?: string
}
interface Field {
  tag: string
  value?: string
  subfields?: Subfield[]
}
export interface MarcLike {
  leader: string
  fields: Field[]
}

/** Leader: record length, status, type, level, control, coding (a = UTF-8), "22", base address, "4500". */
const LEADER = /^\d{5}[acdnp][a-z][a-z][ a][ a]22\d{5}.{3}4500$/

/** Trailing ISBD punctuation the cataloguer typed before the next subfield (` /`, ` :`, `.`). */
const tidy = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s/:;,=.]+$/u, '')
    .trim()

export function pick(record: MarcLike, source: string): string | null {
  const control = /^(\d{3})\/(\d{2})-(\d{2})$/.exec(source)
  if (control) {
    const f = record.fields.find((x) => x.tag === control[1])
    return f?.value?.slice(Number(control[2]), Number(control[3]) + 1) ?? null
  }
  const m = /^(\d{3})(?:\((\d{3})\))?(?:\$([0-9a-z]+))?$/.exec(source)
  if (!m) return null
  const [, tag, linked, codes] = m
  for (const f of record.fields) {
    if (f.tag !== tag) continue
    if (!codes) {
      if (f.value !== undefined) return f.value
      continue
    }
    const subs = f.subfields ?? []
    if (linked && !subs.some((s) => s.code === '6' && s.value?.startsWith(linked))) continue
    const text = subs
      .filter((s) => codes.includes(s.code) && s.value)
      .map((s) => tidy(s.value!))
      .filter(Boolean)
      .join(' ')
    if (text) return text
  }
  return null
}

const first = (record: MarcLike, sources: string[], ok: (v: string) => boolean = () => true) => {
  for (const s of sources) {
    const v = pick(record, s)
    if (v !== null && v.trim() !== '' && ok(v)) return v.trim()
  }
  return null
}

/** Katakana reading: hiragana folded to katakana, half-width kana widened (NFKC). */
export function katakana(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
}
const isKana = (s: string) =>
  /^[\p{Script=Katakana}\p{Script=Hiragana}ー・ 　\d\p{P}A-Za-z]+$/u.test(s.normalize('NFKC')) &&
  /[\p{Script=Katakana}\p{Script=Hiragana}]/u.test(s)

const VOLUMES: Record<string, number> = { 上: 1, 中: 2, 下: 3, 前編: 1, 後編: 2, 前: 1, 後: 2 }

/** 上・中・下, 前編・後編, 第2巻, 2: the volume's number in its set, or null. */
export function volumeNumber(s: string): number | null {
  const t = s
    .normalize('NFKC')
    .replace(/^第|[巻冊編]$/g, '')
    .trim()
  if (t in VOLUMES) return VOLUMES[t]!
  const n = /^(\d{1,3})$/.exec(t)
  return n ? Number(n[1]) : null
}

/** ISBN-13 digits from an ISBN-10 or -13 with its check digit right, else null. */
export function isbn13(s: string): string | null {
  const d =
    s
      .normalize('NFKC')
      .replace(/[-\s]/g, '')
      .toUpperCase()
      .split(/[^0-9X]/)[0] ?? ''
  let twelve: string
  if (/^97[89]\d{10}$/.test(d)) twelve = d.slice(0, 12)
  else if (/^\d{9}[\dX]$/.test(d)) {
    let sum = 0
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i)
    if (sum % 11 !== 0) return null
    twelve = `978${d.slice(0, 9)}`
  } else return null
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3)
  const full = `${twelve}${(10 - (sum % 10)) % 10}`
  return d.length === 13 && full !== d ? null : full
}

export function materialType(record: MarcLike, map: MarcMap): MaterialType {
  const l = record.leader
  const f007 = pick(record, '007') ?? ''
  const f008 = pick(record, '008') ?? ''
  const rule = map.material.find(
    (r) =>
      r.leader06 === l[6] &&
      (r.leader07 === undefined || r.leader07 === l[7]) &&
      (r.f007 === undefined || f007.startsWith(r.f007)) &&
      (r.f008at33 === undefined || f008[33] === r.f008at33),
  )
  return rule?.type ?? 'book'
}

/** The title row for a record, or why it cannot be used. `deleted`: leader/05 is `d`. */
export function titleFromMarc(
  record: MarcLike,
  map: MarcMap,
): Mapped<TitleInput & { deleted: boolean }> {
  if (typeof record.leader !== 'string' || !LEADER.test(record.leader))
    return {
      ok: false,
      refusal: refuse(
        'leader',
        'レコードラベル（リーダー）が MARC21 の形式ではありません',
        'the leader is not a MARC21 leader',
      ),
    }
  const sourceId = first(record, map.sourceId)
  if (!sourceId)
    return {
      ok: false,
      refusal: refuse(map.sourceId.join(','), '書誌IDがありません', 'no record id'),
    }
  const deleted = record.leader[5] === 'd'
  const title = first(record, map.title)
  if (!title && !deleted)
    return { ok: false, refusal: refuse(map.title.join(','), 'タイトルがありません', 'no title') }
  const author = first(record, map.author) ?? ''
  const volumeText = first(record, map.volume)
  const volume = volumeText ? volumeNumber(volumeText) : null
  const year = first(record, map.year, (v) => /\d{4}/.test(v))
  return {
    ok: true,
    value: {
      sourceId,
      deleted,
      // The shown title carries the volume (白い鐘 上), as the counter and the cart show it.
      title: (volumeText ? `${title} ${volumeText}` : (title ?? '')).normalize('NFKC'),
      yomi: katakana(first(record, map.yomi, isKana) ?? ''),
      author: author.normalize('NFKC'),
      authorYomi: katakana(first(record, map.authorYomi, isKana) ?? ''),
      publisher: (first(record, map.publisher) ?? '').normalize('NFKC'),
      year: year ? Number(/\d{4}/.exec(year)![0]) : null,
      isbn:
        map.isbn
          .map((s) => pick(record, s))
          .map((v) => (v ? isbn13(v) : null))
          .find(Boolean) ?? null,
      series: (first(record, map.series) ?? '').normalize('NFKC'),
      materialType: materialType(record, map),
      volume,
      // Volumes of one set share title and author; a title without a volume is no set.
      setKey: volume === null ? null : `${title}\u001f${author}`,
    },
  }
}
