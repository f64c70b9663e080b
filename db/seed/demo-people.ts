/**
 * The demo patrons: who they are and what each one shows. README.md lists them (the table
 * is generated from `DEMO_PEOPLE` by demo-doc.ts, so the two cannot drift apart).
 */
import type { PatronCategory } from '../../core/types.ts'

export type Role =
  | 'ordinary'
  | 'holds14'
  | 'av6'
  | 'blocked'
  | 'expired'
  | 'wideArea'
  | 'printDisabled'
  | 'noPassword'
  | 'unconfirmedEmail'
  | 'locker'
  | 'other'

export interface Person {
  role: Role
  name: string
  nameYomi: string
  category: PatronCategory
  /** Clear demo password (hashed when loaded); null = no web password registered. */
  password: string | null
  /** What the person shows, for the README table. */
  shows: string
}

export const DEMO_PEOPLE: readonly Person[] = [
  {
    role: 'ordinary',
    name: '山田 花子',
    nameYomi: 'ヤマダ ハナコ',
    category: 'general',
    password: 'hanako-0001',
    shows:
      'Ordinary patron. Loans: one renewable, one another patron has reserved (延長不可・予約あり), one ~5 days overdue, one inter-library (相互貸借, not renewable), a CD (AV renews once by 7 days), one close to the 60-day cap. Holds: waiting 3rd in the queue (予約順位 3), ready for pickup (確保中), a 上・中・下 set hold (上 in transit), an inter-library request (cannot be cancelled online). My本棚 history on, favourites.',
  },
  {
    role: 'holds14',
    name: '佐藤 健一',
    nameYomi: 'サトウ ケンイチ',
    category: 'general',
    password: 'kenichi-0002',
    shows:
      '14 of 15 holds (15点中14点予約中, one of them paused for two weeks: 休止中, with 再開): one more is accepted, a cart of two is refused whole.',
  },
  {
    role: 'av6',
    name: '鈴木 美咲',
    nameYomi: 'スズキ ミサキ',
    category: 'general',
    password: 'misaki-0003',
    shows:
      '6 of 6 CD/DVD/video holds (plus 2 books): another AV hold is refused, a book is accepted.',
  },
  {
    role: 'blocked',
    name: '田中 誠',
    nameYomi: 'タナカ マコト',
    category: 'general',
    password: 'makoto-0004',
    shows:
      'A loan ~70 days overdue (長期延滞): login, password registration and LINE linking are refused until it is returned; a ready hold cannot be borrowed.',
  },
  {
    role: 'expired',
    name: '高橋 幸子',
    nameYomi: 'タカハシ サチコ',
    category: 'general',
    password: 'sachiko-0005',
    shows:
      'Registration lapsed (利用者登録が無効): login is refused with "ask at a library / re-register".',
  },
  {
    role: 'wideArea',
    name: '伊藤 直樹',
    nameYomi: 'イトウ ナオキ',
    category: 'wide_area',
    password: 'naoki-0006',
    shows:
      'Wide-area patron (広域利用, lives in a partner city): borrows at the counter, but the online service and LINE linking are refused.',
  },
  {
    role: 'printDisabled',
    name: '渡辺 文子',
    nameYomi: 'ワタナベ フミコ',
    category: 'print_disabled',
    password: 'fumiko-0007',
    shows:
      'Registered for 録音図書 (audiobooks for print-disabled readers): may reserve them; has one on loan and one on hold.',
  },
  {
    role: 'noPassword',
    name: '中村 翔太',
    nameYomi: 'ナカムラ ショウタ',
    category: 'general',
    password: null,
    shows:
      'No web password yet: login and linking are refused; register one with number + name + phone (新規パスワード登録).',
  },
  {
    role: 'unconfirmedEmail',
    name: '小林 結衣',
    nameYomi: 'コバヤシ ユイ',
    category: 'general',
    password: 'yui-00000009',
    shows:
      'Password but no confirmed e-mail: loans and renewals work, holds need LINE linking first (no way to reach her).',
  },
  {
    role: 'locker',
    name: '加藤 亮',
    nameYomi: 'カトウ リョウ',
    category: 'general',
    password: 'ryo-00000010',
    shows:
      'A hold ready in a pickup locker (予約図書受取ロッカー): already checked out to him, collect within 4 days.',
  },
  ...(
    [
      ['吉田 陽子', 'ヨシダ ヨウコ'],
      ['山本 大輔', 'ヤマモト ダイスケ'],
      ['松本 恵', 'マツモト メグミ'],
      ['井上 拓也', 'イノウエ タクヤ'],
      ['木村 晴美', 'キムラ ハルミ'],
      ['林 修', 'ハヤシ オサム'],
    ] as const
  ).map(
    ([name, nameYomi], i): Person => ({
      role: 'other',
      name,
      nameYomi,
      category: 'general',
      password: `other-${String(i + 11).padStart(4, '0')}`,
      shows: 'Another patron: their holds and loans make the queues above.',
    }),
  ),
]

/** Patron numbers are ten digits (NW-7 friendly); the demo people are 1000000001 onwards. */
export function patronNumber(id: number): string {
  return `10${String(id).padStart(8, '0')}`
}

/** Made-up phone numbers in a block no real line uses. */
export function patronPhone(id: number): string {
  return `090-0000-${String(id).padStart(4, '0')}`
}
