/**
 * The API fixture's catalogue: pickup places (one of each kind, and one that no longer takes
 * holds), titles for every hold rule (sets, manga, 禁帯出, 録音図書, AV) and their copies.
 */
import type { copies, places, titles } from '../../db/schema.ts'
import { PLACE } from './fixture.ts'

const HOURS = JSON.stringify({
  sun: ['09:30', '18:00'],
  mon: ['09:30', '20:00'],
  tue: ['09:30', '20:00'],
  wed: ['09:30', '20:00'],
  thu: ['09:30', '20:00'],
  fri: ['09:30', '20:00'],
  sat: ['09:30', '18:00'],
})
const LIBRARY_HOURS = JSON.stringify({
  tue: ['10:00', '19:00'],
  wed: ['10:00', '19:00'],
  thu: ['10:00', '19:00'],
  fri: ['10:00', '19:00'],
  sat: ['10:00', '17:00'],
  sun: ['10:00', '17:00'],
})

export function placeRows(): (typeof places.$inferInsert)[] {
  const p = (
    id: number,
    code: string,
    name: string,
    nameEn: string,
    kind: 'library' | 'branch_room' | 'bookmobile' | 'locker',
    phone: string,
    openingHours: string | null,
    extra: Partial<typeof places.$inferInsert> = {},
  ) => ({ id, code, name, nameEn, kind, phone, openingHours, sortOrder: id, ...extra })
  return [
    p(1, 'chuo', '中央図書館', 'Central Library', 'library', '050-7105-8141', HOURS),
    p(2, 'kuzuha', '楠葉図書館', 'Kuzuha Library', 'library', '050-7102-3113', LIBRARY_HOURS),
    p(3, 'fujisaka', '藤阪分室', 'Fujisaka Branch Room', 'branch_room', '050-7105-8114', null, {
      parentId: 1,
    }),
    p(
      4,
      'st-hoshigaoka',
      'ひなぎく号 星丘',
      'Hinagiku bookmobile: Hoshigaoka',
      'bookmobile',
      '050-7105-8114',
      JSON.stringify({ fri: ['13:30', '14:10'] }),
      { parentId: 1 },
    ),
    p(
      5,
      'lk-hirakatashi',
      '枚方市駅 予約図書受取ロッカー',
      'Hirakatashi Station pickup lockers',
      'locker',
      // The number of the library that runs it, as the seed's lockers list.
      '050-7105-8141',
      null,
      { parentId: 1 },
    ),
    p(6, 'old', '旧分室', 'Old Branch Room', 'branch_room', '050-7105-8114', null, {
      active: false,
    }),
  ]
}

export function titleRows(): (typeof titles.$inferInsert)[] {
  const rows: (typeof titles.$inferInsert)[] = []
  const add = (id: number, title: string, extra: Partial<typeof titles.$inferInsert> = {}) =>
    rows.push({ id, title, author: '枚方 太郎', materialType: 'book', createdAt: 0, ...extra })
  add(1, '銀河鉄道の夜', { yomi: 'ギンガテツドウノヨル', author: '宮沢 賢治', year: 1934 })
  for (let n = 2; n <= 20; n++) add(n, `図書館の本 第${n}話`, { year: 2000 + n })
  for (let n = 1; n <= 8; n++) add(20 + n, `映画 ${n}`, { materialType: 'dvd' })
  for (const [i, v] of ['上', '中', '下'].entries())
    add(31 + i, `白い鐘 ${v}`, { setId: 1, volume: i + 1, author: '淀川 花子' })
  add(34, 'まんが昔話 1', { materialType: 'manga', setId: 2, volume: 1 })
  add(35, 'まんが昔話 2', { materialType: 'manga', setId: 2, volume: 2 })
  add(36, '枚方市史 資料編', { notForLoan: true, publisher: '枚方市' })
  add(37, '銀河鉄道の夜（録音図書）', { materialType: 'audiobook' })
  add(38, '昭和歌謡 ベスト', { materialType: 'cd' })
  add(41, '海辺の物語 上', { setId: 3, volume: 1 })
  add(42, '海辺の物語 下', { setId: 3, volume: 2 })
  for (let n = 1; n <= 10; n++) add(50 + n, `図書館の本 別巻${n}`, { year: 1990 })
  return rows
}

/** Copies out on the loans below, the copy on 楠葉's hold shelf and the one on its way. */
const ON_LOAN = new Set([11, 21, 31, 41, 51, 61, 71, 171, 211, 381])

/** One copy of each title at 中央 (`id*10+1`); books 1–10 also one at 楠葉 (`id*10+2`). */
export function copyRows(): (typeof copies.$inferInsert)[] {
  const state = (id: number, home: number) =>
    ON_LOAN.has(id)
      ? { status: 'on_loan' as const, currentPlaceId: null }
      : id === 92
        ? { status: 'on_hold_shelf' as const, currentPlaceId: PLACE.kuzuha }
        : id === 311
          ? { status: 'in_transit' as const, currentPlaceId: PLACE.central }
          : { status: 'on_shelf' as const, currentPlaceId: home }
  return titleRows().flatMap((t) => {
    const titleId = t.id!
    const copy = (id: number, home: number) => ({
      id,
      barcode: `C${id}`,
      titleId,
      homeLibraryId: home,
      callNumber: `913/ヒ/${titleId}`,
      ...state(id, home),
    })
    return titleId <= 10
      ? [copy(titleId * 10 + 1, 1), copy(titleId * 10 + 2, 2)]
      : [copy(titleId * 10 + 1, 1)]
  })
}
