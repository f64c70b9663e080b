/**
 * Reading the facts core/ decides over: rows mapped onto core's plain shapes. Every
 * operation gathers with these, asks core, then writes with the facts re-checked in SQL.
 */
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  type Hold,
  isClockTime,
  type LibraryCalendar,
  type Loan,
  type Patron,
  type Place,
  placeWithRunner,
  type StationTimetable,
} from '../core/index.ts'
import type { Db } from './client.ts'
import { closedDates, copies, holds, lineLinks, loans, patrons, places, titles } from './schema.ts'

export type PatronRow = typeof patrons.$inferSelect
export type PlaceRow = typeof places.$inferSelect

/** A patron as core sees it. Reachable = a confirmed e-mail or a followed LINE link. */
export function toPatron(row: PatronRow, lineFollowed: boolean | null): Patron {
  return {
    id: row.id,
    number: row.number,
    category: row.category,
    expiresOn: row.expiresOn,
    hasPassword: row.passwordHash !== null,
    reachable: row.emailConfirmed || lineFollowed === true,
  }
}

export async function patronFacts(
  db: Db,
  where: { id: number } | { number: string },
): Promise<{ row: PatronRow; patron: Patron } | null> {
  const rows = await db.orm
    .select({ p: patrons, followed: lineLinks.followed })
    .from(patrons)
    .leftJoin(lineLinks, eq(lineLinks.patronId, patrons.id))
    .where('id' in where ? eq(patrons.id, where.id) : eq(patrons.number, where.number))
  const r = rows[0]
  return r ? { row: r.p, patron: toPatron(r.p, r.followed) } : null
}

export async function placeFacts(db: Db, id: number): Promise<PlaceRow | null> {
  const rows = await db.orm.select().from(places).where(eq(places.id, id))
  return rows[0] ?? null
}

/** The places table again, as the library that runs a place (its parent row). */
export const runners = alias(places, 'runner')

/**
 * The join to a place's runner: only one in service, as the library system's `place` answers
 * (a library closed for works is nobody to phone), so a refusal's words and its call button,
 * read by different paths, name the same library (or both the library-wide contact).
 */
export const runnerOf = and(eq(runners.id, places.parentId), eq(runners.active, true))

/**
 * A hold's pickup place as core sees it, with the library that runs it: whom a patron phones
 * about a hold at a locker or a bookmobile station (core pickupContact). One query.
 */
export async function pickupFacts(db: Db, id: number): Promise<Place | null> {
  const [row] = await db.orm
    .select({ p: places, runner: runners })
    .from(places)
    .leftJoin(runners, runnerOf)
    .where(eq(places.id, id))
  return row ? placeWithRunner(row.p, row.runner) : null
}

/** LOAN-DUE-OPEN: a place's closed weekdays and dates. */
export async function calendarOf(db: Db, placeId: number | null): Promise<LibraryCalendar> {
  if (placeId === null) return { closedWeekdays: [], closedDates: [] }
  const [place] = await db.orm
    .select({ weekdays: places.closedWeekdays })
    .from(places)
    .where(eq(places.id, placeId))
  const dates = await db.orm
    .select({ date: closedDates.date })
    .from(closedDates)
    .where(eq(closedDates.placeId, placeId))
  return {
    closedWeekdays: parseWeekdays(place?.weekdays),
    closedDates: dates.map((d) => d.date),
  }
}

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/**
 * HOLD-BOOKMOBILE: a station's timetable from its row: the days it is visited are its
 * calendar, the visit's hours are its opening hours (`{"wed":["10:30","11:10"]}`).
 */
export function timetableOf(place: PlaceRow, calendar: LibraryCalendar): StationTimetable {
  const hours: StationTimetable['hours'] = {}
  try {
    const v: unknown = JSON.parse(place.openingHours ?? '{}')
    if (v && typeof v === 'object')
      for (const [day, span] of Object.entries(v)) {
        const wd = DAY_KEYS.indexOf(day)
        if (wd >= 0 && Array.isArray(span) && isClockTime(span[0]) && isClockTime(span[1]))
          hours[wd] = { start: span[0], end: span[1] }
      }
  } catch {
    // Unreadable hours: no visits, and the hold falls back to HOLD-EXPIRE's days.
  }
  return { calendar, hours }
}

export function parseWeekdays(json: string | undefined): number[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]')
    return Array.isArray(v) ? v.filter((d): d is number => Number.isInteger(d)) : []
  } catch {
    return []
  }
}

/** SQL: another patron has a hold waiting on the loan's title (RENEW-HELD). */
export const heldByOthersSql = sql<number>`EXISTS (SELECT 1 FROM holds hw
  WHERE hw.title_id = ${copies.titleId} AND hw.state = 'waiting' AND hw.patron_id <> ${loans.patronId})`

/** A patron's open loans, as core's Loan plus what a list shows. */
export async function openLoanFacts(db: Db, patronId: number) {
  const rows = await db.orm
    .select({
      loan: loans,
      titleId: copies.titleId,
      barcode: copies.barcode,
      title: titles.title,
      author: titles.author,
      materialType: titles.materialType,
      heldByOthers: heldByOthersSql,
    })
    .from(loans)
    .innerJoin(copies, eq(copies.id, loans.copyId))
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(and(eq(loans.patronId, patronId), isNull(loans.returnedAt)))
    .orderBy(loans.dueDate, loans.id)
  return rows.map((r) => ({ ...r, core: toLoan(r) }))
}

function toLoan(r: {
  loan: typeof loans.$inferSelect
  titleId: number
  materialType: Loan['materialType']
  heldByOthers: number
}): Loan {
  return {
    id: r.loan.id,
    titleId: r.titleId,
    materialType: r.materialType,
    loanDate: r.loan.loanDate,
    dueDate: r.loan.dueDate,
    renewals: r.loan.renewals,
    interLibrary: r.loan.interLibrary,
    heldByOthers: Boolean(r.heldByOthers),
  }
}

export type HoldRow = typeof holds.$inferSelect

export function toHold(row: HoldRow, materialType: Hold['materialType']): Hold {
  return {
    id: row.id,
    patronId: row.patronId,
    titleId: row.titleId,
    materialType,
    state: row.state,
    placedAt: row.placedAt,
    pickupPlaceId: row.pickupPlaceId,
    setGroup: row.setGroup,
    volume: row.volume,
    interLibrary: row.interLibrary,
    suspendedUntil: row.suspendedUntil,
  }
}

/** Holds matching `where`, as core's Hold with the row beside it. */
export async function holdFacts(db: Db, where: SQL | undefined) {
  const rows = await db.orm
    .select({ h: holds, materialType: titles.materialType })
    .from(holds)
    .innerJoin(titles, eq(titles.id, holds.titleId))
    .where(where)
  return rows.map((r) => ({ row: r.h, core: toHold(r.h, r.materialType) }))
}

export const ACTIVE = ['waiting', 'in_transit', 'ready'] as const

/** The patron's active holds (HOLD-LIMIT, HOLD-DUPLICATE). */
export function activeHoldFacts(db: Db, patronId: number) {
  return holdFacts(db, and(eq(holds.patronId, patronId), inArray(holds.state, [...ACTIVE])))
}
