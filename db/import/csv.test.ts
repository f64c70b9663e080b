/**
 * The CSV kinds into a migrated SQLite database, in the order a library loads them: places,
 * calendar, catalogue (Shift_JIS, as many Japanese systems write CSV), copies, patrons.
 * Re-imports are idempotent; a full export withdraws what it no longer lists, and a loan
 * that holds a withdrawn copy still shows its title.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { searchTitles } from '../catalogue.ts'
import type { Db } from '../client.ts'
import { listLoans } from '../loans.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { calendarKind } from './calendar.ts'
import { catalogueKind } from './catalogue.ts'
import { copiesKind } from './copies.ts'
import { CATALOGUE, COPIES, PATRONS, PLACES } from './csv-fixtures.ts'
import { patronsKind } from './patrons.ts'
import { placesKind } from './places.ts'
import type { Rejection } from './rejections.ts'
import { runImport } from './run.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-csv-'))
let seq = 0
const csv = (lines: string[], ext = 'csv') => {
  const p = join(dir, `f${++seq}.${ext}`)
  writeFileSync(p, `${lines.join('\n')}\n`)
  return p
}
const sjis = (lines: string[]) => {
  const p = join(dir, `f${++seq}.csv`)
  writeFileSync(p, iconv.encode(`${lines.join('\r\n')}\r\n`, 'Shift_JIS'))
  return p
}
const NOW = Date.UTC(2026, 5, 10, 3, 0)
let db: Db & { close(): void }
let rejected: Rejection[]
const onRejection = (r: Rejection) => rejected.push(r)
const q = <T>(s: ReturnType<typeof sql>) => db.all<T>(s)

beforeEach(async () => {
  db = openSqlite(':memory:')
  migrate(db)
  rejected = []
})
afterEach(() => db.close())

async function loadAll() {
  await runImport(db, placesKind, csv(PLACES), { now: NOW, onRejection })
  await runImport(
    db,
    calendarKind,
    csv(['place,date,note', '*,2026-12-29,年末年始', 'central,2026-06-25,館内整理日']),
    { now: NOW, onRejection },
  )
  await runImport(db, catalogueKind, sjis(CATALOGUE), {
    now: NOW,
    encoding: 'shift_jis',
    onRejection,
  })
  await runImport(db, copiesKind, csv(COPIES), { now: NOW, onRejection })
  await runImport(db, patronsKind, csv(PATRONS), { now: NOW, onRejection })
}

describe('a first load', () => {
  it('loads places with parents, hours and closed weekdays', async () => {
    await loadAll()
    expect(rejected).toEqual([])
    const rows = await q<Record<string, unknown>>(
      sql`SELECT p.code, p.kind, c.code AS parent, p.opening_hours, p.closed_weekdays FROM places p
        LEFT JOIN places c ON c.id = p.parent_id ORDER BY p.sort_order`,
    )
    expect(rows.map((r) => [r.code, r.kind, r.parent])).toEqual([
      ['central', 'library', null],
      ['kuzuha', 'library', null],
      ['tsuda-room', 'branch_room', 'central'],
      ['bm-ikenomiya', 'bookmobile', 'central'],
    ])
    expect(JSON.parse(rows[0]!.opening_hours as string)).toMatchObject({
      tue: ['09:30', '19:00'],
      sat: ['09:30', '17:00'],
    })
    expect(rows[0]!.closed_weekdays).toBe('[1]')
  })

  it('loads closed days, `*` for every library', async () => {
    await loadAll()
    const days = await q<{ code: string; date: string; note: string }>(
      sql`SELECT p.code, d.date, d.note FROM closed_dates d JOIN places p ON p.id = d.place_id ORDER BY d.date, p.code`,
    )
    expect(days).toEqual([
      { code: 'central', date: '2026-06-25', note: '館内整理日' },
      { code: 'central', date: '2026-12-29', note: '年末年始' },
      { code: 'kuzuha', date: '2026-12-29', note: '年末年始' },
    ])
  })

  it('reads a Shift_JIS catalogue: readings in katakana, a 上・下 set, search by kana', async () => {
    await loadAll()
    const titles = await q<Record<string, unknown>>(
      sql`SELECT source_id, title, yomi, volume, set_id, material_type, isbn FROM titles ORDER BY source_id`,
    )
    expect(titles[0]).toMatchObject({
      title: '枚方宿の歴史',
      yomi: 'ヒラカタジュクノレキシ',
      isbn: '9784101010014',
    })
    expect(titles[1]).toMatchObject({ title: '白い鐘 上', volume: 1 })
    expect(titles[2]!.set_id).toBe(titles[1]!.set_id)
    expect(titles[3]).toMatchObject({ material_type: 'cd' })
    expect((await searchTitles(db, { q: 'ひらかたじゅく' })).map((h) => h.title)).toEqual([
      '枚方宿の歴史',
    ])
  })

  it('links copies by record id or ISBN, with shelf, not-for-loan and status', async () => {
    await loadAll()
    const copies = await q<Record<string, unknown>>(
      sql`SELECT c.barcode, t.source_id, p.code, c.call_number, c.not_for_loan, c.status FROM copies c
        JOIN titles t ON t.id = c.title_id JOIN places p ON p.id = c.home_library_id ORDER BY c.barcode`,
    )
    expect(copies.map((c) => Object.values(c))).toEqual([
      ['2000000001', 'T1', 'central', '210.1/ヤ', 0, 'on_shelf'],
      ['2000000002', 'T1', 'kuzuha', '210.1/ヤ', 1, 'on_shelf'],
      ['2000000003', 'T2', 'central', '913.6/ミ', 0, 'on_shelf'],
      ['2000000004', 'T4', 'central', '767.8', 0, 'missing'],
    ])
  })

  it('loads patrons without passwords, categories from Japanese words, readings in katakana', async () => {
    await loadAll()
    const patrons = await q<Record<string, unknown>>(
      sql`SELECT number, name_yomi, category, expires_on, password_hash, email_confirmed FROM patrons ORDER BY number`,
    )
    expect(patrons).toEqual([
      {
        number: '1000000001',
        name_yomi: 'ヤマダ ハナコ',
        category: 'general',
        expires_on: '2028-03-31',
        password_hash: null,
        email_confirmed: 1,
      },
      {
        number: '1000000006',
        name_yomi: '',
        category: 'wide_area',
        expires_on: '2027-01-05',
        password_hash: null,
        email_confirmed: 0,
      },
      {
        number: '1000000007',
        name_yomi: 'ワタナベ フミコ',
        category: 'print_disabled',
        expires_on: null,
        password_hash: null,
        email_confirmed: 0,
      },
    ])
  })
})

it('re-importing the same files changes nothing and says so', async () => {
  await loadAll()
  const again = await runImport(db, copiesKind, csv(COPIES), { now: NOW + 1000, onRejection })
  expect(again).toMatchObject({ read: 4, added: 0, changed: 0, unchanged: 4, withdrawn: 0 })
  const cat = await runImport(db, catalogueKind, sjis(CATALOGUE), {
    now: NOW + 1000,
    encoding: 'shift_jis',
  })
  expect(cat).toMatchObject({ added: 0, changed: 0, unchanged: 4, withdrawn: 0 })
  expect(await runImport(db, patronsKind, csv(PATRONS), { now: NOW + 1000 })).toMatchObject({
    added: 0,
    changed: 0,
  })
  expect(await runImport(db, placesKind, csv(PLACES), { now: NOW + 1000 })).toMatchObject({
    added: 0,
    changed: 0,
  })
})

it('a changed row is updated, and only that one', async () => {
  await loadAll()
  const edited = PATRONS.map((l) => l.replace('090-0000-0007', '090-9999-0007'))
  expect(await runImport(db, patronsKind, csv(edited), { now: NOW + 1000 })).toMatchObject({
    added: 0,
    changed: 1,
    unchanged: 2,
  })
})

it('a full export withdraws what it no longer lists; loans still show the title; it comes back when listed again', async () => {
  await loadAll()
  const [copy] = await q<{ id: number }>(sql`SELECT id FROM copies WHERE barcode = '2000000003'`)
  await db.all(sql`INSERT INTO loans (copy_id, patron_id, library_id, loan_date, due_date, loaned_at)
    VALUES (${copy!.id}, 1, 1, '2026-06-01', '2026-06-15', ${NOW}) RETURNING id`)
  const s1 = await runImport(
    db,
    catalogueKind,
    sjis(CATALOGUE.filter((l) => !l.startsWith('T2'))),
    {
      now: NOW + 1000,
      encoding: 'shift_jis',
    },
  )
  expect(s1).toMatchObject({ withdrawn: 1 })
  const s2 = await runImport(
    db,
    copiesKind,
    csv(COPIES.filter((l) => !l.startsWith('2000000003'))),
    { now: NOW + 1000 },
  )
  expect(s2).toMatchObject({ withdrawn: 1 })
  const [t] = await q<{ withdrawn_at: number | null }>(
    sql`SELECT withdrawn_at FROM titles WHERE source_id = 'T2'`,
  )
  expect(t!.withdrawn_at).not.toBeNull()
  expect(await searchTitles(db, { q: '白い鐘' })).toHaveLength(1)
  const loans = await listLoans(db, { patronId: 1 }, NOW, HIRAKATA_POLICY)
  expect(loans.ok && loans.value.map((l) => l.title)).toEqual(['白い鐘 上'])
  const back = await runImport(db, catalogueKind, sjis(CATALOGUE), {
    now: NOW + 2000,
    encoding: 'shift_jis',
  })
  expect(back).toMatchObject({ changed: 1, withdrawn: 0 })
  expect(await searchTitles(db, { q: '白い鐘' })).toHaveLength(2)
})

it('--sync applies a delta: nothing absent is withdrawn, a deleted record is', async () => {
  await loadAll()
  const delta = [CATALOGUE[0]!, 'T5,新しい本,あたらしいほん,,,,,2026,,book', 'T4,,,,,,,,,,1'].map(
    (l, i) => (i === 0 ? `${l},deleted` : l),
  )
  const s = await runImport(db, catalogueKind, csv(delta), {
    now: NOW + 1000,
    sync: true,
    onRejection,
  })
  expect(rejected).toEqual([])
  expect(s).toMatchObject({ added: 1, withdrawn: 1 })
  const live = await q<{ source_id: string }>(
    sql`SELECT source_id FROM titles WHERE withdrawn_at IS NULL ORDER BY source_id`,
  )
  expect(live.map((r) => r.source_id)).toEqual(['T1', 'T2', 'T3', 'T5'])
})

it('a full export with refused rows withdraws nothing (a refused row may be a copy on the shelf)', async () => {
  await loadAll()
  const s = await runImport(
    db,
    copiesKind,
    csv([COPIES[0]!, COPIES[1]!, '2000000003,NOPE,,central,,,']),
    { now: NOW + 1000, onRejection },
  )
  expect(s).toMatchObject({ rejected: 1, withdrawn: 0 })
})

describe('every rejection, with file, line, field and reason in Japanese and English', () => {
  const cases: [string, () => Promise<unknown>, string, string][] = [
    [
      'places: no name',
      () => runImport(db, placesKind, csv(['code,name,phone', 'x,,072-000-0000']), { onRejection }),
      'name',
      '空',
    ],
    [
      'places: bad code',
      () =>
        runImport(db, placesKind, csv(['code,name,phone', 'x y,館,072-000-0000']), { onRejection }),
      'code',
      '英数字',
    ],
    [
      'places: unknown kind',
      () =>
        runImport(db, placesKind, csv(['code,name,phone,kind', 'x,館,072-000-0000,castle']), {
          onRejection,
        }),
      'kind',
      'castle',
    ],
    [
      'places: unknown parent',
      () =>
        runImport(db, placesKind, csv(['code,name,phone,parent', 'x,館,072-000-0000,nowhere']), {
          onRejection,
        }),
      'parent',
      'nowhere',
    ],
    [
      'places: unreadable hours',
      () =>
        runImport(db, placesKind, csv(['code,name,phone,hours', 'x,館,072-000-0000,always']), {
          onRejection,
        }),
      'hours',
      '開館時間',
    ],
    [
      'places: bad phone',
      () => runImport(db, placesKind, csv(['code,name,phone', 'x,館,call us']), { onRejection }),
      'phone',
      '電話番号',
    ],
    [
      'places: bad sort order',
      () =>
        runImport(db, placesKind, csv(['code,name,phone,sort_order', 'x,館,072-000-0000,first']), {
          onRejection,
        }),
      'sort_order',
      '整数',
    ],
    [
      'calendar: unknown place',
      () => runImport(db, calendarKind, csv(['place,date', 'nowhere,2026-01-01']), { onRejection }),
      'place',
      'nowhere',
    ],
    [
      'calendar: bad date',
      () => runImport(db, calendarKind, csv(['place,date', '*,2026-02-30']), { onRejection }),
      'date',
      '2026-02-30',
    ],
    [
      'calendar: no date',
      () => runImport(db, calendarKind, csv(['place,date', '*,']), { onRejection }),
      'date',
      '空',
    ],
    [
      'catalogue: no id',
      () => runImport(db, catalogueKind, csv(['id,title', ',本']), { onRejection }),
      'id',
      '空',
    ],
    [
      'catalogue: no title',
      () => runImport(db, catalogueKind, csv(['id,title', 'X,']), { onRejection }),
      'title',
      '空',
    ],
    [
      'catalogue: unknown type',
      () =>
        runImport(db, catalogueKind, csv(['id,title,material_type', 'X,本,scroll']), {
          onRejection,
        }),
      'material_type',
      'scroll',
    ],
    [
      'catalogue: bad year',
      () => runImport(db, catalogueKind, csv(['id,title,year', 'X,本,令和2']), { onRejection }),
      'year',
      '西暦',
    ],
    [
      'catalogue: bad ISBN',
      () =>
        runImport(db, catalogueKind, csv(['id,title,isbn', 'X,本,978-4-00-000000-1']), {
          onRejection,
        }),
      'isbn',
      'ISBN',
    ],
    [
      'catalogue: bad volume',
      () => runImport(db, catalogueKind, csv(['id,title,volume', 'X,本,別冊']), { onRejection }),
      'volume',
      '巻次',
    ],
    [
      'copies: no barcode',
      () =>
        runImport(db, copiesKind, csv(['barcode,library,record_id', ',central,T1']), {
          onRejection,
        }),
      'barcode',
      '空',
    ],
    [
      'copies: no record',
      () => runImport(db, copiesKind, csv(['barcode,library', '1,central']), { onRejection }),
      'record_id',
      'ISBN',
    ],
    [
      'copies: unknown record',
      () =>
        runImport(db, copiesKind, csv(['barcode,library,record_id', '1,central,NOPE']), {
          onRejection,
        }),
      'record_id',
      'NOPE',
    ],
    [
      'copies: unknown library',
      () =>
        runImport(db, copiesKind, csv(['barcode,library,record_id', '1,nowhere,T1']), {
          onRejection,
        }),
      'library',
      'nowhere',
    ],
    [
      'copies: bad status',
      () =>
        runImport(
          db,
          copiesKind,
          csv(['barcode,library,record_id,status', '1,central,T1,on_loan']),
          { onRejection },
        ),
      'status',
      'on_loan',
    ],
    [
      'copies: bad flag',
      () =>
        runImport(
          db,
          copiesKind,
          csv(['barcode,library,record_id,not_for_loan', '1,central,T1,maybe']),
          { onRejection },
        ),
      'not_for_loan',
      'maybe',
    ],
    [
      'patrons: no name',
      () => runImport(db, patronsKind, csv(['number,name', '1,']), { onRejection }),
      'name',
      '空',
    ],
    [
      'patrons: bad number',
      () => runImport(db, patronsKind, csv(['number,name', '１２ ３,花子']), { onRejection }),
      'number',
      '英数字',
    ],
    [
      'patrons: bad e-mail',
      () =>
        runImport(db, patronsKind, csv(['number,name,email', '1,花子,hanako']), { onRejection }),
      'email',
      'hanako',
    ],
    [
      'patrons: bad category',
      () =>
        runImport(db, patronsKind, csv(['number,name,category', '1,花子,vip']), { onRejection }),
      'category',
      'vip',
    ],
    [
      'patrons: bad expiry',
      () =>
        runImport(db, patronsKind, csv(['number,name,expires_on', '1,花子,someday']), {
          onRejection,
        }),
      'expires_on',
      'someday',
    ],
    [
      'patrons: unknown home library',
      () =>
        runImport(db, patronsKind, csv(['number,name,home_library', '1,花子,nowhere']), {
          onRejection,
        }),
      'home_library',
      'nowhere',
    ],
  ]
  it.each(cases)('%s', async (_name, run, field, inJa) => {
    await loadAll()
    rejected = []
    const before =
      await q(sql`SELECT (SELECT count(*) FROM places) AS p, (SELECT count(*) FROM titles) AS t,
      (SELECT count(*) FROM copies) AS c, (SELECT count(*) FROM patrons) AS n, (SELECT count(*) FROM closed_dates) AS d`)
    await run()
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ at: 2, field })
    expect(rejected[0]!.file).toMatch(/^f\d+\.csv$/)
    expect(rejected[0]!.ja).toContain(inJa)
    expect(rejected[0]!.en.length).toBeGreaterThan(5)
    expect(
      await q(sql`SELECT (SELECT count(*) FROM places) AS p, (SELECT count(*) FROM titles) AS t,
      (SELECT count(*) FROM copies) AS c, (SELECT count(*) FROM patrons) AS n, (SELECT count(*) FROM closed_dates) AS d`),
    ).toEqual(before)
  })
})

describe('a wrong file is refused at once, changing nothing', () => {
  it('Shift_JIS read as UTF-8', async () => {
    await expect(runImport(db, catalogueKind, sjis(CATALOGUE))).rejects.toThrow(
      /--encoding shift_jis/,
    )
  })
  it('UTF-8 read as Shift_JIS', async () => {
    await expect(
      runImport(db, catalogueKind, csv(CATALOGUE), { encoding: 'shift_jis' }),
    ).rejects.toThrow(/looks like UTF-8/)
  })
  it('a header without the columns the kind needs', async () => {
    await expect(runImport(db, copiesKind, csv(PATRONS))).rejects.toThrow(/barcode, library/)
    expect(await q(sql`SELECT * FROM copies`)).toEqual([])
  })
  it('a binary file', async () => {
    const p = join(dir, 'x.csv')
    writeFileSync(p, Buffer.from([0x1f, 0x8b, 0, 0, 1, 2]))
    await expect(runImport(db, patronsKind, p)).rejects.toThrow(/not a text file/)
  })
})

it('reads TSV by its extension', async () => {
  await runImport(
    db,
    placesKind,
    csv(
      PLACES.map((l) => l.replaceAll(',', '\t')),
      'tsv',
    ),
    { onRejection },
  )
  expect(rejected).toEqual([])
  expect(await q(sql`SELECT count(*) AS n FROM places`)).toEqual([{ n: 4 }])
})

describe('calendar from iCalendar (.ics)', () => {
  const ics = (events: string[]) => {
    const p = join(dir, `f${++seq}.ics`)
    const body = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//library//closures//JA',
      ...events,
      'END:VCALENDAR',
    ]
    writeFileSync(p, `${body.join('\r\n')}\r\n`)
    return p
  }
  const event = (lines: string[]) =>
    ['BEGIN:VEVENT', 'UID:x@example.jp', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join(
      '\r\n',
    )

  it('closes every day of an all-day event, at one place or every library; a cancelled one reopens', async () => {
    await runImport(db, placesKind, csv(PLACES), { now: NOW })
    const s = await runImport(
      db,
      calendarKind,
      ics([
        event(['DTSTART;VALUE=DATE:20261229', 'DTEND;VALUE=DATE:20270104', 'SUMMARY:年末年始']),
        event(['DTSTART;VALUE=DATE:20260707', 'SUMMARY:臨時休館（空調工事）', 'LOCATION:kuzuha']),
      ]),
      { now: NOW, onRejection },
    )
    expect(rejected).toEqual([])
    expect(s).toMatchObject({ added: 13 })
    const days = await q<{ code: string; date: string }>(
      sql`SELECT p.code, d.date FROM closed_dates d JOIN places p ON p.id = d.place_id WHERE p.code = 'kuzuha' ORDER BY d.date`,
    )
    expect(days.map((d) => d.date)).toEqual([
      '2026-07-07',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ])
    const reopen = await runImport(
      db,
      calendarKind,
      ics([
        event([
          'DTSTART;VALUE=DATE:20260707',
          'SUMMARY:臨時休館（空調工事）',
          'LOCATION:kuzuha',
          'STATUS:CANCELLED',
        ]),
      ]),
      { now: NOW },
    )
    expect(reopen).toMatchObject({ withdrawn: 1 })
  })

  it('refuses a file that is not iCalendar at once', async () => {
    const p = join(dir, 'x.ics')
    writeFileSync(p, 'place,date\n*,2026-01-01\n')
    await expect(runImport(db, calendarKind, p)).rejects.toThrow(/iCalendar/)
  })
})
