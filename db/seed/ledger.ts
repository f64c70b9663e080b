/**
 * Circulation history written straight into rows: lend a copy, place a hold, set a copy
 * aside. Due dates and pickup-by dates come from core/ with each place's calendar, so the
 * seeded library looks exactly as if the app had made it.
 */
import {
  addDays,
  dueDateFor,
  HIRAKATA_POLICY,
  type JstDate,
  jstDate,
  jstInstant,
  type LibraryCalendar,
  openDueDate,
  type Policy,
  pickupBy,
  receivingPlaceId,
  type StationTimetable,
  stationReady,
} from '../../core/index.ts'
import { specialClosures } from './calendar.ts'
import type { CopyRow, HoldRow, Library, LoanRow, PatronRow, PlaceRow, TitleRow } from './rows.ts'

/** Closed dates are written for this window around `now`: enough for any loan or pickup. */
export const CALENDAR_DAYS_BEFORE = 120
export const CALENDAR_DAYS_AFTER = 730

export function libraryCalendar(place: PlaceRow, today: JstDate): LibraryCalendar {
  const from = addDays(today, -CALENDAR_DAYS_BEFORE)
  const to = addDays(today, CALENDAR_DAYS_AFTER)
  return {
    closedWeekdays: place.calendar.weekly.flatMap((h, wd) => (h ? [] : [wd])),
    closedDates: specialClosures(place.calendar, from, to),
  }
}

export interface LendOptions {
  /** The loan date, in days before today. */
  daysAgo: number
  /** The due date in days from today (after renewals); default: the loan period from core. */
  dueIn?: number
  renewals?: number
  interLibrary?: boolean
  /** A particular copy; default: the first copy of the title on the shelf. */
  copy?: CopyRow
  locker?: { holdId: number; libraryId: number }
}

export interface HoldOptions {
  daysAgo: number
  pickupId: number
  state?: 'waiting' | 'in_transit' | 'ready'
  /** For a ready hold: days ago it was set aside. */
  readyDaysAgo?: number
  setGroup?: number
  volume?: number
  interLibrary?: boolean
  /** HOLD-SUSPEND: a waiting hold the patron has paused for this many days from today. */
  suspendedForDays?: number
}

export class Ledger {
  readonly today: JstDate
  private readonly copiesByTitle = new Map<number, CopyRow[]>()
  private readonly calendars = new Map<number, LibraryCalendar>()

  constructor(
    readonly lib: Library,
    now: number,
    readonly policy: Policy = HIRAKATA_POLICY,
  ) {
    this.today = jstDate(now)
    for (const c of lib.copies) {
      const list = this.copiesByTitle.get(c.titleId)
      if (list) list.push(c)
      else this.copiesByTitle.set(c.titleId, [c])
    }
  }

  /** The instant `daysAgo` days before today at Japan wall time `time`. */
  at(daysAgo: number, time = '10:00'): number {
    return jstInstant(addDays(this.today, -daysAgo), time)
  }

  calendar(placeId: number): LibraryCalendar {
    let c = this.calendars.get(placeId)
    if (!c) {
      const place = this.lib.places.find((p) => p.id === placeId)!
      c = libraryCalendar(place, this.today)
      this.calendars.set(placeId, c)
    }
    return c
  }

  copiesOf(titleId: number): CopyRow[] {
    return this.copiesByTitle.get(titleId) ?? []
  }

  shelfCopy(titleId: number): CopyRow | undefined {
    return this.copiesOf(titleId).find((c) => c.status === 'on_shelf')
  }

  lend(patron: PatronRow, title: TitleRow, o: LendOptions): LoanRow {
    const copy = o.copy ?? this.shelfCopy(title.id)
    if (copy?.status !== 'on_shelf')
      throw new Error(`seed: no copy of title ${title.id} on the shelf to lend`)
    const libraryId = o.locker?.libraryId ?? copy.libraryId
    const cal = this.calendar(libraryId)
    const loanDate = addDays(this.today, -o.daysAgo)
    const dueDate =
      o.dueIn === undefined
        ? dueDateFor(loanDate, title.materialType, this.policy, cal)
        : openDueDate(addDays(this.today, o.dueIn), cal, this.policy)
    copy.status = 'on_loan'
    copy.placeId = null
    const loan: LoanRow = {
      id: this.lib.loans.length + 1,
      patronId: patron.id,
      copyId: copy.id,
      libraryId,
      loanDate,
      dueDate,
      renewals: o.renewals ?? 0,
      interLibrary: o.interLibrary ?? false,
      locker: o.locker !== undefined,
      holdId: o.locker?.holdId ?? null,
      loanedAt: this.at(o.daysAgo, '14:30'),
      returnedAt: null,
    }
    this.lib.loans.push(loan)
    return loan
  }

  /** Lend every copy still on the shelf, to these patrons in turn (a title in demand). */
  lendAll(title: TitleRow, borrowers: PatronRow[], daysAgo: number): void {
    let i = 0
    for (let c = this.shelfCopy(title.id); c; c = this.shelfCopy(title.id)) {
      this.lend(borrowers[i++ % borrowers.length]!, title, { daysAgo, copy: c })
    }
  }

  /** A past loan, returned, kept in the patron's My本棚 history. */
  returned(patron: PatronRow, title: TitleRow, daysAgo: number): void {
    const copy = this.copiesOf(title.id)[0]!
    const loan: LoanRow = {
      id: this.lib.loans.length + 1,
      patronId: patron.id,
      copyId: copy.id,
      libraryId: copy.libraryId,
      loanDate: addDays(this.today, -daysAgo),
      dueDate: addDays(this.today, -daysAgo + 14),
      renewals: 0,
      interLibrary: false,
      locker: false,
      holdId: null,
      loanedAt: this.at(daysAgo, '11:00'),
      returnedAt: this.at(daysAgo - 10, '16:00'),
    }
    this.lib.loans.push(loan)
    const at = loan.loanedAt
    this.lib.personal.push({
      kind: 'history',
      patronId: patron.id,
      titleId: title.id,
      loanId: loan.id,
      at,
    })
  }

  hold(patron: PatronRow, title: TitleRow, o: HoldOptions): HoldRow {
    const state = o.state ?? 'waiting'
    const hold: HoldRow = {
      id: this.lib.holds.length + 1,
      patronId: patron.id,
      titleId: title.id,
      copyId: null,
      pickupPlaceId: o.pickupId,
      placedAt: this.at(o.daysAgo, '20:15'),
      state,
      readyAt: null,
      pickupBy: null,
      setGroup: o.setGroup ?? null,
      volume: o.volume ?? null,
      interLibrary: o.interLibrary ?? false,
      loanId: null,
      ...(o.suspendedForDays ? { suspendedUntil: addDays(this.today, o.suspendedForDays) } : {}),
    }
    this.lib.holds.push(hold)
    if (state !== 'waiting') this.setAside(hold, patron, title, o.readyDaysAgo ?? 1)
    return hold
  }

  /**
   * Give a hold a copy: in transit to where the hold is received (HOLD-TRANSIT; a copy from
   * another library), or ready there (HOLD-READY, HOLD-LOCKER; a station hold is ready for
   * its next visit, HOLD-BOOKMOBILE).
   */
  private setAside(hold: HoldRow, patron: PatronRow, title: TitleRow, readyDaysAgo: number) {
    const place = this.lib.places.find((p) => p.id === hold.pickupPlaceId)!
    const dest = receivingPlaceId(place)
    const away = this.copiesOf(title.id).find(
      (c) => c.status === 'on_shelf' && (c.placeId ?? c.libraryId) !== dest,
    )
    const copy = (hold.state === 'in_transit' ? away : undefined) ?? this.shelfCopy(title.id)
    if (!copy) throw new Error(`seed: no copy of title ${title.id} to set aside`)
    hold.copyId = copy.id
    if (hold.state === 'in_transit') {
      this.travel(copy, dest, this.at(readyDaysAgo, '16:00'))
      return
    }
    hold.readyAt = this.at(readyDaysAgo, '09:20')
    hold.pickupBy = pickupBy(hold.readyAt, place.kind, this.policy, this.calendar(place.id))
    if (place.kind === 'bookmobile') {
      const station = stationReady(hold.readyAt, this.timetable(place), this.policy)
      if (station) {
        hold.pickupBy = station.pickupBy
        hold.visitStartsAt = station.visit.startsAt
        hold.visitEndsAt = station.visit.endsAt
      }
    }
    if (place.kind === 'locker') {
      const locker = { holdId: hold.id, libraryId: place.parentId! }
      const loan = this.lend(patron, title, { daysAgo: readyDaysAgo, copy, locker })
      hold.loanId = loan.id
    } else {
      copy.status = 'on_hold_shelf'
      copy.placeId = place.id
    }
  }

  /** HOLD-TRANSIT: the copy leaves where it stands for `toId` at `since` (回送中). */
  travel(copy: CopyRow, toId: number, since: number): void {
    copy.transit = { toId, fromId: copy.placeId ?? copy.libraryId, since }
    copy.status = 'in_transit'
    copy.placeId = toId
  }

  /** HOLD-BOOKMOBILE: a station's timetable, from its calendar and its visit hours. */
  timetable(place: PlaceRow): StationTimetable {
    const hours: StationTimetable['hours'] = {}
    for (const [wd, h] of place.calendar.weekly.entries())
      if (h) hours[wd] = { start: h.open, end: h.close }
    return { calendar: this.calendar(place.id), hours }
  }
}
