/**
 * A small library built in each test, independent of the demo seed: five places (two
 * libraries, a branch room, a locker, a bookmobile station), books, AV, a three-volume set, a manga set, a
 * not-for-loan reference book, an audiobook, and patrons for every account case.
 * Ids are fixed so tests read plainly.
 */
import { getTableColumns, sql, type Table } from 'drizzle-orm'
import { type Db, raw } from '../../db/client.ts'
import { hashPassword } from '../../db/password.ts'
import { closedDates, copies, lineLinks, patrons, places, titles } from '../../db/schema.ts'

export const PASSWORD = 'hon2wo-yomu'
let hashed: Promise<string> | undefined
const passwordHash = () => {
  hashed ??= hashPassword(PASSWORD)
  return hashed
}

/** Japan 2026-06-10 (Wed) 12:00. */
export const NOW = Date.UTC(2026, 5, 10, 3, 0)
export const TODAY = '2026-06-10'

export const PLACE = { central: 1, kuzuha: 2, branch: 3, locker: 4, station: 5 } as const
export const PATRON = {
  alice: 1,
  bob: 2,
  carol: 3,
  wide: 4,
  blocked: 5,
  expired: 6,
  nopass: 7,
  dave: 8,
  erin: 9,
} as const

/** Title ids: books 1–20, DVDs 21–28, set 上中下 31–33, manga set 34–35, 36 禁帯出, 37 録音図書. */
export const TITLE = {
  book: (n: number) => n,
  dvd: (n: number) => 20 + n,
  setVol: (v: 1 | 2 | 3) => 30 + v,
  manga: (v: 1 | 2) => 33 + v,
  reference: 36,
  audiobook: 37,
} as const

/** Every table, children first: what the D1 suite empties between tests. */
export const TABLES = [
  'notices',
  'notice_announcements',
  'notice_tallies',
  'ready_delivery_tallies',
  'expired_hold_tallies',
  'purchase_requests',
  'reading_history',
  'favourites',
  'want_to_read',
  'hold_cart',
  'notice_preferences',
  'loans',
  'holds',
  'line_links',
  'link_nonces',
  'login_attempts',
  'webhook_events',
  'webhook_days',
  'audit_log',
  'staff_sessions',
  'staff',
  'kv',
  'copies',
  'closed_dates',
  'patrons',
  'titles',
  'places',
]

export async function emptyDb(db: Db): Promise<void> {
  const [first, ...rest] = TABLES.map((t) => raw(sql.raw(`DELETE FROM ${t} RETURNING 1`)))
  await db.batch([first!, ...rest])
}

function titleRows() {
  const rows: (typeof titles.$inferInsert)[] = []
  const add = (id: number, title: string, extra: Partial<typeof titles.$inferInsert> = {}) =>
    rows.push({ id, title, yomi: '', materialType: 'book', createdAt: 0, ...extra })
  add(1, '銀河鉄道の夜', {
    yomi: 'ギンガテツドウノヨル',
    author: '宮沢賢治',
    isbn: '9784101092058',
  })
  for (let n = 2; n <= 20; n++) add(n, `図書館の本 第${n}話`, { author: '枚方太郎' })
  for (let n = 1; n <= 8; n++) add(20 + n, `映画 ${n}`, { materialType: 'dvd' })
  for (const [i, v] of ['上', '中', '下'].entries())
    add(31 + i, `大阪の歴史 ${v}巻`, { setId: 1, volume: i + 1, author: '淀川花子' })
  add(34, 'まんが日本の昔話 1', { materialType: 'manga', setId: 2, volume: 1 })
  add(35, 'まんが日本の昔話 2', { materialType: 'manga', setId: 2, volume: 2 })
  add(36, '枚方市史 資料編', { notForLoan: true })
  add(37, '銀河鉄道の夜 (録音図書)', { materialType: 'audiobook' })
  return rows
}

/** Two copies of every title: `<title>1` at 中央, `<title>2` at 楠葉; barcode `B<id>`. */
function copyRows() {
  return titleRows().flatMap((t) =>
    [1, 2].map((n) => ({
      id: t.id! * 10 + n,
      barcode: `B${t.id! * 10 + n}`,
      titleId: t.id!,
      homeLibraryId: n === 1 ? PLACE.central : PLACE.kuzuha,
      currentPlaceId: n === 1 ? PLACE.central : PLACE.kuzuha,
    })),
  )
}

function patronRow(id: number, name: string, extra: Partial<typeof patrons.$inferInsert>) {
  return {
    id,
    number: String(1000000 + id),
    name,
    phone: `072-000-000${id}`,
    createdAt: 0,
    ...extra,
  }
}

/** D1 binds at most 100 parameters per statement: insert many rows in chunks. */
function chunks<T>(rows: T[], table: Table): T[][] {
  const size = Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length))
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

export async function buildFixture(db: Db): Promise<void> {
  const hash = await passwordHash()
  const p = (id: number, name: string, extra: Partial<typeof patrons.$inferInsert> = {}) =>
    patronRow(id, name, { passwordHash: hash, ...extra })
  const o = db.orm
  await db.batch([
    o
      .insert(places)
      .values([
        { id: 1, code: 'central', name: '中央図書館', kind: 'library', phone: '050-7105-8141' },
        { id: 2, code: 'kuzuha', name: '楠葉図書館', kind: 'library', phone: '050-7102-3113' },
        {
          id: 3,
          code: 'fujisaka',
          name: '藤阪分室',
          kind: 'branch_room',
          parentId: 1,
          phone: '050-7105-8114',
        },
        {
          id: 4,
          code: 'locker-1',
          name: '駅前受取ロッカー',
          kind: 'locker',
          parentId: 1,
          phone: '050-7105-8141',
        },
        {
          // HOLD-BOOKMOBILE: Tuesdays 10:30–11:00, every other week (06-09, 06-23, 07-07…).
          id: 5,
          code: 'st-park',
          name: 'ひなぎく号 公園前',
          kind: 'bookmobile',
          parentId: 1,
          phone: '050-7105-8114',
          openingHours: '{"tue":["10:30","11:00"]}',
          closedWeekdays: '[0,1,3,4,5,6]',
        },
      ])
      .returning({ id: places.id }),
    ...chunks(titleRows(), titles).map((rows) =>
      o.insert(titles).values(rows).returning({ id: titles.id }),
    ),
    ...chunks(copyRows(), copies).map((rows) =>
      o.insert(copies).values(rows).returning({ id: copies.id }),
    ),
    ...chunks(
      [
        p(1, '山田 花子', {
          nameYomi: 'ヤマダ ハナコ',
          email: 'hanako@example.jp',
          emailConfirmed: true,
        }),
        p(2, '佐藤 一郎'),
        p(3, '鈴木 光', {
          category: 'print_disabled',
          email: 'hikari@example.jp',
          emailConfirmed: true,
        }),
        p(4, '高橋 広', { category: 'wide_area', emailConfirmed: true, email: 'w@example.jp' }),
        p(5, '田中 遅延', { email: 'late@example.jp', emailConfirmed: true }),
        p(6, '伊藤 期限', { expiresOn: '2026-01-31', email: 'x@example.jp', emailConfirmed: true }),
        patronRow(7, '渡辺 未登録', { email: 'n@example.jp', emailConfirmed: true }),
        p(8, '中村 大', { email: 'dai@example.jp', emailConfirmed: true }),
        p(9, '小林 恵', { email: 'megumi@example.jp', emailConfirmed: true }),
      ],
      patrons,
    ).map((rows) => o.insert(patrons).values(rows).returning({ id: patrons.id })),
    o
      .insert(closedDates)
      .values(['2026-06-16', '2026-06-30', '2026-07-14'].map((date) => ({ placeId: 5, date })))
      .returning({ date: closedDates.date }),
    o
      .insert(lineLinks)
      .values({ lineUserId: 'U-bob', patronId: 2, linkedAt: 0 })
      .returning({ id: lineLinks.id }),
  ])
}
