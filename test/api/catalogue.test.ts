/** GET /api/me, /api/libraries, /api/search, /api/titles/:id. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { titles } from '../../db/schema.ts'
import type {
  ApiError,
  LibrariesResponse,
  Me,
  SearchResponse,
  TitleDetail,
} from '../../liff/api-types.ts'
import { PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

type As = NonNullable<Parameters<ApiHarness['call']>[2]>['as']
const me = async (as: As = 'hanako') => json<Me>(await t.call('GET', '/api/me', { as }))
const detail = async (id: number, as: As = 'hanako', lang = 'ja') =>
  json<TitleDetail>(await t.call('GET', `/api/titles/${id}`, { as, lang }))
const search = (q: string, extra = '') =>
  t.call('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`)

describe('GET /api/me', () => {
  it('LINE-CARD: patron number and NW-7 start/stop from the policy', async () => {
    const card = await me()
    expect(card).toMatchObject({
      patronNumber: '1000000001',
      name: '山田 花子',
      barcode: { symbology: 'codabar', start: 'A', stop: 'A' },
      libraryName: '枚方市立図書館',
    })
  })

  it('HOLD-LIMIT: counts and limits', async () => {
    expect((await me('kenichi')).holds).toEqual({ total: 14, av: 0, limitTotal: 15, limitAv: 6 })
    expect((await me('misaki')).holds).toMatchObject({ total: 8, av: 6 })
  })

  it('ACC-PASSWORD: a patron nobody can reach is told before trying to hold (unreachable)', async () => {
    expect((await me('yui')).holdRefusal?.reason).toBe('unreachable')
  })

  it('ACC-BLOCK-OVERDUE: a blocked patron still has the card, and is told holds are barred', async () => {
    const card = await me('makoto')
    expect(card.patronNumber).toBe('1000000004')
    expect(card.holdRefusal?.reason).toBe('blocked')
    expect(card.holdRefusal?.message).toContain('60日')
  })

  it('English for the English-speaking patron', async () => {
    const card = await json<Me>(await t.call('GET', '/api/me', { as: 'emily', lang: 'en' }))
    expect(card.libraryName).toBe('Hirakata City Library')
  })
})

describe('GET /api/libraries', () => {
  it('HOLD-PICKUP: every place that takes holds, by kind, with phone, hours and pickup days', async () => {
    const { places } = await json<LibrariesResponse>(await t.call('GET', '/api/libraries'))
    expect(places.map((p) => [p.id, p.kind])).toEqual([
      [PLACE.central, 'library'],
      [PLACE.kuzuha, 'library'],
      [PLACE.fujisaka, 'branch_room'],
      [PLACE.bookmobile, 'bookmobile'],
      [PLACE.locker, 'locker'],
    ])
    const [central, kuzuha, fujisaka, bookmobile, locker] = places
    expect(central).toMatchObject({ name: '中央図書館', phone: '050-7105-8141', pickupDays: 7 })
    expect(central?.hours).toBe('月〜金 9:30〜20:00、土日 9:30〜18:00')
    expect(kuzuha?.hours).toBe('火〜金 10:00〜19:00、土日 10:00〜17:00（月休）')
    expect(fujisaka?.hours).toContain('お電話')
    expect(bookmobile?.hours).toBe('金 13:30〜14:10（巡回日のみ）')
    // HOLD-LOCKER: 4 days in a locker.
    expect(locker).toMatchObject({ pickupDays: 4, phone: '050-7105-8141' })
  })

  it('in English', async () => {
    const { places } = await json<LibrariesResponse>(
      await t.call('GET', '/api/libraries', { lang: 'en' }),
    )
    expect(places[1]).toMatchObject({
      name: 'Kuzuha Library',
      hours: 'Tue–Fri 10:00–19:00; Sat, Sun 10:00–17:00 (closed Mon)',
    })
  })
})

describe('GET /api/search', () => {
  it('finds Japanese words inside titles, a page at a time', async () => {
    const first = await json<SearchResponse>(await search('図書館の本'))
    expect(first).toMatchObject({ q: '図書館の本', page: 1, pageSize: 20 })
    expect(first.results).toHaveLength(20)
    expect(first).toMatchObject({ total: 29, totalCapped: false })
    const second = await json<SearchResponse>(await search('図書館の本', '&page=2'))
    expect(second.results).toHaveLength(9)
    expect(second.total).toBe(29)
    const ids = new Set([...first.results, ...second.results].map((r) => r.id))
    expect(ids.size).toBe(29)
  })

  it('gives copies, on-shelf counts and set marks', async () => {
    const { results } = await json<SearchResponse>(await search('白い鐘'))
    expect(results.map((r) => r.name).sort()).toEqual(['白い鐘 上', '白い鐘 下', '白い鐘 中'])
    const upper = results.find((r) => r.volumeLabel === '上')!
    expect(upper).toMatchObject({ copies: 1, onShelf: 0, set: { name: '白い鐘' } })
    const lower = results.find((r) => r.volumeLabel === '下')!
    expect(lower.onShelf).toBe(1)
  })

  it('HOLD-SET: manga is never a set', async () => {
    const { results } = await json<SearchResponse>(await search('まんが昔話'))
    expect(results).toHaveLength(2)
    for (const r of results) expect([r.set, r.volumeLabel]).toEqual([null, null])
  })

  it('ranks title matches above author and publisher matches, and gives type, year and publisher', async () => {
    // 「枚方」 is every fixture title's author (枚方 太郎) but only one title's name.
    const { results } = await json<SearchResponse>(await search('枚方'))
    expect(results[0]).toMatchObject({ name: '枚方市史 資料編', publisher: '枚方市' })
    const book = results.find((r) => r.name === '図書館の本 第20話')
    expect(book).toMatchObject({ materialType: 'book', year: 2020 })
  })

  it('HOLD-AUDIOBOOK: a general patron gets 録音図書 last; a registered patron by date like any title', async () => {
    // The newer of two titles of one name is the 録音図書.
    await t.db.batch([
      t.db.orm
        .insert(titles)
        .values([
          { id: 90, title: 'ひらかた物語', materialType: 'book', year: 2001, createdAt: 0 },
          { id: 91, title: 'ひらかた物語', materialType: 'audiobook', year: 2020, createdAt: 0 },
        ])
        .returning({ id: titles.id }),
    ])
    const types = async (as: 'hanako' | 'fumiko') =>
      (
        await json<SearchResponse>(
          await t.call('GET', `/api/search?q=${encodeURIComponent('ひらかた物語')}`, { as }),
        )
      ).results.map((r) => r.materialType)
    expect(await types('hanako')).toEqual(['book', 'audiobook'])
    expect(await types('fumiko')).toEqual(['audiobook', 'book'])
  })

  it('trims the query; nothing found is an empty page', async () => {
    const body = await json<SearchResponse>(await search('  存在しない本のなまえ  '))
    expect(body).toMatchObject({ q: '存在しない本のなまえ', total: 0, results: [] })
  })

  it('counts at most 1,000 titles and says "1,000+"; every page up to the 50th is served (issue 21)', async () => {
    const many = Array.from({ length: 1_005 }, (_, i) => ({
      id: 5_000 + i,
      title: `共通語の本 ${i}`,
      materialType: 'book' as const,
      year: 1990 + (i % 30),
      createdAt: 0,
    }))
    for (let i = 0; i < many.length; i += 100)
      await t.db.batch([
        t.db.orm
          .insert(titles)
          .values(many.slice(i, i + 100))
          .returning(),
      ])
    const first = await json<SearchResponse>(await search('共通語'))
    expect(first).toMatchObject({ total: 1000, totalCapped: true })
    expect(first.results).toHaveLength(20)
    // Page 1 ranks the newest 200 (ids 5,805–6,004, ten pages) by year, newest id first.
    expect(first.results.map((r) => r.year)).toEqual([
      ...Array(7).fill(2019),
      ...Array(7).fill(2018),
      ...Array(6).fill(2017),
    ])
    expect(first.results[0]?.id).toBe(5_989) // i = 989, the newest title of 2019
    // Page 11 starts the next 200 (ids 5,605–5,804); page 50 ends the 1,000.
    const eleventh = await json<SearchResponse>(await search('共通語', '&page=11'))
    expect(eleventh.results.every((r) => r.id >= 5_605 && r.id <= 5_804)).toBe(true)
    expect(eleventh.results[0]?.year).toBe(2019)
    const last = await json<SearchResponse>(await search('共通語', '&page=50'))
    expect(last.results).toHaveLength(20)
    expect(last.results.every((r) => r.id >= 5_005 && r.id <= 5_204)).toBe(true)
    // Two characters (the gram index) are capped the same way.
    expect(await json<SearchResponse>(await search('共通'))).toMatchObject({
      total: 1000,
      totalCapped: true,
    })
  })

  it('a page past the end (an old link, a typed number) answers no results and the total', async () => {
    // 29 hits end on page 2; the count never passes 1,000, so nothing is past page 50 either.
    for (const page of [3, 50, 51, 99, 999]) {
      const res = await search('図書館の本', `&page=${page}`)
      expect(res.status, `page ${page}`).toBe(200)
      expect(await json<SearchResponse>(res)).toMatchObject({
        page,
        pageSize: 20,
        total: 29,
        results: [],
      })
    }
  })

  it('validates q and page', async () => {
    for (const path of [
      '/api/search',
      '/api/search?q=',
      '/api/search?q=%20%20',
      `/api/search?q=${'あ'.repeat(101)}`,
      '/api/search?q=a&page=0',
      '/api/search?q=a&page=x',
      '/api/search?q=a&page=1000',
      '/api/search?q=a&page=1.5',
      '/api/search?q=a&page=-1',
      '/api/search?q=a&q=b',
      '/api/search?q=a&sort=new',
    ]) {
      const res = await t.call('GET', path)
      expect(res.status, path).toBe(400)
      expect((await json<ApiError>(res)).code).toBe('invalid')
    }
    const field = await json<ApiError>(await t.call('GET', '/api/search?q='))
    expect(field.field).toBe('q')
  })
})

describe('GET /api/titles/:id', () => {
  it('availability per library, copies with state and due date', async () => {
    const d = await detail(2)
    expect(d).toMatchObject({ id: 2, name: '図書館の本 第2話', publisher: '', year: 2002 })
    expect(d.availability!.map((a) => a.library.name)).toEqual(['中央図書館', '楠葉図書館'])
    expect(d.availability![0]?.copies).toEqual([
      { callNumber: '913/ヒ/2', location: '', status: 'on_loan', dueDate: '2026-06-15' },
    ])
    // On its own library's shelf: that library's name is the heading, not said again.
    expect(d.availability![1]?.copies[0]).toMatchObject({
      status: 'on_shelf',
      location: '',
      dueDate: null,
    })
    // HOLD-QUEUE: 吉田 陽子 waits on it.
    expect(d.queueLength).toBe(1)
  })

  it('held_for_pickup and in_transit copies', async () => {
    expect((await detail(9)).availability![1]?.copies[0]?.status).toBe('held_for_pickup')
    expect((await detail(TITLE.bell(1))).availability![0]?.copies[0]?.status).toBe('in_transit')
  })

  it('HOLD-NONCIRC: a not-for-loan title says so, and why it cannot go in the cart', async () => {
    const d = await detail(TITLE.reference)
    expect(d.notForLoan).toBe(true)
    expect(d.availability![0]?.copies[0]?.status).toBe('not_for_loan')
    expect(d.holdRefusal?.reason).toBe('not_for_loan')
  })

  it('HOLD-DUPLICATE: a title on loan or held cannot go in the cart', async () => {
    expect((await detail(1)).holdRefusal?.reason).toBe('duplicate')
    expect((await detail(8)).holdRefusal?.reason).toBe('duplicate')
    expect((await detail(11)).holdRefusal).toBeNull()
  })

  it('HOLD-AUDIOBOOK: refused for a general patron, not for a print-disabled one', async () => {
    expect((await detail(TITLE.audiobook)).holdRefusal?.reason).toBe('audiobook')
    expect((await detail(TITLE.audiobook, 'fumiko')).holdRefusal).toBeNull()
  })

  it('HOLD-LIMIT: at 6 of 6 AV a DVD cannot go in the cart, a book can', async () => {
    expect((await detail(TITLE.dvd(8), 'misaki')).holdRefusal?.reason).toBe('av_limit')
    expect((await detail(1, 'misaki')).holdRefusal).toBeNull()
  })

  it('favourite and want-to-read flags', async () => {
    expect(await detail(1)).toMatchObject({ favourite: true, wanted: false })
    expect(await detail(TITLE.shore(1))).toMatchObject({ favourite: false, wanted: true })
  })

  it('HOLD-SET: the set and its volumes', async () => {
    const d = await detail(TITLE.shore(2))
    expect(d.set).toEqual({
      setId: 3,
      name: '海辺の物語',
      volumes: [
        { titleId: 41, volume: 1, label: '上' },
        { titleId: 42, volume: 2, label: '下' },
      ],
    })
    expect(d.volumeLabel).toBe('下')
  })

  it('an unknown title is 404, a bad id 400', async () => {
    const res = await t.call('GET', '/api/titles/424242')
    expect(res.status).toBe(404)
    expect((await json<ApiError>(res)).code).toBe('not_found')
    expect((await t.call('GET', '/api/titles/-3')).status).toBe(400)
  })
})
