/** GET /api/isbn/:code and POST /api/purchase-requests (issue 19 item 6: scan an ISBN). */
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { raw } from '../../db/client.ts'
import { purchaseRequests } from '../../db/schema.ts'
import type { ApiError, IsbnLookupResponse, PurchaseRequestResponse } from '../../liff/api-types.ts'
import { TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
  // The catalogue keeps the ISBN as imported, hyphenated; a scan gives the digits.
  await t.db.batch([
    raw(sql`UPDATE titles SET isbn = '978-4-10-109205-8' WHERE id = ${TITLE.book(1)} RETURNING id`),
  ])
})
afterEach(() => t.close())

const lookup = (code: string, lang = 'ja') => t.call('GET', `/api/isbn/${code}`, { lang })
const suggest = (body: unknown) => t.call('POST', '/api/purchase-requests', { body })

describe('ISBN scan', () => {
  it('a held ISBN finds its title; one the library lacks answers titleId null', async () => {
    const held = await lookup('9784101092058')
    expect(held.status).toBe(200)
    expect(await json<IsbnLookupResponse>(held)).toEqual({
      isbn: '9784101092058',
      titleId: TITLE.book(1),
    })
    expect(await json<IsbnLookupResponse>(await lookup('9784000000017'))).toEqual({
      isbn: '9784000000017',
      titleId: null,
    })
  })

  it('a wrong check digit or a code that is not a book’s EAN-13 is 400 with a sentence', async () => {
    const bad = await lookup('9784101092059')
    expect(bad.status).toBe(400)
    expect((await json<ApiError>(bad)).message).toContain('正しく読み取れませんでした')
    const goods = await lookup('4900000000009', 'en')
    expect(goods.status).toBe(400)
    expect((await json<ApiError>(goods)).message).toContain("not a book's ISBN")
  })

  it('a purchase suggestion is kept once per patron and ISBN; a held book is refused', async () => {
    const body = {
      isbn: '9784000000017',
      title: 'まだない本',
      author: '枚方 花子',
      note: '子ども向けの棚に',
    }
    const first = await suggest(body)
    expect(first.status).toBe(201)
    expect(await json<PurchaseRequestResponse>(first)).toEqual({ ok: true, duplicate: false })
    const again = await suggest(body)
    expect(again.status).toBe(200)
    expect(await json<PurchaseRequestResponse>(again)).toEqual({ ok: true, duplicate: true })
    const held = await suggest({ ...body, isbn: '9784101092058' })
    expect(held.status).toBe(409)
    expect((await json<ApiError>(held)).code).toBe('held')
    expect((await suggest({ ...body, title: ' ' })).status).toBe(400)
    expect((await suggest({ ...body, isbn: '9784000000018' })).status).toBe(400)
    const rows = await t.db.orm.select().from(purchaseRequests)
    expect(rows).toEqual([
      expect.objectContaining({
        isbn: '9784000000017',
        title: 'まだない本',
        note: '子ども向けの棚に',
      }),
    ])
  })

  it('at most 10 suggestions a day per patron', async () => {
    for (let n = 0; n < 10; n++) {
      const isbn = `97840000001${n}`
      const check = (() => {
        let s = 0
        for (let i = 0; i < 12; i++) s += Number(isbn[i]) * (i % 2 ? 3 : 1)
        return (10 - (s % 10)) % 10
      })()
      expect((await suggest({ isbn: `${isbn}${check}`, title: `本 ${n}` })).status).toBe(201)
    }
    const over = await suggest({ isbn: '9784000000017', title: '11冊目' })
    expect(over.status).toBe(409)
    expect((await json<ApiError>(over)).code).toBe('too_many')
    t.clock.t += 24 * 60 * 60 * 1000
    expect((await suggest({ isbn: '9784000000017', title: '翌日' })).status).toBe(201)
  })
})
