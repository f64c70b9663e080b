/**
 * The API over the demo library (db/seed, DEMO-PATRONS.md): what a linked demo patron sees in
 * the try-it page. Read-mostly, one seed for the file (seeding takes seconds).
 */
import { and, eq, isNotNull, notInArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holds, lineLinks, titles } from '../../db/schema.ts'
import { seedDemo } from '../../db/seed/load.ts'
import type {
  ApiError,
  HoldsResponse,
  LibrariesResponse,
  LoansResponse,
  Me,
  RenewAllResponse,
} from '../../liff/api-types.ts'
import { lineUser } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

/** Demo patrons by id (patron number 10000000NN): the README's roles. */
const DEMO = { ordinary: 1, holds14: 2, av6: 3, blocked: 4, locker: 10 } as const

let t: ApiHarness
const as = (id: number) => lineUser(id)

beforeAll(async () => {
  t = await makeApi({ load: (db, now) => seedDemo(db, now) })
  await t.db.batch([
    t.db.orm
      .insert(lineLinks)
      .values(Object.values(DEMO).map((id) => ({ lineUserId: as(id), patronId: id, linkedAt: 0 })))
      .returning({ id: lineLinks.id }),
  ])
  for (const id of Object.values(DEMO))
    t.sim.state.users.set(as(id), {
      userId: as(id),
      displayName: `demo ${id}`,
      language: 'ja',
      following: true,
    })
}, 60_000)
afterAll(() => t.close())

const get = async <T>(path: string, id: number) =>
  json<T>(await t.call('GET', path, { token: await t.token(as(id)) }))

describe('the demo library through /api', () => {
  it('LINE-CARD: 山田 花子 sees her card', async () => {
    const me = await get<Me>('/api/me', DEMO.ordinary)
    expect(me).toMatchObject({ patronNumber: '1000000001', name: '山田 花子' })
  })

  it('RENEW-REASONS: her loans show renewable, held, overdue and inter-library', async () => {
    const { loans } = await get<LoansResponse>('/api/loans', DEMO.ordinary)
    const reasons = loans.map((l) => (l.renewable ? 'ok' : l.refusal.reason))
    expect(reasons).toEqual(expect.arrayContaining(['ok', 'held', 'overdue', 'ill']))
    expect(loans.some((l) => l.title.materialType === 'cd')).toBe(true)
    for (const l of loans) expect(l.library.phone).toMatch(/^0\d{1,3}-\d{3,4}-\d{4}$/)
  })

  it('HOLD-QUEUE, HOLD-CANCEL, HOLD-SET: her holds', async () => {
    const { holds: list } = await get<HoldsResponse>('/api/holds', DEMO.ordinary)
    expect(list.some((h) => h.queuePosition === 3)).toBe(true)
    const ready = list.find((h) => h.state === 'ready')!
    expect(!ready.cancellable && ready.refusal).toMatchObject({ reason: 'ready_hold' })
    expect(ready.pickupBy).not.toBeNull()
    expect(list.some((h) => !h.cancellable && h.refusal.reason === 'inter_library')).toBe(true)
    const set = list.filter((h) => h.set !== null)
    expect(set.map((h) => h.set?.of)).toEqual([3, 3, 3])
    expect(set.find((h) => h.set?.volume === 1)?.state).toBe('in_transit')
    expect(set[0]?.title.set?.volumes).toHaveLength(3)
  })

  it('HOLD-SUSPEND: 佐藤 健一 has one hold paused for two weeks, still counted', async () => {
    const { holds: list } = await get<HoldsResponse>('/api/holds', DEMO.holds14)
    expect(list).toHaveLength(14)
    const paused = list.filter((h) => h.suspend?.until)
    expect(paused).toHaveLength(1)
    expect(paused[0]?.state).toBe('waiting')
    expect(paused[0]!.suspend!.until! > paused[0]!.suspend!.latest).toBe(false)
  })

  it('HOLD-LOCKER: 加藤 亮 has a locker hold ready, with its pickup-by date', async () => {
    const { holds: list } = await get<HoldsResponse>('/api/holds', DEMO.locker)
    const locker = list.find((h) => h.pickupPlace?.kind === 'locker')!
    expect(locker.state).toBe('ready')
    expect(locker.pickupBy).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Lent as it went in: in the locker, and among his loans too.
    expect(locker.inLocker).toBe(true)
    const { loans } = await get<LoansResponse>('/api/loans', DEMO.locker)
    expect(loans.map((l) => l.title.id)).toContain(locker.title.id)
    for (const h of list.filter((x) => x !== locker)) expect(h.inLocker).toBe(false)
  })

  it('HOLD-BOOKMOBILE: 山本 大輔’s station hold names the visit it is loaded for, in Japan time; no other hold has one', async () => {
    const [row] = await t.db.orm
      .select({
        patronId: holds.patronId,
        start: holds.visitStartsAt,
        end: holds.visitEndsAt,
        by: holds.pickupBy,
      })
      .from(holds)
      .where(and(eq(holds.state, 'ready'), isNotNull(holds.visitStartsAt)))
    const daisuke = row!.patronId
    await t.db.orm
      .insert(lineLinks)
      .values({ lineUserId: as(daisuke), patronId: daisuke, linkedAt: 0 })
    t.sim.state.users.set(as(daisuke), {
      userId: as(daisuke),
      displayName: 'demo station',
      language: 'ja',
      following: true,
    })
    const { holds: list } = await get<HoldsResponse>('/api/holds', daisuke)
    const station = list.find((h) => h.visit !== null)!
    expect(station.pickupPlace?.kind).toBe('bookmobile')
    // The stored instants as the station's clock reads them (JST is UTC+9, no summer time).
    const clock = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(11, 16)
    expect(station.visit).toEqual({
      date: new Date(row!.start! + 9 * 3_600_000).toISOString().slice(0, 10),
      start: clock(row!.start!),
      end: clock(row!.end!),
    })
    expect(station.pickupBy).toBe(row!.by)
    expect(station.pickupBy! > station.visit!.date).toBe(true)
    for (const id of [DEMO.ordinary, DEMO.locker]) {
      const others = (await get<HoldsResponse>('/api/holds', id)).holds
      expect(others.length).toBeGreaterThan(0)
      for (const h of others) expect(h.visit).toBeNull()
    }
  })

  it('HOLD-PICKUP: every demo pickup place has a phone and hours', async () => {
    const { places } = await get<LibrariesResponse>('/api/libraries', DEMO.ordinary)
    expect(places.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['library', 'branch_room', 'bookmobile', 'locker']),
    )
    for (const p of places) {
      expect(p.phone).toMatch(/^0\d{1,3}-\d{3,4}-\d{4}$/)
      expect(p.hours.length).toBeGreaterThan(5)
    }
  })

  it('HOLD-LIMIT: 14 of 15 refuses a cart of two whole, with the numbers', async () => {
    const free = await t.db.orm
      .select({ id: titles.id })
      .from(titles)
      .where(
        and(
          eq(titles.materialType, 'book'),
          eq(titles.notForLoan, false),
          notInArray(titles.id, t.db.orm.select({ id: holds.titleId }).from(holds)),
        ),
      )
      .limit(2)
    const res = await t.call('POST', '/api/holds', {
      token: await t.token(as(DEMO.holds14)),
      body: { titleIds: free.map((f) => f.id), pickupPlaceId: 1 },
    })
    expect(res.status).toBe(409)
    const body = await json<ApiError>(res)
    expect(body.code).toBe('limit')
    expect(body.message).toContain('15点中14点')
  })

  it('HOLD-LIMIT: 6 of 6 AV refuses another DVD', async () => {
    const [dvd] = await t.db.orm
      .select({ id: titles.id })
      .from(titles)
      .where(
        and(
          eq(titles.materialType, 'dvd'),
          notInArray(titles.id, t.db.orm.select({ id: holds.titleId }).from(holds)),
        ),
      )
      .limit(1)
    const res = await t.call('POST', '/api/holds', {
      token: await t.token(as(DEMO.av6)),
      body: { titleIds: [dvd!.id], pickupPlaceId: 1 },
    })
    expect((await json<ApiError>(res)).code).toBe('av_limit')
  })

  it('ACC-BLOCK-OVERDUE: 田中 誠 keeps his card, and every renewal says blocked', async () => {
    const me = await get<Me>('/api/me', DEMO.blocked)
    expect(me.holdRefusal?.reason).toBe('blocked')
    const res = await t.call('POST', '/api/loans/renew-all', {
      token: await t.token(as(DEMO.blocked)),
    })
    const { results } = await json<RenewAllResponse>(res)
    expect(results.length).toBeGreaterThan(0)
    for (const r of results) expect(!r.ok && r.refusal.reason).toBe('blocked')
  })
})
