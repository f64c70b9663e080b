/**
 * `places`: CSV/TSV `code, name, name_en, kind, parent, phone, address, hours, sort_order`,
 * upserted by place code: libraries, branch rooms (分室), bookmobile stations (their
 * timetable in `hours`) and pickup lockers. A child names its parent library by code, in the
 * database already or on an earlier line. `hours` is `月 9:30-19:00; 火 9:30-19:00; …` (or
 * `mon 09:30-19:00`); days without hours are the weekly closed days (LOAN-DUE-OPEN).
 */
import type { PickupKind } from '../../core/types.ts'
import { type PlaceInput, upsertPlace } from '../import-rows.ts'
import { all, oneOf, phone, required } from './csv-fields.ts'
import { csvItems } from './csv-read.ts'
import type { Kind } from './kind.ts'
import { placeIdsByCode } from './lookups.ts'
import { type Refusal, refuse } from './rejections.ts'

export const PLACE_COLUMNS = [
  'code',
  'name',
  'name_en',
  'kind',
  'parent',
  'phone',
  'address',
  'hours',
  'sort_order',
] as const

const KIND: Record<string, PickupKind> = {
  library: 'library',
  図書館: 'library',
  branch_room: 'branch_room',
  分室: 'branch_room',
  bookmobile: 'bookmobile',
  移動図書館: 'bookmobile',
  ステーション: 'bookmobile',
  locker: 'locker',
  ロッカー: 'locker',
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
const JA_DAYS: Record<string, (typeof DAYS)[number]> = {
  日: 'sun',
  月: 'mon',
  火: 'tue',
  水: 'wed',
  木: 'thu',
  金: 'fri',
  土: 'sat',
}

/** `月 9:30-19:00; 火 …` → `{"mon":["09:30","19:00"],…}` and the closed weekdays, or null if unreadable. */
export function parseHours(text: string): { json: string; closed: number[] } | null {
  const hours: Record<string, [string, string]> = {}
  for (const part of text
    .normalize('NFKC')
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\S+)\s+(\d{1,2}):(\d{2})\s*[-~〜]\s*(\d{1,2}):(\d{2})$/.exec(part)
    const day = m ? (JA_DAYS[m[1]!] ?? DAYS.find((d) => d === m[1]!.toLowerCase())) : undefined
    if (!m || !day) return null
    const t = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`
    hours[day] = [t(m[2]!, m[3]!), t(m[4]!, m[5]!)]
  }
  return {
    json: JSON.stringify(hours),
    closed: DAYS.flatMap((d, i) => (hours[d] ? [] : [i])),
  }
}

export function placeFromCsv(
  r: Record<string, string>,
): { value: PlaceInput } | { refusal: Refusal } {
  const f = all({
    code: required(r, 'code', '館コード'),
    name: required(r, 'name', '名称'),
    kind: oneOf(r, 'kind', KIND, 'library'),
    phone: required(r, 'phone', '電話番号'),
    checkedPhone: phone(r, 'phone'),
  })
  if ('refusal' in f) return f
  if (!/^[0-9A-Za-z_-]{1,32}$/.test(f.value.code))
    return {
      refusal: refuse(
        'code',
        '館コードは英数字で書いてください',
        'the place code must be letters and digits',
      ),
    }
  const hours = r.hours ? parseHours(r.hours) : null
  if (r.hours && !hours)
    return {
      refusal: refuse(
        'hours',
        '開館時間は「月 9:30-19:00; 火 9:30-19:00」の形で書いてください',
        'hours must read like "mon 09:30-19:00; tue 09:30-19:00"',
      ),
    }
  const sortOrder = r.sort_order ? Number(r.sort_order) : 0
  if (!Number.isInteger(sortOrder))
    return {
      refusal: refuse(
        'sort_order',
        '表示順は整数で書いてください',
        'sort_order must be a whole number',
      ),
    }
  return {
    value: {
      code: f.value.code,
      name: f.value.name,
      nameEn: r.name_en || null,
      kind: f.value.kind,
      parentCode: r.parent || null,
      phone: f.value.checkedPhone,
      address: r.address || null,
      openingHours: hours?.json ?? null,
      closedWeekdays: JSON.stringify(hours?.closed ?? []),
      sortOrder,
    },
  }
}

export const placesKind: Kind<PlaceInput> = {
  name: 'places',
  unit: () => 'line',
  read: (path, o) =>
    csvItems(
      path,
      { encoding: o.encoding, required: ['code', 'name', 'phone'], onBytes: o.onBytes },
      placeFromCsv,
    ),
  async write({ db }, rows) {
    const known = new Set((await placeIdsByCode(db)).keys())
    const existed = new Set(known)
    const statements = []
    const refused: { at: number; refusal: Refusal }[] = []
    for (const { at, value: p } of rows) {
      if (p.parentCode !== null && !known.has(p.parentCode)) {
        refused.push({
          at,
          refusal: refuse(
            'parent',
            `親の館コード「${p.parentCode}」がありません（親を先の行に書いてください）`,
            `no parent place "${p.parentCode}" (list the parent on an earlier line)`,
          ),
        })
        continue
      }
      statements.push({ statement: upsertPlace(p, !existed.has(p.code)), tally: 'upsert' as const })
      existed.add(p.code)
      known.add(p.code)
    }
    return { statements, refused }
  },
  finish: () => [],
}
