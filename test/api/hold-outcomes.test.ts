/**
 * /api/holds when things go less than well: the library system stops answering right after a
 * placement (the holds stand; never an error that would make the patron place them again), and
 * a ready notice that was not sent because the patron turned it off (not a block).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unavailable } from '../../core/index.ts'
import { notices } from '../../db/schema.ts'
import type { HoldsResponse, PlaceHoldsResponse } from '../../liff/api-types.ts'
import { HOLD, PATRON, PLACE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

const list = async () => json<HoldsResponse>(await t.call('GET', '/api/holds', { as: 'hanako' }))
const place = (titleIds: number[]) =>
  t.call('POST', '/api/holds', { as: 'hanako', body: { titleIds, pickupPlaceId: PLACE.central } })

describe('POST /api/holds when the library system stops answering just after placing', () => {
  it('answers 201 with the holds placed and where to see them, never an error (so they are not placed twice)', async () => {
    t.close()
    let placedOnce = false
    t = await makeApi({
      library: (embedded) => ({
        ...embedded,
        placeHolds: async (input, now) => {
          const done = await embedded.placeHolds(input, now)
          placedOnce = done.ok
          return done
        },
        holds: async (input, now) => (placedOnce ? unavailable() : embedded.holds(input, now)),
      }),
    })
    const res = await place([11, 12])
    expect(res.status).toBe(201)
    const body = await json<PlaceHoldsResponse>(res)
    expect(body).toEqual({
      holds: [],
      message: '2点の予約を受け付けました。\n受取場所や順番は、予約中一覧でご確認ください。',
    })
    placedOnce = false
    expect((await list()).counts.total).toBe(7)
    expect(t.log.lines.map((l) => JSON.parse(l).event)).toContain('api.hold_confirmation_failed')
  })
})

describe('GET /api/holds: the ready notice, as the patron is told of it', () => {
  it('NOTICE-ONCE: a notice not sent because she turned it off is `off`, not `undeliverable` (it is not a block)', async () => {
    const notice = (id: string, lastError: string) => ({
      id,
      key: `hold_ready:${id}`,
      patronId: PATRON.hanako,
      kind: 'hold_ready' as const,
      holdId: HOLD.ready,
      dueAt: 1,
      state: 'undeliverable' as const,
      lastError,
      createdAt: id === 'a' ? 4e12 : 4e12 + 1,
    })
    await t.db.orm.insert(notices).values(notice('a', 'unfollowed'))
    const ready = async () => (await list()).holds.find((h) => h.id === HOLD.ready)!
    expect((await ready()).notice?.status).toBe('undeliverable')
    await t.db.orm.insert(notices).values(notice('b', 'opted_out'))
    expect((await ready()).notice?.status).toBe('off')
  })
})
