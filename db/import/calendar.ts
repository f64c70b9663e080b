/**
 * `calendar`: closed days (整理休館日, 年末年始, 臨時休館), CSV/TSV `place, date, note, deleted`,
 * or an iCalendar file (.ics, read with ical.js): each all-day event closes its days
 * (DTEND exclusive), SUMMARY is the note, LOCATION the place code (none: every library), and a
 * CANCELLED event reopens them.
 * `place` is a place code, or `*` for every library. Closed days are added or their note
 * changed; a day the library reopens is removed by a line with `deleted` = 1. Weekly closed
 * days come with places (`hours`).
 */

import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { eq, inArray } from 'drizzle-orm'
import ICAL from 'ical.js'
import { type ClosedDayInput, deleteClosedDays, upsertClosedDays } from '../import-rows.ts'
import { closedDates, places } from '../schema.ts'
import { all, date, flag, required } from './csv-fields.ts'
import { csvItems, FileRefused } from './csv-read.ts'
import type { Item, Kind, Tallied } from './kind.ts'
import { placeIdsByCode } from './lookups.ts'
import { type Refusal, refuse } from './rejections.ts'

export const CALENDAR_COLUMNS = ['place', 'date', 'note', 'deleted'] as const

export interface ClosedDayCsv {
  place: string
  date: string
  note: string | null
  deleted: boolean
}

export function closedDayFromCsv(
  r: Record<string, string>,
): { value: ClosedDayCsv } | { refusal: Refusal } {
  const f = all({
    place: required(r, 'place', '館コード'),
    date: date(r, 'date'),
    deleted: flag(r, 'deleted'),
  })
  if ('refusal' in f) return f
  if (!f.value.date) return { refusal: refuse('date', '日付が空です', 'the date is empty') }
  return {
    value: {
      place: f.value.place,
      date: f.value.date,
      deleted: f.value.deleted,
      note: r.note || null,
    },
  }
}

const isIcs = (path: string) => extname(path).toLowerCase() === '.ics'

/** Closed days of an iCalendar file, numbered by event; a calendar file is small, read whole. */
async function* readIcs(path: string): AsyncGenerator<Item<ClosedDayCsv>> {
  let events: ICAL.Component[]
  try {
    events = new ICAL.Component(ICAL.parse(await readFile(path, 'utf8'))).getAllSubcomponents(
      'vevent',
    )
  } catch {
    throw new FileRefused(
      'iCalendar（.ics）として読めません',
      'not a readable iCalendar (.ics) file',
    )
  }
  for (const [i, component] of events.entries()) {
    const at = i + 1
    const event = new ICAL.Event(component)
    if (!event.startDate) {
      yield { at, refusal: refuse('DTSTART', '開始日がありません', 'the event has no start date') }
      continue
    }
    const start = event.startDate.toJSDate()
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const first = new Date(start.getFullYear(), start.getMonth(), start.getDate())
    const endDate = event.endDate?.toJSDate()
    const days = endDate
      ? Math.max(1, Math.round((endDate.getTime() - first.getTime()) / 86_400_000))
      : 1
    if (days > 366) {
      yield {
        at,
        refusal: refuse(
          'DTEND',
          '休館期間が1年を超えています',
          'the closure is longer than a year',
        ),
      }
      continue
    }
    const cancelled =
      String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED'
    for (let d = 0; d < days; d++)
      yield {
        at,
        value: {
          place: String(component.getFirstPropertyValue('location') ?? '').trim() || '*',
          date: day(new Date(first.getFullYear(), first.getMonth(), first.getDate() + d)),
          note: event.summary || null,
          deleted: cancelled,
        },
      }
  }
}

export const calendarKind: Kind<ClosedDayCsv> = {
  name: 'calendar',
  unit: (path) => (isIcs(path) ? 'record' : 'line'),
  read: (path, o) =>
    isIcs(path)
      ? readIcs(path)
      : csvItems(
          path,
          { encoding: o.encoding, required: ['place', 'date'], onBytes: o.onBytes },
          closedDayFromCsv,
        ),
  async write({ db }, rows) {
    const placeIds = await placeIdsByCode(db)
    const libraries = (
      await db.orm.select({ id: places.id }).from(places).where(eq(places.kind, 'library'))
    ).map((p) => p.id)
    const days: ClosedDayInput[] = []
    const refused: { at: number; refusal: Refusal }[] = []
    for (const { at, value: d } of rows) {
      const ids =
        d.place === '*' ? libraries : placeIds.has(d.place) ? [placeIds.get(d.place)!] : []
      if (ids.length === 0)
        refused.push({
          at,
          refusal: refuse(
            'place',
            `館コード「${d.place}」がありません`,
            `no place with code "${d.place}"`,
          ),
        })
      for (const placeId of ids)
        days.push({ placeId, date: d.date, note: d.note, deleted: d.deleted })
    }
    const keep = days.filter((d) => !d.deleted)
    const existing = new Set<string>()
    const dates = [...new Set(keep.map((d) => d.date))]
    for (let i = 0; i < dates.length; i += 90) {
      const found = await db.orm
        .select({ placeId: closedDates.placeId, date: closedDates.date })
        .from(closedDates)
        .where(inArray(closedDates.date, dates.slice(i, i + 90)))
      for (const r of found) existing.add(`${r.placeId}:${r.date}`)
    }
    const isOld = (d: ClosedDayInput) => existing.has(`${d.placeId}:${d.date}`)
    const statements: Tallied[] = [
      ...upsertClosedDays(
        db,
        keep.filter((d) => !isOld(d)),
        true,
      ).map((statement) => ({ statement, tally: 'upsert' as const })),
      ...upsertClosedDays(db, keep.filter(isOld), false).map((statement) => ({
        statement,
        tally: 'upsert' as const,
      })),
      ...deleteClosedDays(days.filter((d) => d.deleted)).map((statement) => ({
        statement,
        tally: 'withdraw' as const,
      })),
    ]
    return { statements, refused }
  },
  finish: () => [],
}
