/**
 * The library's system cannot be reached (front mode: the ILS is down or slow): every API
 * answer that needs it is 503 `library_unavailable` with a plain sentence in the patron's
 * language, never a 500, and nothing is changed. What is bunko's own (the catalogue copy, the
 * cart, favourites, My本棚, the card as linked) still answers, without what only the system
 * knows. The double below is the port answering `library_unavailable` for everything it would
 * ask the library's system.
 */

import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  HIRAKATA_POLICY,
  type LibrarySystem,
  UNAVAILABLE_MESSAGE,
  unavailable,
  unavailableText,
} from '../../core/index.ts'
import { favourites, loans, patrons } from '../../db/schema.ts'
import type {
  ApiError,
  CartResponse,
  SearchResponse,
  ShelfResponse,
  TitleDetail,
} from '../../liff/api-types.ts'
import { LOAN, PATRON, PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

/** The embedded system, except that the library's side is down (the link stays bunko's). */
function down(
  embedded: LibrarySystem,
  opts: { patronToo?: boolean; asked?: string[] } = {},
): LibrarySystem {
  const fail = (what: string) => async () => {
    opts.asked?.push(what)
    return unavailable()
  }
  return {
    ...embedded,
    patron: opts.patronToo ? fail('patron') : embedded.patron,
    availability: fail('availability'),
    copies: fail('copies'),
    standing: fail('standing'),
    facts: fail('facts'),
    loans: fail('loans'),
    renew: fail('renew'),
    renewAll: fail('renewAll'),
    holds: fail('holds'),
    placeHolds: fail('placeHolds'),
    cancelHold: fail('cancelHold'),
    changePickup: fail('changePickup'),
    places: fail('places'),
    place: fail('place'),
    title: fail('title'),
  }
}

let t: ApiHarness
afterEach(() => t.close())

async function unavailableAnswer(res: Response, lang: 'ja' | 'en' = 'ja') {
  expect(res.status).toBe(503)
  const body = await json<ApiError>(res)
  // The chat's words: the plain sentence, then whom to phone if it cannot wait, with the number.
  const contact = HIRAKATA_POLICY.contact
  expect(body).toEqual({
    code: 'library_unavailable',
    message: unavailableText(contact)[lang],
    contact: { name: contact[lang], phone: contact.phone },
  })
  expect(body.message.startsWith(UNAVAILABLE_MESSAGE[lang])).toBe(true)
  expect(body.message).toContain('050-7105-8141')
}

describe('the library system cannot be reached', () => {
  it('GET loans, holds, me and libraries say so with 503', async () => {
    t = await makeApi({ library: (e) => down(e) })
    for (const path of ['/api/loans', '/api/holds', '/api/me', '/api/libraries'])
      await unavailableAnswer(await t.call('GET', path))
  })

  it('found down at the patron read, nothing is asked of it again: a hanging system is waited for once a request', async () => {
    const asked: string[] = []
    t = await makeApi({ library: (e) => down(e, { patronToo: true, asked }) })
    await unavailableAnswer(await t.call('GET', '/api/loans'))
    expect(asked).toEqual(['patron'])
    expect((await t.call('GET', `/api/search?q=${encodeURIComponent('図書館の本')}`)).status).toBe(
      200,
    )
    expect(asked).toEqual(['patron', 'patron'])
    expect((await t.call('GET', `/api/titles/${TITLE.book(2)}`)).status).toBe(200)
    expect(asked).toEqual(['patron', 'patron', 'patron'])
  })

  it('says it in English when the patron reads English', async () => {
    t = await makeApi({ library: (e) => down(e) })
    await unavailableAnswer(await t.call('GET', '/api/loans', { lang: 'en' }), 'en')
  })

  it('a renewal is answered 503 and changes nothing', async () => {
    t = await makeApi({ library: (e) => down(e) })
    const before = await t.db.orm.select().from(loans)
    await unavailableAnswer(await t.call('POST', `/api/loans/${LOAN.renewable}/renew`))
    await unavailableAnswer(await t.call('POST', '/api/loans/renew-all'))
    expect(await t.db.orm.select().from(loans)).toEqual(before)
  })

  it('placing, cancelling and moving holds are answered 503', async () => {
    t = await makeApi({ library: (e) => down(e) })
    await unavailableAnswer(
      await t.call('POST', '/api/holds', { body: { titleIds: [1], pickupPlaceId: 1 } }),
    )
    await unavailableAnswer(await t.call('DELETE', '/api/holds/1'))
    await unavailableAnswer(await t.call('PATCH', '/api/holds/1', { body: { pickupPlaceId: 2 } }))
  })

  it('a patron the system cannot look up at sign-in gets 503, not "not linked"', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    await unavailableAnswer(await t.call('GET', '/api/loans'))
  })

  it('LINE-CARD: the card as linked (number, name, the policy’s barcode) needs nothing from the system', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    const res = await t.call('GET', '/api/card')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({
      patronNumber: '1000000001',
      name: '山田 花子',
      barcode: HIRAKATA_POLICY.barcode,
      libraryName: HIRAKATA_POLICY.libraryName.ja,
    })
  })

  it('search still answers from bunko’s catalogue copy, with no copies counted', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    const res = await t.call('GET', `/api/search?q=${encodeURIComponent('図書館の本')}`)
    expect(res.status).toBe(200)
    const page = await json<SearchResponse>(res)
    expect(page.results.length).toBeGreaterThan(0)
    expect(page.results.every((r) => r.copies === null && r.onShelf === null)).toBe(true)
  })

  it('a title page answers from the copy: no availability, queue or cart decision, its marks kept', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    expect((await t.call('PUT', `/api/favourites/${TITLE.book(2)}`)).status).toBe(200)
    const d = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.book(2)}`))
    expect(d).toMatchObject({
      id: TITLE.book(2),
      name: '図書館の本 第2話',
      availability: null,
      queueLength: null,
      holdRefusal: null,
      favourite: true,
    })
    // Not in the catalogue copy: 404 as ever, not 503.
    expect((await t.call('GET', '/api/titles/99999')).status).toBe(404)
  })

  it('the system down for titles only (the patron was read): the title page answers from the copy', async () => {
    t = await makeApi({ library: (e) => down(e) })
    const d = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.book(2)}`))
    expect(d).toMatchObject({ availability: null, queueLength: null, holdRefusal: null })
  })

  it('the system stopping after it named the title: its copies and queue unknown, not a 503', async () => {
    t = await makeApi({ library: (e) => ({ ...down(e), title: e.title }) })
    const d = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.book(2)}`))
    expect(d).toMatchObject({ name: '図書館の本 第2話', availability: null, queueLength: null })
  })

  it('HOLD-NONCIRC: while down, a not-for-loan title still says it cannot be reserved (the copy knows)', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    const d = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.reference}`))
    expect(d.holdRefusal?.reason).toBe('not_for_loan')
    expect(d.holdRefusal?.message).toContain('禁帯出資料')
  })

  it('the cart, favourites, My本棚 and the ISBN scan are bunko’s own and still answer', async () => {
    t = await makeApi({ library: (e) => down(e, { patronToo: true }) })
    expect((await t.call('PUT', `/api/cart/${TITLE.book(3)}`)).status).toBe(200)
    const cart = await json<CartResponse>(await t.call('GET', '/api/cart'))
    expect(cart.items.map((i) => i.id)).toContain(TITLE.book(3))
    expect((await t.call('GET', '/api/favourites')).status).toBe(200)
    await t.db.orm.update(patrons).set({ historyOptIn: true }).where(eq(patrons.id, PATRON.hanako))
    const shelf = await json<ShelfResponse>(await t.call('GET', '/api/shelf'))
    // bunko's own setting, read from its table while the system is down.
    expect(shelf.historyOptIn).toBe(true)
    expect((await t.call('PUT', `/api/shelf/want/${TITLE.book(4)}`)).status).toBe(200)
    expect((await t.call('GET', '/api/isbn/9784000000000')).status).not.toBe(503)
    // Placing what the cart holds needs the system: 503, and the cart keeps it.
    await unavailableAnswer(
      await t.call('POST', '/api/holds', {
        body: { titleIds: [TITLE.book(3)], pickupPlaceId: PLACE.central },
      }),
    )
    const after = await json<CartResponse>(await t.call('GET', '/api/cart'))
    expect(after.items.map((i) => i.id)).toContain(TITLE.book(3))
    // A purchase request is a library service: it waits too, and keeps the access rules.
    await unavailableAnswer(
      await t.call('POST', '/api/purchase-requests', {
        body: { isbn: '9784000000000', title: '新しい本' },
      }),
    )
  })

  it('ACC-ELIGIBLE, ACC-EXPIRED: while the system answers, the card’s own data keeps the access rules', async () => {
    t = await makeApi({ library: (e) => down(e) })
    for (const who of ['naoki', 'sachiko'] as const)
      for (const path of ['/api/favourites', '/api/shelf'])
        expect((await t.call('GET', path, { as: who })).status).toBe(403)
  })

  it('ACC-ELIGIBLE, ACC-EXPIRED: the catalogue is as open as the library’s OPAC; the title page says why the cart is refused', async () => {
    t = await makeApi()
    const q = `/api/search?q=${encodeURIComponent('図書館の本')}`
    await t.db.orm
      .insert(favourites)
      .values({ patronId: PATRON.naoki, titleId: TITLE.book(2), createdAt: 1 })
    for (const who of ['naoki', 'sachiko'] as const) {
      expect((await t.call('GET', q, { as: who })).status).toBe(200)
      const d = await json<TitleDetail>(
        await t.call('GET', `/api/titles/${TITLE.book(2)}`, { as: who }),
      )
      expect(d.holdRefusal?.reason).toBe(who === 'naoki' ? 'wide_area' : 'expired')
      // Nothing of the refused card's own is read: no marks (naoki has one).
      expect(d).toMatchObject({ favourite: false, wanted: false })
      // A single refused card: its cart is refused too (ACC-ELIGIBLE, ACC-EXPIRED).
      expect((await t.call('GET', '/api/cart', { as: who })).status).toBe(403)
      expect((await t.call('PUT', `/api/cart/${TITLE.book(2)}`, { as: who })).status).toBe(403)
    }
  })

  it('the same routes answer normally when the system is up', async () => {
    t = await makeApi()
    expect((await t.call('GET', '/api/loans')).status).toBe(200)
  })
})
