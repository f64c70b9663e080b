/**
 * Issue 20: what a patron does in the LIFF app is written to the audit trail as the LINE
 * channel (no staff, channel 'line'), one entry per loan renewed, hold placed or hold
 * cancelled, with ids only; refusals write nothing.
 */
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlaceHoldsResponse, RenewAllResponse } from '../../liff/api-types.ts'
import { HOLD, LOAN, PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

const entries = () =>
  t.db.all<{ staffId: number | null; action: string; subject: string; channel: string | null }>(
    sql`SELECT staff_id AS staffId, action, subject, channel FROM audit_log ORDER BY id`,
  )

describe('LINE-side actions in the audit trail', () => {
  it('a renewal, a renew-all, a cart of holds and a cancel: one LINE entry each, ids only', async () => {
    expect((await t.call('POST', `/api/loans/${LOAN.renewable}/renew`)).status).toBe(200)
    const all = await json<RenewAllResponse>(await t.call('POST', '/api/loans/renew-all'))
    const renewedByAll = all.results.filter((r) => r.ok).map((r) => `loan:${r.loanId}`)
    const placed = await json<PlaceHoldsResponse>(
      await t.call('POST', '/api/holds', {
        body: { titleIds: [TITLE.book(11), TITLE.book(12)], pickupPlaceId: PLACE.central },
      }),
    )
    expect((await t.call('DELETE', `/api/holds/${HOLD.waiting}`)).status).toBe(200)

    const rows = await entries()
    expect(rows.every((r) => r.staffId === null && r.channel === 'line')).toBe(true)
    expect(rows.filter((r) => r.action === 'loan.renew').map((r) => r.subject)).toEqual([
      `loan:${LOAN.renewable}`,
      ...renewedByAll,
    ])
    expect(
      rows
        .filter((r) => r.action === 'hold.place')
        .map((r) => r.subject)
        .sort(),
    ).toEqual(placed.holds.map((h) => `hold:${h.id}`).sort())
    expect(rows.filter((r) => r.action === 'hold.cancel').map((r) => r.subject)).toEqual([
      `hold:${HOLD.waiting}`,
    ])
  })

  it('a refused renewal or cancel writes nothing', async () => {
    expect((await t.call('POST', `/api/loans/${LOAN.held}/renew`)).status).toBe(409)
    expect((await t.call('DELETE', `/api/holds/${HOLD.ready}`)).status).toBe(409)
    expect(await entries()).toEqual([])
  })
})
