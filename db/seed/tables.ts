/**
 * Seed rows in the shape of the drizzle tables (db/schema.ts). The demo loader and the
 * benchmark generator both go through these, so the schema stays the one source of truth.
 */
import type * as schema from '../schema.ts'
import { closureNote } from './calendar.ts'
import { libraryCalendar } from './ledger.ts'
import type {
  CopyRow,
  HoldRow,
  LoanRow,
  PatronRow,
  PersonalRow,
  PlaceRow,
  TitleRow,
} from './rows.ts'

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert']

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

export function placeValues(p: PlaceRow): Insert<typeof schema.places> {
  const hours = Object.fromEntries(
    p.calendar.weekly.flatMap((h, wd) => (h ? [[DAY_KEYS[wd], [h.open, h.close]]] : [])),
  )
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    kind: p.kind,
    parentId: p.parentId,
    phone: p.phone,
    address: p.address,
    openingHours: JSON.stringify(hours),
    closedWeekdays: JSON.stringify(p.calendar.weekly.flatMap((h, wd) => (h ? [] : [wd]))),
    active: true,
    sortOrder: p.id,
  }
}

/** Closed dates for the window the ledger uses, with why (館内整理日, 年末年始, 運行なし). */
export function closedDateValues(p: PlaceRow, today: string): Insert<typeof schema.closedDates>[] {
  return libraryCalendar(p, today).closedDates.map((date) => ({
    placeId: p.id,
    date,
    note: closureNote(p.calendar, date),
  }))
}

export function titleValues(t: TitleRow, now: number): Insert<typeof schema.titles> {
  return {
    id: t.id,
    title: t.title,
    yomi: t.yomi,
    author: t.author ?? '',
    authorYomi: t.authorYomi ?? '',
    publisher: t.publisher,
    year: t.year,
    isbn: t.isbn?.replaceAll('-', '') ?? null,
    materialType: t.materialType,
    setId: t.setId,
    volume: t.volume,
    notForLoan: t.notForLoan,
    // Catalogued in April of its year, or yesterday for this year's books.
    createdAt: Math.min(Date.UTC(t.year, 3, 1), now - 86_400_000),
  }
}

export function copyValues(c: CopyRow): Insert<typeof schema.copies> {
  return {
    id: c.id,
    barcode: c.barcode,
    titleId: c.titleId,
    homeLibraryId: c.libraryId,
    callNumber: c.callNumber,
    status: c.status,
    currentPlaceId: c.placeId,
    transitToId: c.transit?.toId ?? null,
    transitFromId: c.transit?.fromId ?? null,
    transitSince: c.transit?.since ?? null,
  }
}

export function patronValues(
  p: PatronRow,
  passwordHash: string | null,
): Insert<typeof schema.patrons> {
  return {
    id: p.id,
    number: p.number,
    name: p.name,
    nameYomi: p.nameYomi,
    phone: p.phone,
    category: p.category,
    status: p.status,
    expiresOn: p.expiresOn,
    passwordHash,
    email: p.email,
    emailConfirmed: p.emailConfirmed,
    historyOptIn: p.historyOptIn,
    homeLibraryId: p.homeLibraryId,
    createdAt: p.createdAt,
  }
}

export function loanValues(l: LoanRow): Insert<typeof schema.loans> {
  return { ...l }
}

export function holdValues(h: HoldRow): Insert<typeof schema.holds> {
  return {
    ...h,
    // A ready hold's notice went out when it was set aside.
    noticeState: h.state === 'ready' ? 'sent' : null,
    endedAt: null,
  }
}

export function favouriteValues(r: PersonalRow): Insert<typeof schema.favourites> {
  return { patronId: r.patronId, titleId: r.titleId, createdAt: r.at }
}

export function historyValues(
  r: PersonalRow,
  borrowedOn: string,
): Insert<typeof schema.readingHistory> {
  return { patronId: r.patronId, titleId: r.titleId, loanId: r.loanId, borrowedOn }
}

export function wantValues(r: PersonalRow): Insert<typeof schema.wantToRead> {
  return { patronId: r.patronId, titleId: r.titleId, note: null, createdAt: r.at }
}
