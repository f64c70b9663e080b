/**
 * ACC-FAMILY: a refusal or confirmation about a family member's card names them, not "you"
 * (a review: 「あなたの…」/"you" about the other card's holder). 加藤 亮 is the second card of
 * 花子's LINE account; her own card (the first) keeps "you". In Japanese and English.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineLinks, loans, patrons } from '../../db/schema.ts'
import type {
  ApiError,
  CartResponse,
  LoansResponse,
  PlaceHoldsResponse,
  TitleDetail,
} from '../../liff/api-types.ts'
import { LOAN, PATRON, PLACE, TITLE, USER } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
  await t.db.orm
    .insert(lineLinks)
    .values({ lineUserId: USER.hanako, patronId: PATRON.unlinked, linkedAt: 1 })
    .returning({ id: lineLinks.id })
})
afterEach(() => t.close())

const RYO = PATRON.unlinked
const card = (patronId: number) => ({ 'X-Bunko-Patron': String(patronId) })

async function hold(patronId: number, titleId: number, lang: 'ja' | 'en' = 'ja') {
  return t.call('POST', '/api/holds', {
    lang,
    headers: card(patronId),
    body: { titleIds: [titleId], pickupPlaceId: PLACE.central },
  })
}

describe('ACC-FAMILY: words about the other card name its holder', () => {
  it('ACC-FAMILY, HOLD-SCOPE: the hold confirmation for the other card says whose holds they are', async () => {
    const his = await json<PlaceHoldsResponse>(await hold(RYO, TITLE.book(11)))
    expect(his.message).toMatch(/^加藤 亮さんの予約を1点受け付けました。受取場所は中央図書館です。/)
    const en = await json<PlaceHoldsResponse>(await hold(RYO, TITLE.book(12), 'en'))
    expect(en.message).toMatch(/^加藤 亮's hold has been placed for pickup at Central Library\./)
    const hers = await json<PlaceHoldsResponse>(await hold(PATRON.hanako, TITLE.book(13)))
    expect(hers.message).toMatch(/^1点の予約を受け付けました。/)
  })

  it('ACC-FAMILY, HOLD-DUPLICATE: a title already on the other card is said to be on his card, not "you already"', async () => {
    expect((await hold(RYO, TITLE.book(11))).status).toBe(201)
    const ja = await json<ApiError>(await hold(RYO, TITLE.book(11)))
    expect(ja.message).toContain('は加藤 亮さんのカードですでに予約されています。')
    const en = await json<ApiError>(await hold(RYO, TITLE.book(11), 'en'))
    expect(en.message).toContain("加藤 亮's card already has a hold on")
    expect(en.message).not.toMatch(/\byou already\b/i)
    // Her own card: "you", as before.
    expect((await hold(PATRON.hanako, TITLE.book(11))).status).toBe(201)
    const own = await json<ApiError>(await hold(PATRON.hanako, TITLE.book(11), 'en'))
    expect(own.message).toContain('You already have a hold on')
  })

  it('ACC-FAMILY, ACC-BLOCK-OVERDUE: a long-overdue item on the other card: the loans, renewing and holds name him', async () => {
    await t.db.orm.update(loans).set({ patronId: RYO }).where(eq(loans.id, LOAN.blocked))
    const list = await json<LoansResponse>(
      await t.call('GET', '/api/loans', { headers: card(RYO) }),
    )
    const refusal = list.loans.find((l) => l.id === LOAN.blocked)?.refusal
    expect(refusal?.reason).toBe('blocked')
    expect(refusal?.message).toMatch(
      /^加藤 亮さんのカードに60日以上返却期限を過ぎている資料があるため、このカードではご利用いただけません。/,
    )
    const renew = await t.call('POST', `/api/loans/${LOAN.blocked}/renew`, {
      lang: 'en',
      headers: card(RYO),
    })
    const body = await json<ApiError>(renew)
    expect(body.code).toBe('blocked')
    expect(body.message).toMatch(/^加藤 亮's card has an item 60 or more days overdue/)
    expect(body.message).not.toMatch(/\bYou have\b/)
    const placed = await json<ApiError>(await hold(RYO, TITLE.book(12), 'en'))
    expect(placed.message).toMatch(/^加藤 亮's card has an item 60 or more days overdue/)
  })

  it('ACC-FAMILY, ACC-EXPIRED: the other card’s lapsed registration is his, not "your"', async () => {
    await t.db.orm.update(patrons).set({ expiresOn: '2026-01-01' }).where(eq(patrons.id, RYO))
    const ja = await json<ApiError>(await t.call('GET', '/api/loans', { headers: card(RYO) }))
    expect(ja.code).toBe('expired')
    expect(ja.message).toMatch(
      /^加藤 亮さんの利用者登録は、長期間ご利用がなかったため無効になっています。/,
    )
    const en = await json<ApiError>(
      await t.call('GET', '/api/loans', { lang: 'en', headers: card(RYO) }),
    )
    expect(en.message).toMatch(/^加藤 亮's registration has lapsed/)
  })

  it('ACC-FAMILY, ACC-EXPIRED: a refusal on an account with other cards says so (otherCards), so the app keeps them', async () => {
    await t.db.orm
      .update(patrons)
      .set({ expiresOn: '2026-01-01' })
      .where(eq(patrons.id, PATRON.hanako))
    // The account's own card (the one a call naming none is for), refused: the others stay.
    const own = await json<ApiError>(await t.call('GET', '/api/me'))
    expect(own).toMatchObject({ code: 'expired', otherCards: true })
    // Named, even though it is the account's own: the page shows it beside the other cards.
    expect(own.message).toMatch(/^山田 花子さんの利用者登録は/)
    expect((await t.call('GET', '/api/card', { headers: card(RYO) })).status).toBe(200)
    // An account with one card: the refusal is the account's, as before (no otherCards).
    await t.db.orm.delete(lineLinks).where(eq(lineLinks.patronId, RYO))
    const alone = await json<ApiError>(await t.call('GET', '/api/me'))
    expect(alone.code).toBe('expired')
    expect(alone.otherCards).toBeUndefined()
    expect(alone.message).toMatch(/^長期間ご利用がなかったため/)
  })

  it('ACC-FAMILY: the hold cart is the account’s: placing its title for the other card takes it out', async () => {
    expect((await t.call('PUT', `/api/cart/${TITLE.book(11)}`)).status).toBe(200)
    expect((await hold(RYO, TITLE.book(11))).status).toBe(201)
    const cart = await json<CartResponse>(await t.call('GET', '/api/cart'))
    expect(cart.items.map((i) => i.id)).not.toContain(TITLE.book(11))
  })

  it('ACC-FAMILY, ACC-EXPIRED: with the first card lapsed, the cart still fills and its title is placed for the other card', async () => {
    await t.db.orm
      .update(patrons)
      .set({ expiresOn: '2026-01-01' })
      .where(eq(patrons.id, PATRON.hanako))
    const d = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.book(14)}`))
    expect(d.holdRefusal).toBeNull()
    // The title's own rules still hold (HOLD-NONCIRC): not offered for any card's cart.
    const reference = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.reference}`))
    expect(reference.holdRefusal?.reason).toBe('not_for_loan')
    expect((await t.call('PUT', `/api/cart/${TITLE.book(14)}`)).status).toBe(200)
    // For her own card: refused, in her name; for his: placed, and out of the cart.
    const hers = await json<ApiError>(
      await t.call('POST', '/api/holds', {
        body: { titleIds: [TITLE.book(14)], pickupPlaceId: PLACE.central },
      }),
    )
    expect(hers).toMatchObject({ code: 'expired', otherCards: true })
    expect((await hold(RYO, TITLE.book(14))).status).toBe(201)
    const cart = await json<CartResponse>(await t.call('GET', '/api/cart'))
    expect(cart.items).toEqual([])
  })
})
