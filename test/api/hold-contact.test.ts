/**
 * Whom a refusal about a hold says to phone, and the call button's contact with it (a patron
 * walk: under a locker hold's refusal the button named the locker and dialled its library).
 * A locker or a bookmobile station is run by a library: its name and its number, both from
 * that library (the fixture's locker lists another library's number than the one running it).
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { holds, noticePreferences } from '../../db/schema.ts'
import type { ApiError, HoldsResponse, PlaceHoldsResponse } from '../../liff/api-types.ts'
import { HOLD, PATRON, PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

/** 中央図書館 runs the locker and the station (parentId 1 in the fixture). */
const CENTRAL = { name: '中央図書館', phone: '050-7105-8141' }

/** 花子's ready hold (a copy set aside), moved to `placeId`. */
async function readyAt(placeId: number) {
  await t.db.orm.update(holds).set({ pickupPlaceId: placeId }).where(eq(holds.id, HOLD.ready))
}

async function refusal(res: Response, code: string) {
  expect(res.status).toBe(409)
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  return body
}

const listed = async (lang = 'ja') => {
  const body = await json<HoldsResponse>(await t.call('GET', '/api/holds', { lang }))
  return body.holds.find((h) => h.id === HOLD.ready)!
}

describe('HOLD-CANCEL, HOLD-LOCKER: a locker hold names and dials the library that runs it', () => {
  it('in the holds list, in Japanese and English', async () => {
    await readyAt(PLACE.locker)
    const ja = await listed()
    if (ja.cancellable) throw new Error('a ready hold is not cancellable')
    expect(ja.refusal.contact).toEqual(CENTRAL)
    expect(ja.refusal.message).toContain(
      '受取場所（枚方市駅 予約図書受取ロッカー）を受け持つ中央図書館（050-7105-8141）へお電話でご連絡ください。',
    )
    expect(ja.refusal.message).not.toContain('072-841-1103')
    const en = await listed('en')
    if (en.cancellable) throw new Error('a ready hold is not cancellable')
    expect(en.refusal.contact).toEqual({ name: 'Central Library', phone: '050-7105-8141' })
    expect(en.refusal.message).toContain(
      'Please contact Central Library (050-7105-8141), which runs the pickup place (Hirakatashi Station pickup lockers), by phone.',
    )
  })

  it('when cancelling, changing the pickup place or suspending is refused', async () => {
    await readyAt(PLACE.locker)
    const cancel = await refusal(await t.call('DELETE', `/api/holds/${HOLD.ready}`), 'ready_hold')
    expect(cancel.contact).toEqual(CENTRAL)
    const change = await refusal(
      await t.call('PATCH', `/api/holds/${HOLD.ready}`, { body: { pickupPlaceId: PLACE.kuzuha } }),
      'ready_hold',
    )
    expect(change.contact).toEqual(CENTRAL)
    expect(change.message).toContain('を受け持つ中央図書館（050-7105-8141）へお電話ください。')
    const suspend = await refusal(
      await t.call('POST', `/api/holds/${HOLD.ready}/suspend`, { body: { until: '2026-07-01' } }),
      'ready_hold',
    )
    expect(suspend.contact).toEqual(CENTRAL)
  })

  it('HOLD-BOOKMOBILE: a bookmobile station likewise (its own row lists the bookmobile office)', async () => {
    await readyAt(PLACE.bookmobile)
    const hold = await listed()
    if (hold.cancellable) throw new Error('a ready hold is not cancellable')
    expect(hold.refusal.contact).toEqual(CENTRAL)
    expect(hold.refusal.message).toContain(
      '受取場所（ひなぎく号 星丘）を受け持つ中央図書館（050-7105-8141）',
    )
  })

  it('a library keeps its own name and number', async () => {
    const hold = await listed()
    if (hold.cancellable) throw new Error('a ready hold is not cancellable')
    expect(hold.refusal.contact).toEqual({ name: '楠葉図書館', phone: '050-7102-3113' })
  })
})

describe('NOTICE-KINDS, HOLD-LOCKER: with no notice coming, a locker hold says to phone its library', () => {
  it('names the library that runs the locker, with its number, in the 完了 confirmation', async () => {
    await t.db.orm
      .insert(noticePreferences)
      .values({ patronId: PATRON.hanako, holdReady: false, updatedAt: 0 })
    const res = await t.call('POST', '/api/holds', {
      body: { titleIds: [TITLE.book(11)], pickupPlaceId: PLACE.locker },
    })
    const { message } = await json<PlaceHoldsResponse>(res)
    expect(message).toContain('中央図書館（050-7105-8141）へお電話でお問い合わせください。')
    expect(message).not.toContain('072-841-1103')
  })
})
