/**
 * The one table that says where each of bunko's catalogue columns comes from in a MARC21
 * record. A library whose system records things elsewhere (TRC MARC local fields, readings in
 * 246 instead of 880…) passes `--map file.json` with only the entries that differ, in the same
 * shape as `DEFAULT_MARC_MAP` (see README "Going live with your own data").
 *
 * A source is `TAG`, `TAG$codes` (the listed subfields, joined by a space), `880(TAG)$codes`
 * (the 880 whose $6 links it to TAG: the reading or other script of that field) or
 * `TAG/from-to` (character positions of a control field, e.g. `008/07-10`). For each column
 * the sources are tried in order and the first that gives a usable value wins.
 */
import type { MaterialType } from '../../core/types.ts'

export interface MaterialRule {
  /** Leader/06 (type of record) values this rule matches, e.g. `"a"`, `"j"`. */
  leader06: string
  /** Leader/07 (bibliographic level), e.g. `"s"` for serials; any when absent. */
  leader07?: string
  /** 007/00-01 starts with this (e.g. `"vd"` videodisc = DVD, `"vf"` VHS); any when absent. */
  f007?: string
  /** 008/33 (literary form; `"c"` comic strips = manga); any when absent. */
  f008at33?: string
  type: MaterialType
}

export interface MarcMap {
  sourceId: string[]
  title: string[]
  /** Volume of a set: 上・中・下, 前編・後編 or a number (HOLD-SET). */
  volume: string[]
  series: string[]
  /** Title reading (ヨミ): only values written in kana are taken. */
  yomi: string[]
  author: string[]
  authorYomi: string[]
  publisher: string[]
  /** The first four-digit year found. */
  year: string[]
  /** ISBN-10 or -13; stored as ISBN-13 digits, an invalid one is dropped. */
  isbn: string[]
  /** First matching rule wins; no match is `book`. */
  material: MaterialRule[]
}

/**
 * Defaults for MARC21 as NDL's JAPAN/MARC and most Japanese systems export it: readings in
 * 880 fields linked to the field they read, 264 (RDA) before 260 (AACR2).
 * Material types (what the guide lists: 本, 雑誌, マンガ, 紙芝居, CD, DVD, ビデオ, 録音図書):
 * - leader/06 `i` (non-musical sound recording) is 録音図書 (DAISY and cassette readings for
 *   print-disabled patrons): that is what a public library holds under `i`. A library that
 *   also holds language CDs overrides this rule.
 * - `j` (musical sound recording) is CD; `g` (projected medium) is DVD, or video when 007
 *   says videocassette (`vf`); `k` (two-dimensional graphic) is 紙芝居; `a` + leader/07 `s`
 *   is a magazine; `a` with 008/33 `c` (comics) is manga.
 */
export const DEFAULT_MARC_MAP: MarcMap = {
  sourceId: ['001'],
  title: ['245$a'],
  volume: ['245$n', '245$p'],
  series: ['490$a', '830$a'],
  yomi: ['880(245)$a', '246$a'],
  author: ['100$a', '110$a', '700$a', '710$a'],
  authorYomi: ['880(100)$a', '880(110)$a', '880(700)$a'],
  publisher: ['264$b', '260$b'],
  year: ['264$c', '260$c', '008/07-10'],
  isbn: ['020$a'],
  material: [
    { leader06: 'i', type: 'audiobook' },
    { leader06: 'j', type: 'cd' },
    { leader06: 'g', f007: 'vf', type: 'video' },
    { leader06: 'g', type: 'dvd' },
    { leader06: 'k', type: 'kamishibai' },
    { leader06: 'a', leader07: 's', type: 'magazine' },
    { leader06: 'a', f008at33: 'c', type: 'manga' },
  ],
}

const SOURCE = /^(?:\d{3}(?:\$[0-9a-z]+)?|880\(\d{3}\)\$[0-9a-z]+|00\d\/\d{2}-\d{2})$/

/**
 * The default map with a library's overrides (parsed JSON) laid over it. Refuses, naming the
 * key, anything it would not understand, so a typo is not a silently empty column.
 */
export function marcMapWith(override: unknown): MarcMap {
  if (typeof override !== 'object' || override === null || Array.isArray(override))
    throw new Error('mapping file: expected a JSON object like {"yomi": ["246$a"]}')
  const map: MarcMap = { ...DEFAULT_MARC_MAP }
  for (const [key, value] of Object.entries(override)) {
    if (!(key in DEFAULT_MARC_MAP)) throw new Error(`mapping file: unknown key "${key}"`)
    if (key === 'material') {
      if (!Array.isArray(value) || !value.every(isRule))
        throw new Error(
          'mapping file: "material" must be a list of {"leader06": "a", "type": "book"}',
        )
      map.material = value
      continue
    }
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && SOURCE.test(s)))
      throw new Error(
        `mapping file: "${key}" must be a list of sources like "245$a" or "880(245)$a"`,
      )
    ;(map as unknown as Record<string, string[]>)[key] = value
  }
  return map
}

const TYPES = new Set([
  'book',
  'magazine',
  'manga',
  'kamishibai',
  'cd',
  'dvd',
  'video',
  'audiobook',
])

function isRule(r: unknown): r is MaterialRule {
  const o = r as Record<string, unknown>
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.leader06 === 'string' &&
    typeof o.type === 'string' &&
    TYPES.has(o.type)
  )
}
