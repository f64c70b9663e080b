/**
 * The demo loads into a fresh migrated SQLite database and every case README lists is really
 * there: each is checked by querying the database, and through the db operations where they
 * exist (queue positions, cancel rules, check-in).
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOpenDay } from '../../core/calendar.ts'
import { addDays, daysBetween, jstDate, jstInstant } from '../../core/dates.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { checkIn } from '../circulation.ts'
import type { Db } from '../client.ts'
import { calendarOf } from '../facts.ts'
import { listHolds } from '../hold-list.ts'
import { verifyPassword } from '../password.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { overdueTransits, transitList } from '../transit.ts'
import { buildDemo } from './demo.ts'
import { DEMO_PEOPLE, patronNumber } from './demo-people.ts'
import { libraryStatements, seedDemo } from './load.ts'

const NOW = jstInstant('2026-12-27', '10:30') // right before the year-end closing
const TODAY = jstDate(NOW)
let db: Db & { close(): void }

const idOf = (role: string) => DEMO_PEOPLE.findIndex((p) => p.role === role) + 1
const rows = <T>(q: ReturnType<typeof sql>) => db.all<T>(q)
const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(q))[0] as T

beforeAll(async () => {
  db = openSqlite(':memory:')
  migrate(db)
  expect(await seedDemo(db, NOW)).toBe(true)
})
afterAll(() => db.close())

it('loads once: a second run finds the library and changes nothing', async () => {
  const before = await one<{ n: number }>(sql`SELECT count(*) AS n FROM titles`)
  expect(before.n).toBeGreaterThanOrEqual(2_000)
  expect(await seedDemo(db, NOW)).toBe(false)
  expect(await one<{ n: number }>(sql`SELECT count(*) AS n FROM titles`)).toEqual(before)
})

it('finds Japanese words inside titles through the trigram index', async () => {
  const hit = await one<{ n: number }>(
    sql`SELECT count(*) AS n FROM titles_fts WHERE titles_fts MATCH ${'"図書館"'} OR titles_fts MATCH ${'"の歴史"'}`,
  )
  expect(hit.n).toBeGreaterThan(0)
})

it('keeps closed days: every place shut over New Year, libraries shut on their shelf days', async () => {
  const year = Number(TODAY.slice(0, 4))
  const newYear = [29, 30, 31]
    .map((d) => `${year}-12-${d}`)
    .concat(['01', '02', '03'].map((d) => `${year + 1}-01-${d}`))
  for (let placeId = 1; placeId <= 22; placeId++) {
    const cal = await calendarOf(db, placeId)
    for (const d of newYear)
      expect(isOpenDay(d, cal, HIRAKATA_POLICY), `${placeId} ${d}`).toBe(false)
  }
  const shelfDays = await one<{ n: number }>(
    sql`SELECT count(*) AS n FROM closed_dates WHERE note = '館内整理日'`,
  )
  expect(shelfDays.n).toBeGreaterThan(100)
  const central = await calendarOf(db, 1)
  expect(isOpenDay(TODAY, central, HIRAKATA_POLICY)).toBe(true)
})

describe('the demo patrons', () => {
  it('sign in with the passwords in the table; the one without a password has none', async () => {
    for (const [i, p] of DEMO_PEOPLE.entries()) {
      const row = await one<{ hash: string | null; number: string }>(
        sql`SELECT password_hash AS hash, number FROM patrons WHERE id = ${i + 1}`,
      )
      expect(row.number).toBe(patronNumber(i + 1))
      if (p.password === null) expect(row.hash).toBeNull()
      else if (i < 2) expect(await verifyPassword(p.password, row.hash)).toBe(true)
      else expect(row.hash).toMatch(/^pbkdf2-sha256\$/)
    }
  })

  it('ordinary: renewable, reserved-by-another, overdue, inter-library and AV loans', async () => {
    const loans = await rows<{
      due: string
      renewals: number
      ill: number
      held: number
      type: string
    }>(sql`
      SELECT l.due_date AS due, l.renewals, l.inter_library AS ill, t.material_type AS type,
        (SELECT count(*) FROM holds h WHERE h.title_id = c.title_id AND h.state = 'waiting'
           AND h.patron_id <> l.patron_id) AS held
      FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id
      WHERE l.patron_id = ${idOf('ordinary')} AND l.returned_at IS NULL`)
    const free = loans.filter((l) => l.due >= TODAY && !l.held && !l.ill && l.type === 'book')
    expect(free.length, 'renewable').toBeGreaterThan(0)
    expect(
      loans.filter((l) => l.held > 0 && l.due >= TODAY),
      'RENEW-HELD',
    ).toHaveLength(1)
    const late = loans.filter((l) => l.due < TODAY).map((l) => daysBetween(l.due, TODAY))
    expect(late).toHaveLength(1)
    expect(late[0]).toBeGreaterThanOrEqual(3)
    expect(late[0]).toBeLessThanOrEqual(7)
    expect(
      loans.filter((l) => l.ill === 1),
      'RENEW-ILL',
    ).toHaveLength(1)
    expect(
      loans.filter((l) => l.type === 'cd' && l.renewals === 0),
      'RENEW-AV',
    ).toHaveLength(1)
  })

  it('ordinary: a hold 3rd in the queue, a ready hold, a set and an inter-library request', async () => {
    const listed = await listHolds(db, { patronId: idOf('ordinary') }, NOW, HIRAKATA_POLICY)
    if (!listed.ok) throw new Error(listed.reason)
    const holds = listed.value
    expect(holds.some((h) => h.state === 'waiting' && h.queuePosition === 3)).toBe(true)
    const ready = holds.filter((h) => h.state === 'ready')
    expect(ready).toHaveLength(1)
    expect(ready[0]!.pickupBy! >= TODAY).toBe(true)
    expect(ready[0]!.cancel.ok).toBe(false)
    const set = holds.filter((h) => h.setGroup !== null).sort((a, b) => a.volume! - b.volume!)
    expect(set.map((h) => [h.volume, h.state])).toEqual([
      [1, 'in_transit'],
      [2, 'waiting'],
      [3, 'waiting'],
    ])
    const ill = holds.filter((h) => h.interLibrary)
    expect(ill).toHaveLength(1)
    expect(ill[0]!.cancel.ok).toBe(false)
  })

  it('holds14 has 14 active holds and av6 has 6 active CD/DVD/video holds', async () => {
    const count = (role: string, types: string[]) =>
      one<{ n: number }>(sql`SELECT count(*) AS n FROM holds h JOIN titles t ON t.id = h.title_id
        WHERE h.patron_id = ${idOf(role)} AND h.state IN ('waiting','in_transit','ready')
          AND t.material_type IN (${sql.join(
            types.map((t) => sql`${t}`),
            sql`, `,
          )})`)
    const all = ['book', 'magazine', 'manga', 'kamishibai', 'cd', 'dvd', 'video', 'audiobook']
    expect((await count('holds14', all)).n).toBe(14)
    expect((await count('av6', ['cd', 'dvd', 'video'])).n).toBe(6)
  })

  it('blocked has a loan more than 60 days overdue; expired lapsed; the categories are right', async () => {
    const due = await one<{ due: string }>(sql`SELECT min(due_date) AS due FROM loans
      WHERE patron_id = ${idOf('blocked')} AND returned_at IS NULL`)
    expect(daysBetween(due.due, TODAY)).toBeGreaterThan(60)
    const p = (role: string) =>
      one<{ category: string; expires: string | null; email: number; status: string }>(sql`
        SELECT category, expires_on AS expires, email_confirmed AS email, status FROM patrons
        WHERE id = ${idOf(role)}`)
    const expired = await p('expired')
    expect(expired.expires! < TODAY).toBe(true)
    expect(expired.status).toBe('expired')
    expect((await p('ordinary')).expires! > addDays(TODAY, 365)).toBe(true)
    expect((await p('wideArea')).category).toBe('wide_area')
    expect((await p('printDisabled')).category).toBe('print_disabled')
    expect((await p('unconfirmedEmail')).email).toBe(0)
  })

  it('print-disabled holds a 録音図書; the locker patron has a ready locker hold on loan', async () => {
    const audio = await one<{ n: number }>(sql`SELECT count(*) AS n FROM holds h JOIN titles t
      ON t.id = h.title_id WHERE h.patron_id = ${idOf('printDisabled')} AND t.material_type = 'audiobook'`)
    expect(audio.n).toBe(1)
    const locker = await one<{ kind: string; locker: number; by: string }>(sql`
      SELECT p.kind, l.locker, h.pickup_by AS by FROM holds h
      JOIN places p ON p.id = h.pickup_place_id JOIN loans l ON l.id = h.loan_id
      WHERE h.patron_id = ${idOf('locker')} AND h.state = 'ready'`)
    expect(locker).toMatchObject({ kind: 'locker', locker: 1 })
    expect(daysBetween(TODAY, locker.by)).toBeLessThanOrEqual(HIRAKATA_POLICY.pickup.lockerDays)
  })

  it('checking in the copy README names makes the first waiting hold ready', async () => {
    const { barcode } = await one<{ barcode: string }>(sql`
      SELECT c.barcode FROM holds h JOIN copies c ON c.title_id = h.title_id AND c.status = 'on_loan'
      WHERE h.patron_id = ${idOf('ordinary')} AND h.state = 'waiting' AND h.set_group IS NULL
        AND h.inter_library = 0 ORDER BY c.id LIMIT 1`)
    const done = await checkIn(db, { barcode, placeId: 3 }, NOW, HIRAKATA_POLICY)
    if (!done.ok) throw new Error(done.reason)
    expect(done.value.hold?.patronId).toBe(idOf('other'))
  })
})

it('keeps every statement within D1’s limit of 100 bound parameters', async () => {
  const d1: Db = { ...db, driver: 'd1' }
  const statements = await libraryStatements(d1, buildDemo({ now: NOW }), NOW)
  const params = statements.map(
    (s) => (s as unknown as { toSQL(): { params: unknown[] } }).toSQL().params.length,
  )
  expect(Math.max(...params)).toBeLessThanOrEqual(100)
  expect(Math.min(...params)).toBeGreaterThan(0)
})

describe('HOLD-TRANSIT and HOLD-BOOKMOBILE in the demo', () => {
  it('HOLD-TRANSIT: copies are on their way: one home from 中央 (a van box), one lost for 9 days (回送延滞), and 上 of the set hold', async () => {
    const central = await transitList(db, { fromPlaceId: 1 }, NOW, HIRAKATA_POLICY)
    expect(central.filter((c) => c.holdId === null).length).toBeGreaterThanOrEqual(2)
    const late = await overdueTransits(db, NOW, HIRAKATA_POLICY)
    expect(late).toHaveLength(1)
    expect(late[0]).toMatchObject({ fromName: '中央図書館', overdue: true, holdId: null })
    const set = await one<{ to: number | null; status: string }>(sql`SELECT c.transit_to_id AS "to",
        c.status FROM holds h JOIN copies c ON c.id = h.copy_id
      WHERE h.patron_id = ${idOf('ordinary')} AND h.state = 'in_transit'`)
    expect(set).toEqual({ to: 2, status: 'in_transit' })
  })

  it('HOLD-BOOKMOBILE: a station hold is ready for a visit on the station’s timetable, and lasts to the next one', async () => {
    const h = await one<{ start: number; by: string; place: number }>(sql`SELECT
        h.visit_starts_at AS start, h.pickup_by AS "by", h.pickup_place_id AS place
      FROM holds h WHERE h.state = 'ready' AND h.visit_starts_at IS NOT NULL`)
    const cal = await calendarOf(db, h.place)
    const visitDay = jstDate(h.start)
    expect(isOpenDay(visitDay, cal, HIRAKATA_POLICY)).toBe(true)
    expect(isOpenDay(h.by, cal, HIRAKATA_POLICY)).toBe(true)
    expect(h.by > visitDay).toBe(true)
  })
})
