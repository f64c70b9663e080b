/** GET /api/loans, POST /api/loans/:id/renew, POST /api/loans/renew-all (RENEW-*). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  ApiError,
  LoansResponse,
  RenewAllResponse,
  RenewResponse,
} from '../../liff/api-types.ts'
import { LOAN, TODAY } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

const loans = async (as: Parameters<ApiHarness['call']>[2] = {}) =>
  json<LoansResponse>(await t.call('GET', '/api/loans', as))

async function refused(loanId: number, code: string, as: 'hanako' | 'makoto' = 'hanako') {
  const res = await t.call('POST', `/api/loans/${loanId}/renew`, { as })
  expect(res.status).toBe(409)
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  return body
}

describe('GET /api/loans', () => {
  it('lists due dates, overdue, and each renewal quote or why not', async () => {
    const body = await loans()
    expect(body.today).toBe(TODAY)
    const byId = new Map(body.loans.map((l) => [l.id, l]))
    expect(byId.size).toBe(9)
    const renewable = byId.get(LOAN.renewable)!
    expect(renewable).toMatchObject({
      loanDate: '2026-06-01',
      dueDate: '2026-06-15',
      overdue: false,
      renewals: 0,
      renewable: true,
      newDueDate: '2026-06-24',
      library: { name: '中央図書館', phone: '050-7105-8141' },
    })
    expect(renewable.title).toMatchObject({ id: 1, name: '銀河鉄道の夜', materialType: 'book' })
    expect(byId.get(LOAN.overdue)).toMatchObject({ overdue: true, renewable: false })
    expect(byId.get(LOAN.ill)?.library).toEqual({ name: '楠葉図書館', phone: '050-7102-3113' })
    const reasons = Object.fromEntries(
      body.loans.map((l) => [l.id, l.renewable ? 'ok' : l.refusal.reason]),
    )
    expect(reasons).toEqual({
      [LOAN.renewable]: 'ok',
      [LOAN.held]: 'held',
      [LOAN.overdue]: 'overdue',
      [LOAN.ill]: 'ill',
      [LOAN.avLimit]: 'av_limit',
      [LOAN.capReached]: 'cap_reached',
      [LOAN.tooSoon]: 'too_soon',
      [LOAN.noGain]: 'no_gain',
      [LOAN.cdRenewable]: 'ok',
    })
  })

  it('RENEW-NO-GAIN: the quote is the date a renewal today would give', async () => {
    const cd = (await loans()).loans.find((l) => l.id === LOAN.cdRenewable)!
    // RENEW-AV: R + 7 days.
    expect(cd.renewable && cd.newDueDate).toBe('2026-06-17')
  })

  it('in English, the refusal sentences are English', async () => {
    const held = (await loans({ lang: 'en' })).loans.find((l) => l.id === LOAN.held)!
    expect(!held.renewable && held.refusal.message).toMatch(/Another patron is waiting/)
  })

  it("shows another patron's loans to nobody: only the caller's own", async () => {
    expect((await loans({ as: 'kenichi' })).loans).toEqual([])
  })
})

describe('POST /api/loans/:id/renew', () => {
  it('RENEW-BOOK: renews to R + 14 days and answers with the loan and the old date', async () => {
    const res = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, {
      body: { quotedDueDate: '2026-06-24' },
    })
    expect(res.status).toBe(200)
    const body = await json<RenewResponse>(res)
    expect(body.previousDueDate).toBe('2026-06-15')
    expect(body.dueDate).toBe('2026-06-24')
    expect(body.loan).toMatchObject({ id: LOAN.renewable, dueDate: '2026-06-24', renewals: 1 })
    // The next renewal today would not move it later.
    expect(body.loan?.renewable).toBe(false)
  })

  it('RENEW-AV: a CD renews once, by 7 days; the second time is av_limit', async () => {
    const first = await t.call('POST', `/api/loans/${LOAN.cdRenewable}/renew`)
    expect((await json<RenewResponse>(first)).loan?.dueDate).toBe('2026-06-17')
    t.clock.t += 3 * 86_400_000
    await refused(LOAN.cdRenewable, 'av_limit')
  })

  it('RENEW-NO-GAIN: a quote from another day is refused as quote_changed, nothing renewed', async () => {
    const res = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, {
      body: { quotedDueDate: '2026-06-23' },
    })
    expect(res.status).toBe(409)
    expect((await json<ApiError>(res)).code).toBe('quote_changed')
    const loan = (await loans()).loans.find((l) => l.id === LOAN.renewable)!
    expect(loan.dueDate).toBe('2026-06-15')
  })

  it('RENEW-NO-GAIN: a renewal from a page shown before the loan was renewed elsewhere says it is already renewed, to when, and renews nothing', async () => {
    const renew = (lang?: 'en') =>
      t.call('POST', `/api/loans/${LOAN.renewable}/renew`, {
        body: { quotedDueDate: '2026-06-24' },
        ...(lang ? { lang } : {}),
      })
    expect((await renew()).status).toBe(200)
    // The other tab still shows 15 June and the offer of 24 June.
    const stale = await renew()
    expect(stale.status).toBe(409)
    const body = await json<ApiError>(stale)
    expect(body.code).toBe('already_renewed')
    expect(body.message).toBe('この資料はすでに延長されています。返却期限は2026年6月24日(水)です。')
    const english = await json<ApiError>(await renew('en'))
    expect(english.message).toBe(
      'This item has already been renewed. It is now due on Wed 24 Jun 2026.',
    )
    const loan = (await loans()).loans.find((l) => l.id === LOAN.renewable)!
    expect(loan).toMatchObject({ dueDate: '2026-06-24', renewals: 1 })
  })

  it('RENEW-HELD: held by another patron', async () => {
    const body = await refused(LOAN.held, 'held')
    expect(body.message).toContain('予約')
  })

  it('RENEW-OVERDUE: past its due date', async () => {
    await refused(LOAN.overdue, 'overdue')
  })

  it('RENEW-ILL: inter-library loan', async () => {
    await refused(LOAN.ill, 'ill')
  })

  it('RENEW-AV: av_limit after one renewal', async () => {
    await refused(LOAN.avLimit, 'av_limit')
  })

  it('RENEW-BOOK: cap_reached at loan date + 60 days', async () => {
    const body = await refused(LOAN.capReached, 'cap_reached')
    expect(body.message).toContain('60日')
  })

  it('RENEW-WHEN: too_soon on the loan date', async () => {
    await refused(LOAN.tooSoon, 'too_soon')
  })

  it('RENEW-NO-GAIN: no_gain when the due date would not move later', async () => {
    await refused(LOAN.noGain, 'no_gain')
  })

  it('ACC-BLOCK-OVERDUE: blocked, with whom to phone', async () => {
    const body = await refused(LOAN.blocked, 'blocked', 'makoto')
    expect(body.contact).toEqual({ name: '中央図書館', phone: '050-7105-8141' })
  })

  it("another patron's loan is not found, and is not renewed", async () => {
    const res = await t.call('POST', `/api/loans/${LOAN.renewable}/renew`, { as: 'kenichi' })
    expect(res.status).toBe(404)
    expect((await json<ApiError>(res)).code).toBe('not_found')
    expect((await loans()).loans.find((l) => l.id === LOAN.renewable)?.dueDate).toBe('2026-06-15')
  })

  it('validates the id and the body', async () => {
    for (const [path, body, field] of [
      ['/api/loans/abc/renew', undefined, 'id'],
      ['/api/loans/0/renew', undefined, 'id'],
      ['/api/loans/01/renew', undefined, 'id'],
      ['/api/loans/99999999999999999999/renew', undefined, 'id'],
      ['/api/loans/1/renew', { quotedDueDate: '2026-02-30' }, 'quotedDueDate'],
      ['/api/loans/1/renew', { quotedDueDate: 20260624 }, 'quotedDueDate'],
      ['/api/loans/1/renew', { quotedDueDate: '2026-06-24', extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.call('POST', path, body === undefined ? {} : { body })
      expect(res.status, path).toBe(400)
      const err = await json<ApiError>(res)
      expect(err).toMatchObject({ code: 'invalid', field })
    }
    const broken = await t.call('POST', '/api/loans/1/renew', { raw: '{"quotedDueDate":' })
    expect(await json<ApiError>(broken)).toMatchObject({ code: 'invalid', field: 'body' })
    expect((await loans()).loans.find((l) => l.id === LOAN.renewable)?.dueDate).toBe('2026-06-15')
  })

  it('refuses a body larger than any call needs', async () => {
    const res = await t.call('POST', '/api/loans/1/renew', {
      raw: JSON.stringify({ quotedDueDate: 'x'.repeat(20_000) }),
    })
    expect(res.status).toBe(400)
  })
})

describe('POST /api/loans/renew-all', () => {
  it('RENEW-REASONS: renews what it can and reports each refusal', async () => {
    const res = await t.call('POST', '/api/loans/renew-all')
    expect(res.status).toBe(200)
    const { results } = await json<RenewAllResponse>(res)
    expect(results).toHaveLength(9)
    const ok = results.filter((r) => r.ok)
    expect(ok.map((r) => [r.loanId, r.ok && r.previousDueDate, r.ok && r.dueDate])).toEqual(
      expect.arrayContaining([
        [LOAN.renewable, '2026-06-15', '2026-06-24'],
        [LOAN.cdRenewable, '2026-06-12', '2026-06-17'],
      ]),
    )
    const refused = Object.fromEntries(
      results.flatMap((r) => (r.ok ? [] : [[r.loanId, r.refusal.reason]])),
    )
    expect(refused).toEqual({
      [LOAN.held]: 'held',
      [LOAN.overdue]: 'overdue',
      [LOAN.ill]: 'ill',
      [LOAN.avLimit]: 'av_limit',
      [LOAN.capReached]: 'cap_reached',
      [LOAN.tooSoon]: 'too_soon',
      [LOAN.noGain]: 'no_gain',
    })
    expect(results.find((r) => r.loanId === LOAN.held)?.title).toBe('図書館の本 第2話')
    const after = await loans()
    expect(after.loans.find((l) => l.id === LOAN.renewable)?.dueDate).toBe('2026-06-24')
  })

  it('a second renew-all the same day renews nothing more (RENEW-NO-GAIN, RENEW-AV)', async () => {
    await t.call('POST', '/api/loans/renew-all')
    const { results } = await json<RenewAllResponse>(await t.call('POST', '/api/loans/renew-all'))
    expect(results.filter((r) => r.ok)).toEqual([])
  })

  it('ACC-BLOCK-OVERDUE: a blocked patron gets blocked for every loan', async () => {
    const { results } = await json<RenewAllResponse>(
      await t.call('POST', '/api/loans/renew-all', { as: 'makoto' }),
    )
    expect(results.map((r) => !r.ok && r.refusal.reason)).toEqual(['blocked'])
  })

  it('takes no body', async () => {
    const res = await t.call('POST', '/api/loans/renew-all', { body: { all: true } })
    expect(res.status).toBe(400)
  })
})
