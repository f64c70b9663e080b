/**
 * Hirakata City Library's service points. Libraries, branch rooms (分室) and phone numbers
 * are the city's own (shared/spec); hours, bookmobile stations and lockers are made up.
 */
import type { PickupKind } from '../../core/types.ts'
import { toKatakana } from './kana.ts'
import type { Calendar, DayHours, PlaceRow } from './rows.ts'

const YEAR_END = { from: '12-29', to: '01-03' }
const h = (open: string, close: string): DayHours => ({ open, close })

/** Closed Mondays and the 4th Thursday; long hours on weekdays. The usual library. */
const LIBRARY: Calendar = {
  weekly: [h('10:00', '17:00'), null, ...Array(4).fill(h('10:00', '19:00')), h('10:00', '17:00')],
  weeksOfMonth: null,
  monthlyClosed: { nth: 4, weekday: 4 },
  yearEnd: YEAR_END,
  summary: {
    ja: '火〜金 10:00〜19:00、土日 10:00〜17:00。月曜・第4木曜(館内整理日)・年末年始(12/29〜1/3)休館',
    en: 'Tue–Fri 10:00–19:00, Sat–Sun 10:00–17:00. Closed Mondays, the 4th Thursday and 29 Dec–3 Jan',
  },
}
const CENTRAL: Calendar = {
  weekly: [h('09:30', '18:00'), ...Array(5).fill(h('09:30', '20:00')), h('09:30', '18:00')],
  weeksOfMonth: null,
  monthlyClosed: { nth: 3, weekday: 1 },
  yearEnd: YEAR_END,
  summary: {
    ja: '平日 9:30〜20:00、土日 9:30〜18:00。第3月曜(館内整理日)・年末年始(12/29〜1/3)休館',
    en: 'Weekdays 9:30–20:00, weekends 9:30–18:00. Closed the 3rd Monday and 29 Dec–3 Jan',
  },
}
const STATION_FRONT: Calendar = {
  weekly: Array(7).fill(h('10:00', '21:00')),
  weeksOfMonth: null,
  monthlyClosed: { nth: 2, weekday: 3 },
  yearEnd: YEAR_END,
  summary: {
    ja: '毎日 10:00〜21:00。第2水曜(館内整理日)・年末年始(12/29〜1/3)休館',
    en: 'Daily 10:00–21:00. Closed the 2nd Wednesday and 29 Dec–3 Jan',
  },
}
const BRANCH_ROOM: Calendar = {
  weekly: [null, null, ...Array(5).fill(h('10:00', '17:00'))],
  weeksOfMonth: null,
  monthlyClosed: { nth: 4, weekday: 4 },
  yearEnd: YEAR_END,
  summary: {
    ja: '火〜土 10:00〜17:00。日月・第4木曜・年末年始(12/29〜1/3)休室',
    en: 'Tue–Sat 10:00–17:00. Closed Sundays, Mondays, the 4th Thursday and 29 Dec–3 Jan',
  },
}
const LOCKER: Calendar = {
  weekly: Array(7).fill(h('07:00', '22:00')),
  weeksOfMonth: null,
  monthlyClosed: null,
  yearEnd: YEAR_END,
  summary: {
    ja: '毎日 7:00〜22:00(年末年始 12/29〜1/3 は受け取れません)',
    en: 'Daily 7:00–22:00 (not from 29 Dec to 3 Jan)',
  },
}

const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土']
const WEEKDAY_EN = [
  'Sundays',
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
]

/** The bookmobile stops at a station on the 1st and 3rd, or 2nd and 4th, given weekday. */
function stop(weekday: number, weeks: number[], open: string, close: string): Calendar {
  const weekly: DayHours[] = Array(7).fill(null)
  weekly[weekday] = h(open, close)
  return {
    weekly,
    weeksOfMonth: weeks,
    monthlyClosed: null,
    yearEnd: YEAR_END,
    summary: {
      ja: `第${weeks.join('・第')}${WEEKDAY_JA[weekday]}曜 ${open}〜${close}(年末年始を除く)`,
      en: `${weeks.map(ordinal).join(' and ')} ${WEEKDAY_EN[weekday]}, ${open}–${close} (not over New Year)`,
    },
  }
}
const ordinal = (n: number) => `${n}${['st', 'nd', 'rd'][n - 1] ?? 'th'}`

const BOOKMOBILE_PHONE = '050-7105-8114'

type Spec = [code: string, name: string, yomi: string, nameEn: string, phone: string, cal: Calendar]

const LIBRARIES: Spec[] = [
  ['chuo', '中央図書館', 'ちゅうおうとしょかん', 'Central Library', '050-7105-8141', CENTRAL],
  [
    'korigaoka',
    '香里ヶ丘図書館',
    'こうりがおかとしょかん',
    'Korigaoka Library',
    '050-7102-3111',
    LIBRARY,
  ],
  ['kuzuha', '楠葉図書館', 'くずはとしょかん', 'Kuzuha Library', '050-7102-3113', LIBRARY],
  ['sugahara', '菅原図書館', 'すがはらとしょかん', 'Sugahara Library', '050-7102-3115', LIBRARY],
  ['sada', 'さだ図書館', 'さだとしょかん', 'Sada Library', '050-7102-3117', LIBRARY],
  [
    'gotenyama',
    '御殿山図書館',
    'ごてんやまとしょかん',
    'Gotenyama Library',
    '050-7102-3119',
    LIBRARY,
  ],
  ['makino', '牧野図書館', 'まきのとしょかん', 'Makino Library', '050-7102-3121', LIBRARY],
  ['tsuda', '津田図書館', 'つだとしょかん', 'Tsuda Library', '050-7102-3123', LIBRARY],
  [
    'ekimae',
    '駅前図書館',
    'えきまえとしょかん',
    'Ekimae (Station) Library',
    '072-841-1103',
    STATION_FRONT,
  ],
]

/** Branch rooms, each with the library that runs it. */
const BRANCH_ROOMS: [Spec, string][] = [
  [
    [
      'fujisaka',
      '藤阪分室',
      'ふじさかぶんしつ',
      'Fujisaka Branch Room',
      BOOKMOBILE_PHONE,
      BRANCH_ROOM,
    ],
    'sugahara',
  ],
  [
    ['murano', '村野分室', 'むらのぶんしつ', 'Murano Branch Room', BOOKMOBILE_PHONE, BRANCH_ROOM],
    'makino',
  ],
  [
    [
      'hirakatakoen',
      '枚方公園分室',
      'ひらかたこうえんぶんしつ',
      'Hirakata-koen Branch Room',
      BOOKMOBILE_PHONE,
      BRANCH_ROOM,
    ],
    'chuo',
  ],
  [
    ['himuro', '氷室分室', 'ひむろぶんしつ', 'Himuro Branch Room', BOOKMOBILE_PHONE, BRANCH_ROOM],
    'tsuda',
  ],
  [
    [
      'korien',
      '香里園分室',
      'こうりえんぶんしつ',
      'Korien Branch Room',
      BOOKMOBILE_PHONE,
      BRANCH_ROOM,
    ],
    'korigaoka',
  ],
  [
    [
      'miyanosaka',
      '宮之阪分室',
      'みやのさかぶんしつ',
      'Miyanosaka Branch Room',
      BOOKMOBILE_PHONE,
      BRANCH_ROOM,
    ],
    'chuo',
  ],
]

/** Made-up stops of the bookmobile 自動車文庫「ひなぎく号」, run from the central library. */
const STATIONS: [Spec, string][] = [
  [
    [
      'st-taguchiyama',
      'ひなぎく号 田口山公園',
      'ひなぎくごうたぐちやまこうえん',
      'Hinagiku bookmobile: Taguchiyama Park',
      BOOKMOBILE_PHONE,
      stop(3, [1, 3], '10:30', '11:10'),
    ],
    'chuo',
  ],
  [
    [
      'st-nagaodai',
      'ひなぎく号 長尾台集会所',
      'ひなぎくごうながおだいしゅうかいしょ',
      'Hinagiku bookmobile: Nagaodai Hall',
      BOOKMOBILE_PHONE,
      stop(2, [2, 4], '14:00', '14:40'),
    ],
    'chuo',
  ],
  [
    [
      'st-hoshigaoka',
      'ひなぎく号 星丘',
      'ひなぎくごうほしがおか',
      'Hinagiku bookmobile: Hoshigaoka',
      BOOKMOBILE_PHONE,
      stop(5, [1, 3], '13:30', '14:10'),
    ],
    'chuo',
  ],
  [
    [
      'st-higashikori',
      'ひなぎく号 東香里',
      'ひなぎくごうひがしこおり',
      'Hinagiku bookmobile: Higashikori',
      BOOKMOBILE_PHONE,
      stop(4, [2, 4], '10:30', '11:10'),
    ],
    'chuo',
  ],
]

/** Made-up pickup lockers at stations; the phone is the library that stocks them. */
const LOCKERS: [Spec, string][] = [
  [
    [
      'lk-hirakatashi',
      '枚方市駅 予約図書受取ロッカー',
      'ひらかたしえきよやくとしょうけとりろっかー',
      'Hirakatashi Station pickup lockers',
      '072-841-1103',
      LOCKER,
    ],
    'ekimae',
  ],
  [
    [
      'lk-kuzuha',
      '樟葉駅 予約図書受取ロッカー',
      'くずはえきよやくとしょうけとりろっかー',
      'Kuzuha Station pickup lockers',
      '050-7102-3113',
      LOCKER,
    ],
    'kuzuha',
  ],
  [
    [
      'lk-nagao',
      '長尾駅 予約図書受取ロッカー',
      'ながおえきよやくとしょうけとりろっかー',
      'Nagao Station pickup lockers',
      '050-7102-3115',
      LOCKER,
    ],
    'sugahara',
  ],
]

/** Where the made-up stations and lockers are, so a patron can choose one. */
const ADDRESSES: Record<string, string> = {
  'st-taguchiyama': '田口山公園 北側駐車場',
  'st-nagaodai': '長尾台集会所 前',
  'st-hoshigaoka': '星丘 ふれあい広場',
  'st-higashikori': '東香里 団地中央バス停横',
  'lk-hirakatashi': '京阪 枚方市駅 中央改札口そば',
  'lk-kuzuha': '京阪 樟葉駅 改札口そば',
  'lk-nagao': 'JR 長尾駅 駅前広場',
}

/** Every place, ids from 1: libraries first (1–9), then branch rooms, stations, lockers. */
export function buildPlaces(): PlaceRow[] {
  const rows: PlaceRow[] = []
  const idOf = new Map<string, number>()
  const add = (spec: Spec, kind: PickupKind, parent: string | null) => {
    const [code, name, yomi, nameEn, phone, calendar] = spec
    const id = rows.length + 1
    idOf.set(code, id)
    const parentId = parent === null ? null : idOf.get(parent)!
    const address = ADDRESSES[code] ?? null
    rows.push({
      id,
      code,
      name,
      nameEn,
      yomi: toKatakana(yomi),
      kind,
      phone,
      parentId,
      address,
      calendar,
    })
  }
  for (const spec of LIBRARIES) add(spec, 'library', null)
  for (const [spec, parent] of BRANCH_ROOMS) add(spec, 'branch_room', parent)
  for (const [spec, parent] of STATIONS) add(spec, 'bookmobile', parent)
  for (const [spec, parent] of LOCKERS) add(spec, 'locker', parent)
  return rows
}
