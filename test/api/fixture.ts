/**
 * A small library for the API tests, every date fixed against NOW (Japan 2026-06-10, a
 * Wednesday, 12:00) so each rule's case holds exactly: the loans of 山田 花子 cover every
 * RENEW-REASONS refusal, her holds every HOLD-CANCEL / HOLD-CHANGE case, and the other patrons
 * one account case each.
 */
import { getTableColumns, type Table } from 'drizzle-orm'
import { jstInstant } from '../../core/dates.ts'
import type { Db, Statement } from '../../db/client.ts'
import { hashPassword } from '../../db/password.ts'
import {
  copies,
  favourites,
  holds,
  lineLinks,
  loans,
  notices,
  patrons,
  places,
  readingHistory,
  titles,
  wantToRead,
} from '../../db/schema.ts'
import { copyRows, placeRows, titleRows } from './fixture-catalogue.ts'

export const PASSWORD = 'hon-wo-yomu-2026'
let hashed: Promise<string> | undefined
const passwordHash = () => {
  hashed ??= hashPassword(PASSWORD)
  return hashed
}

/** Japan 2026-06-10 (Wed) 12:00. */
export const NOW = jstInstant('2026-06-10', '12:00')
export const TODAY = '2026-06-10'
const at = (date: string, time = '10:00') => jstInstant(date, time)

export const PLACE = { central: 1, kuzuha: 2, fujisaka: 3, bookmobile: 4, locker: 5, closed: 6 }

/** LINE user ids as LINE writes them: U + 32 hex digits. */
export const lineUser = (n: number) => `U${n.toString(16).padStart(32, '0')}`

export const PATRON = {
  hanako: 1,
  kenichi: 2,
  misaki: 3,
  makoto: 4,
  sachiko: 5,
  naoki: 6,
  shota: 7,
  fumiko: 8,
  other: 9,
  emily: 10,
  yui: 11,
  unlinked: 12,
} as const
export type Who = keyof typeof PATRON

/** Who is linked to which LINE user (everyone but `other` and `unlinked`). */
export const USER: Record<Who, string> = Object.fromEntries(
  Object.entries(PATRON).map(([k, id]) => [k, lineUser(id)]),
) as Record<Who, string>

/**
 * Titles: books 1–20 (2–20 「図書館の本 第n話」), DVDs 21–28, set 「白い鐘」 上中下 31–33, manga
 * set 34–35, 36 禁帯出, 37 録音図書, 38 CD, set 「海辺の物語」 上下 41–42, books 51–60
 * 「図書館の本 別巻」.
 */
export const TITLE = {
  book: (n: number) => n,
  dvd: (n: number) => 20 + n,
  bell: (v: 1 | 2 | 3) => 30 + v,
  manga: (v: 1 | 2) => 33 + v,
  reference: 36,
  audiobook: 37,
  cd: 38,
  shore: (v: 1 | 2) => 40 + v,
}

/** 山田 花子's loans, one per renewal case (RENEW-*). */
export const LOAN = {
  renewable: 1,
  held: 2,
  overdue: 3,
  ill: 4,
  avLimit: 5,
  capReached: 6,
  tooSoon: 7,
  noGain: 8,
  cdRenewable: 9,
  blocked: 10,
  returned: 11,
} as const

/** Holds: 花子's waiting / ready / inter-library / set pair, and 誠's (blocked patron's). */
export const HOLD = {
  waiting: 1,
  ready: 2,
  interLibrary: 3,
  setFirst: 4,
  setSecond: 5,
  blockedPatrons: 6,
  othersWaiting: 7,
} as const

function patronRows(hash: string): (typeof patrons.$inferInsert)[] {
  const p = (id: number, name: string, extra: Partial<typeof patrons.$inferInsert> = {}) => ({
    id,
    number: String(1000000000 + id),
    name,
    phone: `090-0000-${String(id).padStart(4, '0')}`,
    passwordHash: hash,
    createdAt: 0,
    ...extra,
  })
  return [
    p(1, '山田 花子', { historyOptIn: true }),
    p(2, '佐藤 健一'),
    p(3, '鈴木 美咲'),
    p(4, '田中 誠'),
    p(5, '高橋 幸子', { expiresOn: '2026-05-01', status: 'expired' }),
    p(6, '伊藤 直樹', { category: 'wide_area' }),
    p(7, '中村 翔太', { passwordHash: null }),
    p(8, '渡辺 文子', { category: 'print_disabled' }),
    p(9, '吉田 陽子'),
    p(10, 'Emily Carter', { email: 'emily@example.jp', emailConfirmed: true }),
    p(11, '小林 結衣'),
    p(12, '加藤 亮'),
  ]
}

function linkRows(): (typeof lineLinks.$inferInsert)[] {
  const linked: Who[] = [
    'hanako',
    'kenichi',
    'misaki',
    'makoto',
    'sachiko',
    'naoki',
    'shota',
    'fumiko',
    'emily',
    'yui',
  ]
  return linked.map((who) => ({
    lineUserId: USER[who],
    patronId: PATRON[who],
    linkedAt: 0,
    language: who === 'emily' ? 'en' : 'ja',
    // 結衣 blocked the account: LINE cannot reach her and she has no e-mail (ACC-PASSWORD).
    followed: who !== 'yui',
  }))
}

function loanRows(): (typeof loans.$inferInsert)[] {
  const l = (
    id: number,
    titleId: number,
    patronId: number,
    loanDate: string,
    dueDate: string,
    extra: Partial<typeof loans.$inferInsert> = {},
  ) => ({
    id,
    copyId: titleId * 10 + 1,
    patronId,
    libraryId: 1,
    loanDate,
    dueDate,
    loanedAt: at(loanDate),
    ...extra,
  })
  const h = PATRON.hanako
  return [
    l(LOAN.renewable, 1, h, '2026-06-01', '2026-06-15'),
    l(LOAN.held, 2, h, '2026-06-01', '2026-06-15'),
    l(LOAN.overdue, 3, h, '2026-05-20', '2026-06-03'),
    l(LOAN.ill, 4, h, '2026-06-01', '2026-06-15', { interLibrary: true, libraryId: 2 }),
    l(LOAN.avLimit, TITLE.dvd(1), h, '2026-06-05', '2026-06-12', { renewals: 1 }),
    l(LOAN.capReached, 5, h, '2026-04-12', '2026-06-11', { renewals: 3 }),
    l(LOAN.tooSoon, 6, h, TODAY, '2026-06-24'),
    l(LOAN.noGain, 7, h, '2026-06-05', '2026-06-30', { renewals: 1 }),
    l(LOAN.cdRenewable, TITLE.cd, h, '2026-06-05', '2026-06-12'),
    // 田中 誠: 70 days past due (ACC-BLOCK-OVERDUE).
    l(LOAN.blocked, 17, PATRON.makoto, '2026-03-18', '2026-04-01'),
    l(LOAN.returned, 19, h, '2026-05-01', '2026-05-15', {
      copyId: 191,
      returnedAt: at('2026-05-10', '15:00'),
    }),
  ]
}

function holdRows(): (typeof holds.$inferInsert)[] {
  const w = (
    id: number,
    patronId: number,
    titleId: number,
    placed: string,
    extra: Partial<typeof holds.$inferInsert> = {},
  ) => ({ id, patronId, titleId, pickupPlaceId: 1, placedAt: at(placed), ...extra })
  const h = PATRON.hanako
  const rows = [
    w(HOLD.waiting, h, 8, '2026-06-02'),
    w(HOLD.ready, h, 9, '2026-05-25', {
      state: 'ready',
      copyId: 92,
      pickupPlaceId: PLACE.kuzuha,
      readyAt: at('2026-06-09', '15:00'),
      pickupBy: '2026-06-17',
      noticeState: 'failed',
    }),
    w(HOLD.interLibrary, h, 10, '2026-06-01', { interLibrary: true }),
    w(HOLD.setFirst, h, TITLE.bell(1), '2026-06-03', {
      state: 'in_transit',
      copyId: 311,
      setGroup: 77,
      volume: 1,
    }),
    w(HOLD.setSecond, h, TITLE.bell(2), '2026-06-03', { setGroup: 77, volume: 2 }),
    w(HOLD.blockedPatrons, PATRON.makoto, 18, '2026-06-01'),
    // 吉田 陽子 waits for the book 花子 has (RENEW-HELD) and queues ahead of her (HOLD-QUEUE).
    w(HOLD.othersWaiting, PATRON.other, 2, '2026-06-02'),
    w(8, PATRON.other, 8, '2026-06-01'),
  ]
  let id = 100
  // 佐藤 健一: 14 of 15 (HOLD-LIMIT).
  for (const t of [11, 12, 13, 14, 15, 16, 18, 19, 20, 51, 52, 53, 54, 55])
    rows.push(w(id++, PATRON.kenichi, t, '2026-06-05'))
  // 鈴木 美咲: 6 of 6 AV, and two books.
  for (const t of [22, 23, 24, 25, 26, 27, 56, 57])
    rows.push(w(id++, PATRON.misaki, t, '2026-06-05'))
  return rows
}

/** D1-sized chunks, so the same fixture could run on either driver. */
function chunks<T>(rows: T[], table: Table): T[][] {
  const size = Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length))
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

export async function buildFixture(db: Db): Promise<void> {
  const o = db.orm
  const hash = await passwordHash()
  const insert = <T extends Table>(table: T, rows: T['$inferInsert'][]): Statement[] =>
    chunks(rows, table).map((c) =>
      (
        o.insert(table as never).values(c as never) as unknown as { returning(): Statement }
      ).returning(),
    )
  const statements: Statement[] = [
    ...insert(places, placeRows()),
    ...insert(titles, titleRows()),
    ...insert(copies, copyRows()),
    ...insert(patrons, patronRows(hash)),
    ...insert(lineLinks, linkRows()),
    ...insert(loans, loanRows()),
    ...insert(holds, holdRows()),
    ...insert(notices, [
      {
        id: '5f0c8d4e-0000-4000-8000-000000000002',
        key: `hold_ready:${HOLD.ready}`,
        patronId: PATRON.hanako,
        kind: 'hold_ready',
        holdId: HOLD.ready,
        dueAt: at('2026-06-10', '10:00'),
        state: 'failed',
        attempts: 3,
        createdAt: at('2026-06-09', '15:00'),
      },
    ]),
    ...insert(favourites, [{ patronId: PATRON.hanako, titleId: 1, createdAt: at('2026-05-01') }]),
    ...insert(wantToRead, [
      { patronId: PATRON.hanako, titleId: TITLE.shore(1), createdAt: at('2026-05-02') },
    ]),
    ...insert(readingHistory, [
      { patronId: PATRON.hanako, titleId: 1, loanId: LOAN.renewable, borrowedOn: '2026-06-01' },
      { patronId: PATRON.hanako, titleId: 2, loanId: LOAN.held, borrowedOn: '2026-06-01' },
      { patronId: PATRON.hanako, titleId: 19, loanId: LOAN.returned, borrowedOn: '2026-05-01' },
    ]),
  ]
  await db.batch(statements as [Statement, ...Statement[]])
}
