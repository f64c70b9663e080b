/**
 * The library's system cannot be reached (front mode: the ILS is down or slow): every API
 * answer that needs it is 503 `library_unavailable` with a plain sentence in the patron's
 * language, never a 500, and nothing is changed. The double below is the port answering
 * `library_unavailable` for everything it would ask the library's system.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  HIRAKATA_POLICY,
  type LibrarySystem,
  UNAVAILABLE_MESSAGE,
  unavailable,
  unavailableText,
} from '../../core/index.ts'
import { loans } from '../../db/schema.ts'
import type { ApiError } from '../../liff/api-types.ts'
import { LOAN } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

/** The embedded system, except that the library's side is down (the link stays bunko's). */
function down(embedded: LibrarySystem, opts: { patronToo?: boolean } = {}): LibrarySystem {
  const fail = async () => unavailable()
  return {
    ...embedded,
    patron: opts.patronToo ? fail : embedded.patron,
    standing: fail,
    facts: fail,
    loans: fail,
    renew: fail,
    renewAll: fail,
    holds: fail,
    placeHolds: fail,
    cancelHold: fail,
    changePickup: fail,
    places: fail,
    place: fail,
    title: fail,
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
  it('GET loans, holds, me, libraries and a title say so with 503', async () => {
    t = await makeApi({ library: (e) => down(e) })
    for (const path of ['/api/loans', '/api/holds', '/api/me', '/api/libraries', '/api/titles/1'])
      await unavailableAnswer(await t.call('GET', path))
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

  it('the same routes answer normally when the system is up', async () => {
    t = await makeApi()
    expect((await t.call('GET', '/api/loans')).status).toBe(200)
  })
})
