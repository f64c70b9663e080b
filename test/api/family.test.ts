/**
 * ACC-FAMILY through the LIFF API: the LINE user's cards, every patron-specific call naming
 * its card in `X-Bunko-Patron` (one of this LINE user's links, never another's), renewing and
 * placing holds for the chosen person, and unlinking one card (LINE-LINK).
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { holds, lineLinks } from '../../db/schema.ts'
import type {
  ApiError,
  FamilyResponse,
  LoansResponse,
  Me,
  UnlinkResponse,
} from '../../liff/api-types.ts'
import { LOAN, PATRON, PLACE, TITLE, USER } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
  // 加藤 亮 (not linked in the fixture) becomes 花子's second card.
  await t.db.orm
    .insert(lineLinks)
    .values({ lineUserId: USER.hanako, patronId: PATRON.unlinked, linkedAt: 1 })
    .returning({ id: lineLinks.id })
})
afterEach(() => t.close())

const as = (patronId: number | string) => ({ headers: { 'X-Bunko-Patron': String(patronId) } })

describe('ACC-FAMILY: the LIFF API', () => {
  it('ACC-FAMILY: GET /api/family lists the LINE account’s cards, first linked first', async () => {
    const res = await t.call('GET', '/api/family')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await json<FamilyResponse>(res)
    expect(body).toEqual({
      cards: [
        { patronId: PATRON.hanako, patronNumber: '1000000001', name: '山田 花子' },
        { patronId: PATRON.unlinked, patronNumber: '1000000012', name: '加藤 亮' },
      ],
      limit: 6,
    })
    const single = await json<FamilyResponse>(await t.call('GET', '/api/family', { as: 'kenichi' }))
    expect(single.cards.map((c) => c.name)).toEqual(['佐藤 健一'])
  })

  it('ACC-FAMILY: a call naming a card answers for that person; without one, for the first', async () => {
    expect((await json<Me>(await t.call('GET', '/api/me'))).name).toBe('山田 花子')
    const ryo = await json<Me>(await t.call('GET', '/api/me', as(PATRON.unlinked)))
    expect(ryo).toMatchObject({ name: '加藤 亮', patronNumber: '1000000012' })
    const hers = await json<LoansResponse>(await t.call('GET', '/api/loans', as(PATRON.hanako)))
    const his = await json<LoansResponse>(await t.call('GET', '/api/loans', as(PATRON.unlinked)))
    const herIds = new Set(hers.loans.map((l) => l.id))
    expect(herIds.has(LOAN.renewable)).toBe(true)
    expect(his.loans.some((l) => herIds.has(l.id))).toBe(false)
  })

  it('ACC-FAMILY, LINE-LINK: another LINE user’s patron is refused with 403 not_family, changing nothing', async () => {
    for (const other of [PATRON.kenichi, 99999, 'abc', '1 OR 1=1']) {
      const res = await t.call('GET', '/api/me', as(other))
      expect(res.status).toBe(403)
      const body = await json<ApiError>(res)
      expect(body.code).toBe('not_family')
      expect(body.message).toContain('連携されていません')
    }
    const renew = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, as(PATRON.kenichi))
    expect(renew.status).toBe(403)
    const unlink = await t.call('POST', '/api/unlink', as(PATRON.kenichi))
    expect(unlink.status).toBe(403)
    const kenichi = await t.db.orm
      .select()
      .from(lineLinks)
      .where(eq(lineLinks.patronId, PATRON.kenichi))
    expect(kenichi).toHaveLength(1)
  })

  it('ACC-FAMILY: renewing acts for the chosen person only', async () => {
    // 花子's loan, asked for as 亮: not his, so not renewed.
    const wrong = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, as(PATRON.unlinked))
    expect(wrong.status).toBeGreaterThanOrEqual(400)
    const before = await json<LoansResponse>(await t.call('GET', '/api/loans', as(PATRON.hanako)))
    expect(before.loans.find((l) => l.id === LOAN.renewable)?.renewals).toBe(0)
    const right = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, as(PATRON.hanako))
    expect(right.status).toBe(200)
  })

  it('ACC-FAMILY: a hold is placed for the chosen person', async () => {
    const body = { titleIds: [TITLE.book(11)], pickupPlaceId: PLACE.central }
    const res = await t.call('POST', '/api/holds', { body, ...as(PATRON.unlinked) })
    expect(res.status).toBe(201)
    const his = await t.db.orm.select().from(holds).where(eq(holds.patronId, PATRON.unlinked))
    expect(his.map((h) => h.titleId)).toContain(TITLE.book(11))
    const hers = await t.db.orm.select().from(holds).where(eq(holds.patronId, PATRON.hanako))
    expect(hers.map((h) => h.titleId)).not.toContain(TITLE.book(11))
  })

  it('ACC-FAMILY, LINE-LINK: unlinking one card leaves the other working', async () => {
    const res = await t.call('POST', '/api/unlink', as(PATRON.unlinked))
    expect(res.status).toBe(200)
    expect(await json<UnlinkResponse>(res)).toEqual({ ok: true, remaining: 1 })
    const family = await json<FamilyResponse>(await t.call('GET', '/api/family'))
    expect(family.cards.map((c) => c.patronId)).toEqual([PATRON.hanako])
    expect((await t.call('GET', '/api/me', as(PATRON.unlinked))).status).toBe(403)
    expect((await t.call('GET', '/api/me', as(PATRON.hanako))).status).toBe(200)
    const last = await json<UnlinkResponse>(await t.call('POST', '/api/unlink', as(PATRON.hanako)))
    expect(last).toEqual({ ok: true, remaining: 0 })
    expect((await t.call('GET', '/api/me')).status).toBe(403)
  })
})

describe('ACC-FAMILY: もう一枚カードを追加 from the LIFF app', () => {
  it('ACC-FAMILY, LINE-LINK: POST /api/family/link answers the link page for a link token LINE issued to this user', async () => {
    // The Messaging API (issueLinkToken) served by the simulator on a loopback port.
    await t.close()
    t = await makeApi({ lineServer: true })
    const res = await t.call('POST', '/api/family/link')
    expect(res.status).toBe(200)
    const { url } = await json<{ url: string }>(res)
    const page = new URL(url)
    expect(page.pathname).toBe('/link')
    expect(page.searchParams.get('linkToken')).toBeTruthy()
    expect(page.searchParams.get('state')).toContain(USER.hanako)
  })

  it('ACC-FAMILY: a full family is refused with 409 family_full and what to do', async () => {
    // 花子 has 2 cards; four more make six.
    await t.db.orm
      .update(lineLinks)
      .set({ lineUserId: USER.hanako })
      .where(eq(lineLinks.patronId, PATRON.misaki))
      .returning({ id: lineLinks.id })
    for (const p of [PATRON.makoto, PATRON.sachiko, PATRON.naoki])
      await t.db.orm
        .update(lineLinks)
        .set({ lineUserId: USER.hanako })
        .where(eq(lineLinks.patronId, p))
        .returning({ id: lineLinks.id })
    const res = await t.call('POST', '/api/family/link')
    expect(res.status).toBe(409)
    const body = await json<ApiError>(res)
    expect(body.code).toBe('family_full')
    expect(body.message).toContain('連携を解除')
  })
})
