/**
 * What happened in the demo library before today: each demo patron's loans and holds,
 * written so that every case in README's table is true on whatever day the seed runs.
 * Days are counted back from today; due dates follow core/ and each library's calendar.
 */
import type { Role } from './demo-people.ts'
import { transit } from './demo-transit.ts'
import type { Ledger } from './ledger.ts'
import type { Rng } from './prng.ts'
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

  /** Like `take`, but anywhere in the catalogue rather than the first match. */
  takeAnywhere(rng: Rng, pred: (t: TitleRow) => boolean): TitleRow {
    for (let tries = 0; tries < 50; tries++) {
      const t = rng.pick(this.titles)
      if (this.used.has(t.id) || !pred(t) || !this.ledger.shelfCopy(t.id)) continue
      this.markUsed(t)
      return t
    }
    return this.take(pred)
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

/** A line of README's "try this" list: which title (or copy) shows what. */
export interface DemoNote {
  role: Role
  what: string
  title: string
  barcode?: string
}

export type Others = [PatronRow, PatronRow, PatronRow, PatronRow, PatronRow, PatronRow]

/** Writes every demo case into the ledger; returns the notes for README. */
export function playDemo(ledger: Ledger, pick: Picker, cast: Cast): DemoNote[] {
  const notes: DemoNote[] = []
  const others = cast.others as Others
  ordinary(ledger, pick, cast, others, notes)
  limits(ledger, pick, cast)
  access(ledger, pick, cast, others, notes)
  // The other patrons borrow a little too, so their own pages are not empty.
  for (const [i, o] of others.entries()) {
    ledger.lend(o, pick.take(isBook(i % 2 ? 'novel' : 'picture')), { daysAgo: 1 + i })
    ledger.hold(o, pick.take(ofType(AV[i % 3] as 'cd')), {
      daysAgo: 3 + i,
      pickupId: PLACE.station,
    })
  }
  transit(ledger, pick, others, notes)
  return notes
}

/** 山田 花子: every loan and hold state a patron meets, and her own lists. */
function ordinary(L: Ledger, pick: Picker, cast: Cast, others: Others, notes: DemoNote[]): void {
  const hanako = cast.byRole('ordinary')
  const note = (what: string, t: TitleRow) => notes.push({ role: 'ordinary', what, title: t.title })
  ordinaryLoans(L, pick, cast, others, hanako, note)
  ordinaryHolds(L, pick, cast, others, hanako, note)
  notes.push(counterNote(L, notes))
  for (const [genre, daysAgo] of [
    ['novel', 90],
    ['cooking', 60],
    ['travel', 35],
  ] as const)
    L.returned(hanako, pick.take(isBook(genre)), daysAgo)
  const personal = (kind: 'favourite' | 'want', genre: string, daysAgo: number) =>
    L.lib.personal.push({
      kind,
      patronId: hanako.id,
      titleId: pick.take(isBook(genre)).id,
      loanId: null,
      at: L.at(daysAgo),
    })
  personal('favourite', 'novel', 30)
  personal('favourite', 'history', 25)
  personal('want', 'novel', 12)
}

type Note = (what: string, t: TitleRow) => void

function ordinaryLoans(
  L: Ledger,
  pick: Picker,
  cast: Cast,
  others: Others,
  hanako: PatronRow,
  note: Note,
) {
  const [o1] = others
  const lent = (t: TitleRow, o: Parameters<Ledger['lend']>[2], what: string) => {
    L.lend(hanako, t, o)
    note(what, t)
  }
  lent(pick.take(isBook('novel')), { daysAgo: 3 }, 'renewable (延長できます)')
  const wanted = pick.take(isBook('cooking'))
  L.lendAll(wanted, [hanako], 6)
  L.hold(o1, wanted, { daysAgo: 2, pickupId: PLACE.central })
  note('reserved by another patron: cannot be renewed (RENEW-HELD)', wanted)
  lent(
    pick.take(isBook('picture')),
    { daysAgo: 19, dueIn: -5 },
    'about 5 days overdue (RENEW-OVERDUE)',
  )
  lent(cast.ill[0], { daysAgo: 4, interLibrary: true }, 'inter-library loan (RENEW-ILL)')
  lent(pick.take(ofType('cd')), { daysAgo: 2 }, 'CD: renews once, by 7 days (RENEW-AV)')
  lent(
    pick.take(isBook('travel')),
    { daysAgo: 50, dueIn: 6, renewals: 3 },
    'renewed 3 times: the next renewal stops at loan date + 60 days (RENEW-BOOK)',
  )
}

function ordinaryHolds(
  L: Ledger,
  pick: Picker,
  cast: Cast,
  others: Others,
  hanako: PatronRow,
  note: Note,
) {
  const [o1, o2, o3, o4, o5, o6] = others
  const queued = pick.take(isBook('novel'))
  L.lendAll(queued, [o3, o4], 8)
  L.hold(o1, queued, { daysAgo: 20, pickupId: PLACE.kuzuha })
  L.hold(o2, queued, { daysAgo: 12, pickupId: PLACE.central })
  L.hold(hanako, queued, { daysAgo: 7, pickupId: PLACE.central })
  note('hold waiting, 3rd in the queue (予約順位 3)', queued)
  const ready = pick.take(isBook('history'))
  L.hold(hanako, ready, { daysAgo: 9, pickupId: PLACE.central, state: 'ready', readyDaysAgo: 2 })
  note('hold ready at 中央図書館 (確保中): cannot be cancelled online', ready)
  for (const [i, vol] of cast.set3.entries()) {
    if (i > 0) L.lendAll(vol, [o5, o6], 5 + i)
    const state = i === 0 ? 'in_transit' : 'waiting'
    L.hold(hanako, vol, {
      daysAgo: 4,
      pickupId: PLACE.korigaoka,
      state,
      setGroup: 1,
      volume: i + 1,
    })
  }
  note('set hold 上・中・下 (セット予約): 上 in transit, 中・下 wait for it', cast.set3[0]!)
  L.hold(hanako, cast.ill[1], { daysAgo: 10, pickupId: PLACE.central, interLibrary: true })
  note('inter-library request: cannot be cancelled online (HOLD-CANCEL)', cast.ill[1])
}

/** The counter's try-this: return a copy of the title 山田 花子 waits 3rd for (HOLD-TRANSIT). */
function counterNote(L: Ledger, notes: DemoNote[]): DemoNote {
  const queued = notes.find((n) => n.what.startsWith('hold waiting'))!
  const title = L.lib.titles.find((t) => t.title === queued.title)!
  return {
    role: 'other',
    what: 'check this copy in at 中央図書館: it goes 回送中 to 楠葉図書館, where 吉田 陽子 (first in the queue) collects; receive it at 楠葉 (回送 page) and her hold becomes ready',
    title: title.title,
    barcode: L.copiesOf(title.id)[0]!.barcode,
  }
}

/** 佐藤 健一 at 14 of 15 holds, one paused; 鈴木 美咲 at 6 of 6 AV holds (HOLD-LIMIT). */
function limits(L: Ledger, pick: Picker, cast: Cast): void {
  const kenichi = cast.byRole('holds14')
  L.lend(kenichi, pick.take(isBook('howto')), { daysAgo: 5 })
  for (let i = 0; i < 12; i++) {
    const t = pick.take(isBook(i % 3 === 0 ? 'history' : 'novel'))
    // The newest one is paused for two weeks (HOLD-SUSPEND): 休止中 with 再開 in the app.
    const paused = i === 11 ? { suspendedForDays: 14 } : {}
    L.hold(kenichi, t, { daysAgo: 30 - i, pickupId: PLACE.ekimae, ...paused })
  }
  L.hold(kenichi, pick.take(ofType('dvd')), { daysAgo: 15, pickupId: PLACE.ekimae })
  const ready = { daysAgo: 8, pickupId: PLACE.ekimae, state: 'ready', readyDaysAgo: 1 } as const
  L.hold(kenichi, pick.take(isBook('travel')), ready)

  const misaki = cast.byRole('av6')
  for (const [i, type] of (['cd', 'cd', 'dvd', 'dvd', 'dvd', 'video'] as const).entries())
    L.hold(misaki, pick.take(ofType(type)), { daysAgo: 20 - i, pickupId: PLACE.fujisaka })
  for (let i = 0; i < 2; i++)
    L.hold(misaki, pick.take(isBook('picture')), { daysAgo: 6 - i, pickupId: PLACE.fujisaka })
}

/** The access cases: blocked, wide-area, print-disabled, no password, no e-mail, locker. */
function access(L: Ledger, pick: Picker, cast: Cast, others: Others, notes: DemoNote[]): void {
  const p = cast.byRole
  const makoto = p('blocked')
  const overdue = pick.take(isBook('novel'))
  const loan = L.lend(makoto, overdue, { daysAgo: 84, dueIn: -70 })
  const copy = L.lib.copies.find((c) => c.id === loan.copyId)!
  notes.push({
    role: 'blocked',
    what: 'check this copy in and he can log in again',
    title: overdue.title,
    barcode: copy.barcode,
  })
  L.lend(makoto, pick.take(isBook('howto')), { daysAgo: 6 })
  const ready = { daysAgo: 10, pickupId: PLACE.central, state: 'ready', readyDaysAgo: 3 } as const
  L.hold(makoto, pick.take(isBook('novel')), ready)

  // 高橋 幸子 (expired) has nothing out. 伊藤 直樹 borrows at the counter.
  L.lend(p('wideArea'), pick.take(isBook('history')), { daysAgo: 4 })

  const fumiko = p('printDisabled')
  L.lend(fumiko, pick.take(ofType('audiobook')), { daysAgo: 6 })
  const audio = pick.take(ofType('audiobook'))
  L.lendAll(audio, [others[1]], 3)
  L.hold(fumiko, audio, { daysAgo: 2, pickupId: PLACE.central })
  notes.push({
    role: 'printDisabled',
    what: '録音図書 on hold (a general patron is refused it)',
    title: audio.title,
  })

  L.lend(p('noPassword'), pick.take(isBook('picture')), { daysAgo: 9 })
  L.lend(p('unconfirmedEmail'), pick.take(isBook('cooking')), { daysAgo: 2 })

  const locker = { daysAgo: 5, pickupId: PLACE.locker, state: 'ready', readyDaysAgo: 1 } as const
  const t = pick.take(isBook('novel'))
  L.hold(p('locker'), t, locker)
  notes.push({
    role: 'locker',
    what: 'ready in the 枚方市駅 locker and already on his loan list',
    title: t.title,
  })
}
