/**
 * Demo data for the LIFF app's tests, typed by the API contract (liff/api-types.ts) so a change
 * to the contract breaks the fixtures at compile time, not silently at run time.
 */
import type {
  Hold,
  Loan,
  Me,
  NotificationPrefs,
  PickupPlace,
  ShelfResponse,
  TitleDetail,
  TitleSummary,
} from '../../liff/api-types.ts'

export const TOKEN = 'test-id-token'
export const TODAY = '2026-05-11'

export const ME: Me = {
  patronNumber: '2100012345',
  name: '枚方 花子',
  barcode: { symbology: 'codabar', start: 'A', stop: 'A' },
  libraryName: '枚方市立図書館',
  holds: { total: 3, av: 0, limitTotal: 15, limitAv: 6 },
  holdRefusal: null,
  passwordRule: {
    minLength: 8,
    maxLength: 64,
    text: 'パスワードは半角の英字と数字をそれぞれ1文字以上含む、8〜64文字で設定してください（記号も使えます。空白と利用者番号そのものは使えません）。',
  },
  capabilities: {
    renew: true,
    renewAll: true,
    holds: true,
    cancelHold: true,
    changePickup: true,
    titleHolds: true,
    opacUrl: null,
    contact: { name: '中央図書館', phone: '050-7105-8141' },
    suspendHolds: true,
    passwords: true,
    reminders: true,
    expiryNotices: true,
    emailNotices: false,
  },
}

export const PLACES: PickupPlace[] = [
  {
    id: 1,
    name: '中央図書館',
    kind: 'library',
    phone: '050-7105-8141',
    hours: '9:30〜19:00（月曜休館）',
    pickupDays: 7,
  },
  {
    id: 2,
    name: '楠葉図書館',
    kind: 'library',
    phone: '050-7102-3113',
    hours: '9:30〜17:00（月曜休館）',
    pickupDays: 7,
  },
  {
    id: 3,
    name: '藤阪分室',
    kind: 'branch_room',
    phone: '050-7105-8114',
    hours: '火・金 10:00〜16:00',
    pickupDays: 7,
  },
  {
    id: 4,
    name: '自動車文庫 長尾台ステーション',
    kind: 'bookmobile',
    phone: '050-7105-8114',
    hours: '第2・第4水曜 13:30〜14:10',
    pickupDays: 7,
  },
  {
    id: 5,
    name: '枚方市駅 予約図書受取ロッカー',
    kind: 'locker',
    phone: '050-7105-8141',
    hours: '6:00〜24:00',
    pickupDays: 4,
  },
]

const SET = {
  setId: 1,
  name: '海辺の物語',
  volumes: [
    { titleId: 11, volume: 1, label: '上' },
    { titleId: 12, volume: 2, label: '下' },
  ],
}

const title = (t: Partial<TitleSummary> & Pick<TitleSummary, 'id' | 'name'>): TitleSummary => ({
  author: '淀川 すみれ',
  materialType: 'book',
  volumeLabel: null,
  set: null,
  notForLoan: false,
  ...t,
})

export const TITLES: TitleSummary[] = [
  title({ id: 11, name: '海辺の物語 上', volumeLabel: '上', set: SET }),
  title({ id: 12, name: '海辺の物語 下', volumeLabel: '下', set: SET }),
  title({ id: 13, name: 'はじめての天体観測', author: '星野 ひかる' }),
  title({ id: 14, name: '枚方の歴史 郷土資料編', author: '枚方市', notForLoan: true }),
  title({ id: 15, name: 'ジャズ名盤集', author: 'いろいろ', materialType: 'cd' }),
  title({ id: 16, name: '猫と暮らす', author: '三毛 たま' }),
  title({ id: 17, name: '世界の料理', author: '鍋島 ふみ' }),
  title({ id: 18, name: '川べりの四季', author: '天野 かわ' }),
]

export function titleById(id: number): TitleSummary {
  const found = TITLES.find((t) => t.id === id)
  if (!found) throw new Error(`no title ${id}`)
  return found
}

export function detail(id: number): TitleDetail {
  const t = titleById(id)
  return {
    ...t,
    publisher: '淀川書房',
    year: 2024,
    availability: [
      {
        library: { id: 1, name: '中央図書館', phone: '050-7105-8141' },
        copies: [
          {
            callNumber: '913.6/ヨ',
            location: '一般書架',
            status: t.notForLoan ? 'not_for_loan' : 'on_loan',
            dueDate: t.notForLoan ? null : '2026-05-20',
          },
        ],
      },
      {
        library: { id: 2, name: '楠葉図書館', phone: '050-7102-3113' },
        copies: [
          { callNumber: '913.6/ヨ', location: '一般書架', status: 'on_shelf', dueDate: null },
        ],
      },
    ],
    queueLength: 2,
    holdRefusal: t.notForLoan
      ? {
          reason: 'not_for_loan',
          message: `「${t.name}」は禁帯出資料（館内でのみご利用いただける資料）のため、予約できません。`,
        }
      : null,
    favourite: false,
    wanted: false,
  }
}

const central = { name: '中央図書館', phone: '050-7105-8141' }

export function loans(): Loan[] {
  return [
    {
      id: 101,
      title: titleById(13),
      loanDate: '2026-05-01',
      dueDate: '2026-05-15',
      overdue: false,
      renewals: 0,
      library: central,
      renewable: true,
      newDueDate: '2026-05-25',
      quote:
        '延長すると、返却期限は2026年5月15日(金)から2026年5月25日(月)になります。延長の14日間は今日から数えるため、延びるのは10日です。延長しますか？',
      nextRenewal: null,
    },
    {
      id: 102,
      title: titleById(16),
      loanDate: '2026-05-01',
      dueDate: '2026-05-15',
      overdue: false,
      renewals: 0,
      library: central,
      renewable: false,
      nextRenewal: null,
      refusal: {
        reason: 'held',
        message:
          '「猫と暮らす」は次に予約している方がいるため、延長できません。返却期限までにご返却ください。',
      },
    },
    {
      id: 103,
      title: titleById(15),
      loanDate: '2026-04-20',
      dueDate: '2026-05-04',
      overdue: true,
      renewals: 1,
      library: central,
      renewable: false,
      nextRenewal: null,
      refusal: {
        reason: 'overdue',
        message: '「ジャズ名盤集」は返却期限を過ぎているため、延長できません。至急ご返却ください。',
      },
    },
  ]
}

const pickup = (id: number) => {
  const p = PLACES.find((x) => x.id === id)!
  return { id: p.id, name: p.name, kind: p.kind, phone: p.phone }
}

export function holds(): Hold[] {
  return [
    {
      id: 201,
      title: titleById(17),
      state: 'waiting',
      queuePosition: 3,
      placedOn: '2026-05-02',
      pickupPlace: pickup(2),
      pickupBy: null,
      visit: null,
      inLocker: false,
      set: null,
      pickupChangeRefusal: null,
      notice: null,
      transit: null,
      suspend: { until: null, latest: '2026-08-09' },
      cancellable: true,
    },
    {
      id: 202,
      title: titleById(18),
      state: 'ready',
      queuePosition: null,
      placedOn: '2026-04-28',
      pickupPlace: pickup(1),
      pickupBy: '2026-05-18',
      visit: null,
      inLocker: false,
      set: null,
      pickupChangeRefusal: {
        reason: 'ready_hold',
        message: '確保済みの予約は受取場所を変更できません。',
      },
      notice: { status: 'failed', channel: 'line', at: '2026-05-11T10:00:00+09:00' },
      transit: null,
      suspend: null,
      cancellable: false,
      refusal: {
        reason: 'ready_hold',
        message:
          '「川べりの四季」は図書館で確保中のため、ここでは取り消せません。中央図書館（050-7105-8141）までお電話ください。',
        contact: central,
      },
    },
    {
      id: 203,
      title: titleById(15),
      state: 'waiting',
      queuePosition: 1,
      placedOn: '2026-05-03',
      pickupPlace: pickup(1),
      pickupBy: null,
      visit: null,
      inLocker: false,
      set: null,
      pickupChangeRefusal: null,
      notice: null,
      transit: null,
      suspend: { until: null, latest: '2026-08-09' },
      cancellable: false,
      refusal: {
        reason: 'inter_library',
        message:
          '「ジャズ名盤集」は他の図書館からお取り寄せ中のため、ここでは取り消せません。中央図書館（050-7105-8141）までお電話ください。',
        contact: central,
      },
    },
  ]
}

export function shelf(): ShelfResponse {
  return {
    historyOptIn: true,
    history: [
      { id: 301, title: titleById(16), loanDate: '2026-03-01', returnedOn: '2026-03-12' },
      { id: 302, title: titleById(17), loanDate: '2026-02-01', returnedOn: '2026-02-10' },
    ],
    want: [{ title: titleById(13), addedOn: '2026-04-01' }],
  }
}

export const PREFS: NotificationPrefs = { line: { hold_ready: true, overdue: true } }
