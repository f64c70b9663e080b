/** POST / DELETE /api/holds/:id/suspend (HOLD-SUSPEND, 休止) through the embedded port. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiError, HoldResponse, HoldsResponse } from '../../liff/api-types.ts'
import { HOLD } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

const suspend = (holdId: number, until: unknown, lang = 'ja') =>
  t.call('POST', `/api/holds/${holdId}/suspend`, { body: { until }, lang })
const resume = (holdId: number) => t.call('DELETE', `/api/holds/${holdId}/suspend`)
const holdOf = async (holdId: number) =>
  (await json<HoldsResponse>(await t.call('GET', '/api/holds'))).holds.find((h) => h.id === holdId)!

async function refusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  return body
}

describe('HOLD-SUSPEND over the API', () => {
  it('HOLD-SUSPEND: the list offers it on a waiting hold (latest day = today + 90), not on a ready one', async () => {
    expect((await holdOf(HOLD.waiting)).suspend).toEqual({ until: null, latest: '2026-09-08' })
    expect((await holdOf(HOLD.ready)).suspend).toBeNull()
    expect((await holdOf(HOLD.setFirst)).suspend).toBeNull() // in transit
  })

  it('HOLD-SUSPEND: suspend until a day, shown in the list with the queue place kept; resume early', async () => {
    const before = await holdOf(HOLD.waiting)
    const res = await suspend(HOLD.waiting, '2026-07-01')
    expect(res.status).toBe(200)
    const { hold } = await json<HoldResponse>(res)
    expect(hold.suspend).toEqual({ until: '2026-07-01', latest: '2026-09-08' })
    const listed = await holdOf(HOLD.waiting)
    expect(listed.suspend?.until).toBe('2026-07-01')
    expect(listed.queuePosition).toBe(before.queuePosition)
    const back = await resume(HOLD.waiting)
    expect(back.status).toBe(200)
    expect((await json<HoldResponse>(back)).hold.suspend?.until).toBeNull()
    await refusal(await resume(HOLD.waiting), 409, 'not_suspended')
  })

  it('HOLD-SUSPEND: "until" passes and the hold is active again by itself', async () => {
    await suspend(HOLD.waiting, '2026-06-12')
    t.clock.t += 3 * 24 * 60 * 60 * 1000
    expect((await holdOf(HOLD.waiting)).suspend?.until).toBeNull()
  })

  it('HOLD-SUSPEND: more than 90 days, a past day, a ready hold or a stranger’s hold are refused, saying why', async () => {
    const far = await refusal(await suspend(HOLD.waiting, '2026-09-09'), 409, 'too_far')
    expect(far.message).toContain('90日後')
    const farEn = await refusal(await suspend(HOLD.waiting, '2026-09-09', 'en'), 409, 'too_far')
    expect(farEn.message).toContain('at most 90 days')
    await refusal(await suspend(HOLD.waiting, '2026-06-09'), 409, 'bad_date')
    await refusal(await suspend(HOLD.waiting, 'next week'), 409, 'bad_date')
    await refusal(await suspend(HOLD.waiting, 20260701), 400, 'invalid')
    const ready = await refusal(await suspend(HOLD.ready, '2026-07-01'), 409, 'ready_hold')
    expect(ready.contact).toEqual({ name: '楠葉図書館', phone: '050-7102-3113' })
    await refusal(await suspend(HOLD.othersWaiting, '2026-07-01'), 404, 'not_found')
    expect((await holdOf(HOLD.waiting)).suspend?.until).toBeNull()
  })
})
