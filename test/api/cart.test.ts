/** GET /api/cart, PUT / DELETE /api/cart/:titleId: the hold cart kept on the server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiError, CartResponse } from '../../liff/api-types.ts'
import { PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

const cart = async (as: 'hanako' | 'kenichi' = 'hanako') =>
  (await json<CartResponse>(await t.call('GET', '/api/cart', { as }))).items.map((i) => i.id)
const put = (id: number, as: 'hanako' | 'kenichi' = 'hanako') =>
  t.call('PUT', `/api/cart/${id}`, { as })

describe('the hold cart on the server', () => {
  it('keeps titles in the order they were put in, once each, for this patron only', async () => {
    expect(await cart()).toEqual([])
    for (const id of [TITLE.shore(2), TITLE.book(11), TITLE.shore(2)])
      expect((await put(id)).status).toBe(200)
    expect(await cart()).toEqual([TITLE.shore(2), TITLE.book(11)])
    expect(await cart('kenichi')).toEqual([])
    expect((await t.call('DELETE', `/api/cart/${TITLE.book(11)}`)).status).toBe(200)
    expect(await cart()).toEqual([TITLE.shore(2)])
  })

  it('HOLD-LIMIT: takes at most 25 titles (one hold request), then says why', async () => {
    const ids = [...Array.from({ length: 20 }, (_, i) => i + 1), 21, 22, 23, 24, 25, 26]
    for (const id of ids.slice(0, 25)) expect((await put(id)).status).toBe(200)
    const full = await put(ids[25]!)
    expect(full.status).toBe(409)
    expect((await json<ApiError>(full)).message).toContain('25点まで')
    expect(await cart()).toHaveLength(25)
  })

  it('an unknown title is 404 and changes nothing', async () => {
    const res = await put(999_999)
    expect(res.status).toBe(404)
    expect((await json<ApiError>(res)).code).toBe('not_found')
    expect(await cart()).toEqual([])
  })

  it('placing holds takes the reserved titles out; a refused cart stays', async () => {
    await put(TITLE.shore(1))
    await put(TITLE.shore(2))
    const refused = await t.call('POST', '/api/holds', {
      body: { titleIds: [TITLE.shore(1), TITLE.shore(2)], pickupPlaceId: PLACE.closed },
    })
    expect(refused.status).toBe(409)
    expect(await cart()).toEqual([TITLE.shore(1), TITLE.shore(2)])
    const placed = await t.call('POST', '/api/holds', {
      body: { titleIds: [TITLE.shore(1), TITLE.shore(2)], pickupPlaceId: PLACE.central },
    })
    expect(placed.status).toBe(201)
    expect(await cart()).toEqual([])
  })

  it('needs a linked LINE account', async () => {
    expect((await t.call('GET', '/api/cart', { token: null })).status).toBe(401)
  })
})
