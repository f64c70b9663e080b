/**
 * What happened in the demo library before today: each demo patron's loans and holds,
 * written so that every case in README's table is true on whatever day the seed runs.
 * Days are counted back from today; due dates follow core/ and each library's calendar.
 */
import type { Role } from './demo-people.ts'
import type { Ledger } from './ledger.ts'
import type { PatronRow, TitleRow } from './rows.ts'

/** Takes titles for the script, each one once, so one case never disturbs another. */
export class Picker {
  private readonly used = new Set<number>()
  constructor(
    private readonly titles: readonly TitleRow[],
    private readonly ledger: Ledger,
  ) {}

  take(pred: (t: TitleRow) => boolean, minCopies = 1): TitleRow {
    const t = this.titles.find(
      (t) =>
        !this.used.has(t.id) &&
        pred(t) &&
        this.ledger.copiesOf(t.id).filter((c) => c.status === 'on_shelf').length >= minCopies,
    )
    if (!t) throw new Error('seed: the catalogue has no title left for a demo case')
    this.markUsed(t)
    return t
  }

  markUsed(t: TitleRow): void {
    this.used.add(t.id)
  }

  isUsed(id: number): boolean {
    return this.used.has(id)
  }
}

const loanable = (t: TitleRow) => !t.notForLoan && t.setId === null
export const isBook = (genre?: string) => (t: TitleRow) =>
  loanable(t) && t.materialType === 'book' && (!genre || t.genre === genre)
const ofType = (type: TitleRow['materialType']) => (t: TitleRow) =>
  loanable(t) && t.materialType === type
const AV = ['cd', 'dvd', 'video']

/** Place ids (see places.ts): libraries 1–9, branch rooms 10–15, stations 16–19, lockers 20–22. */
export const PLACE = {
  central: 1,
  korigaoka: 2,
  kuzuha: 3,
  ekimae: 9,
  fujisaka: 10,
  station: 16,
  locker: 20,
}

export interface Cast {
  byRole: (role: Role) => PatronRow
  others: PatronRow[]
  /** Titles made for inter-library cases: [lent from elsewhere, requested from elsewhere]. */
  ill: [TitleRow, TitleRow]
  /** A three-volume set for the set hold. */
  set3: TitleRow[]
}

export function playDemo(ledger: Ledger, pick: Picker, cast: Cast): void {
  const p = cast.byRole
  const [o1, o2, o3, o4, o5, o6] = cast.others as [
    PatronRow,
    PatronRow,
    PatronRow,
    PatronRow,
    PatronRow,
    PatronRow,
  ]
  const L = ledger

  // 山田 花子: every loan and hold state a patron meets.
  const hanako = p('ordinary')
  L.lend(hanako, pick.take(isBook('novel')), { daysAgo: 3 })
  const wanted = pick.take(isBook('cooking'))
  L.lendAll(wanted, [hanako], 6)
  L.hold(o1, wanted, { daysAgo: 2, pickupId: PLACE.central })
  L.lend(hanako, pick.take(isBook('picture')), { daysAgo: 19, dueIn: -5 })
  L.lend(hanako, cast.ill[0], { daysAgo: 4, interLibrary: true })
  L.lend(hanako, pick.take(ofType('cd')), { daysAgo: 2 })
  L.lend(hanako, pick.take(isBook('travel')), { daysAgo: 50, dueIn: 6, renewals: 3 })
  const queued = pick.take(isBook('novel'))
  L.lendAll(queued, [o3, o4], 8)
  L.hold(o1, queued, { daysAgo: 20, pickupId: PLACE.kuzuha })
  L.hold(o2, queued, { daysAgo: 12, pickupId: PLACE.central })
  L.hold(hanako, queued, { daysAgo: 7, pickupId: PLACE.central })
  L.hold(hanako, pick.take(isBook('history')), {
    daysAgo: 9,
    pickupId: PLACE.central,
    state: 'ready',
    readyDaysAgo: 2,
  })
  cast.set3.forEach((vol, i) => {
    if (i > 0) L.lendAll(vol, [o5, o6], 5 + i)
    const state = i === 0 ? 'in_transit' : 'waiting'
    L.hold(hanako, vol, {
      daysAgo: 4,
      pickupId: PLACE.korigaoka,
      state,
      setGroup: 1,
      volume: i + 1,
    })
  })
  L.hold(hanako, cast.ill[1], { daysAgo: 10, pickupId: PLACE.central, interLibrary: true })
  for (const [genre, daysAgo] of [
    ['novel', 90],
    ['cooking', 60],
    ['travel', 35],
  ] as const)
    L.returned(hanako, pick.take(isBook(genre)), daysAgo)
  for (const genre of ['novel', 'history'])
    L.lib.personal.push({
      kind: 'favourite',
      patronId: hanako.id,
      titleId: pick.take(isBook(genre)).id,
      loanId: null,
      at: L.at(30),
    })
  L.lib.personal.push({
    kind: 'want',
    patronId: hanako.id,
    titleId: pick.take(isBook('novel')).id,
    loanId: null,
    at: L.at(12),
  })

  // 佐藤 健一: 14 of 15 holds, one of them ready and one a DVD.
  const kenichi = p('holds14')
  L.lend(kenichi, pick.take(isBook('howto')), { daysAgo: 5 })
  for (let i = 0; i < 12; i++)
    L.hold(kenichi, pick.take(isBook(i % 3 === 0 ? 'history' : 'novel')), {
      daysAgo: 30 - i,
      pickupId: PLACE.ekimae,
    })
  L.hold(kenichi, pick.take(ofType('dvd')), { daysAgo: 15, pickupId: PLACE.ekimae })
  L.hold(kenichi, pick.take(isBook('travel')), {
    daysAgo: 8,
    pickupId: PLACE.ekimae,
    state: 'ready',
    readyDaysAgo: 1,
  })

  // 鈴木 美咲: 6 AV holds and 2 books.
  const misaki = p('av6')
  for (const [i, type] of ['cd', 'cd', 'dvd', 'dvd', 'dvd', 'video'].entries())
    L.hold(misaki, pick.take(ofType(type as 'cd')), { daysAgo: 20 - i, pickupId: PLACE.fujisaka })
  for (let i = 0; i < 2; i++)
    L.hold(misaki, pick.take(isBook('picture')), { daysAgo: 6 - i, pickupId: PLACE.fujisaka })

  // 田中 誠: one loan 70 days overdue blocks him; he also has a ready hold he cannot borrow.
  const makoto = p('blocked')
  L.lend(makoto, pick.take(isBook('novel')), { daysAgo: 84, dueIn: -70 })
  L.lend(makoto, pick.take(isBook('howto')), { daysAgo: 6 })
  L.hold(makoto, pick.take(isBook('novel')), {
    daysAgo: 10,
    pickupId: PLACE.central,
    state: 'ready',
    readyDaysAgo: 3,
  })

  // 高橋 幸子 (expired) has nothing out. 伊藤 直樹 borrows at the counter.
  L.lend(p('wideArea'), pick.take(isBook('history')), { daysAgo: 4 })

  // 渡辺 文子: 録音図書 on loan and on hold.
  const fumiko = p('printDisabled')
  L.lend(fumiko, pick.take(ofType('audiobook')), { daysAgo: 6 })
  const audio = pick.take(ofType('audiobook'))
  L.lendAll(audio, [o2], 3)
  L.hold(fumiko, audio, { daysAgo: 2, pickupId: PLACE.central })

  L.lend(p('noPassword'), pick.take(isBook('picture')), { daysAgo: 9 })
  L.lend(p('unconfirmedEmail'), pick.take(isBook('cooking')), { daysAgo: 2 })

  // 加藤 亮: ready in the Hirakatashi Station locker, lent to him when it was put in.
  const ryo = p('locker')
  L.hold(ryo, pick.take(isBook('novel')), {
    daysAgo: 5,
    pickupId: PLACE.locker,
    state: 'ready',
    readyDaysAgo: 1,
  })

  // The other patrons borrow a little too, so their own pages are not empty.
  for (const [i, o] of [o1, o2, o3, o4, o5, o6].entries()) {
    L.lend(o, pick.take(isBook(i % 2 ? 'novel' : 'picture')), { daysAgo: 1 + i })
    L.hold(o, pick.take(ofType(AV[i % 3] as 'cd')), { daysAgo: 3 + i, pickupId: PLACE.station })
  }
}
