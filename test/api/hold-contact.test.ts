/**
 * Whom a refusal about a hold, or the 完了 confirmation with no notice coming, says to phone,
 * and the call button's contact with it (a patron walk: under a locker hold's refusal the
 * button named the locker and dialled its library).
 * A locker is run by a library and lists its number: that library's name with it, never the
 * locker's. A bookmobile station lists the bookmobile office's own line: that, under its name.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { holds, noticePreferences, places } from '../../db/schema.ts'
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
    expect(ja.refusal.message).not.toContain('ロッカー（050')
    const en = await listed('en')
    if (en.cancellable) throw new Error('a ready hold is not cancellable')
    expect(en.refusal.contact).toEqual({ name: 'Central Library', phone: '050-7105-8141' })
    expect(en.refusal.message).toContain(
      'Please phone Central Library (050-7105-8141), which runs the pickup place (Hirakatashi Station pickup lockers).',
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

  it("HOLD-BOOKMOBILE: a bookmobile station has a line of its own (the guide's 分室・自動車文庫 050-7105-8114): that number, under the station's name, not its library's", async () => {
    await readyAt(PLACE.bookmobile)
    const hold = await listed()
    if (hold.cancellable) throw new Error('a ready hold is not cancellable')
    expect(hold.refusal.contact).toEqual({ name: '移動図書館の係', phone: '050-7105-8114' })
    expect(hold.refusal.message).toContain(
      '受取場所（ひなぎく号 星丘）を受け持つ移動図書館の係（050-7105-8114）',
    )
  })

  it('a locker whose library is out of service (closed for works): the words and the button both give the library-wide contact', async () => {
    await readyAt(PLACE.locker)
    await t.db.orm
      .update(places)
      .set({ parentId: PLACE.kuzuha, phone: '050-7102-3113' })
      .where(eq(places.id, PLACE.locker))
    expect((await listed()).refusal?.message).toContain('を受け持つ楠葉図書館（050-7102-3113）')
    await t.db.orm.update(places).set({ active: false }).where(eq(places.id, PLACE.kuzuha))
    const hold = await listed()
    if (hold.cancellable) throw new Error('a ready hold is not cancellable')
    expect(hold.refusal.contact).toEqual(CENTRAL)
    expect(hold.refusal.message).toContain(
      '受取場所（枚方市駅 予約図書受取ロッカー）について、中央図書館（050-7105-8141）へ',
    )
    const cancel = await refusal(await t.call('DELETE', `/api/holds/${HOLD.ready}`), 'ready_hold')
    expect(cancel.contact).toEqual(CENTRAL)
    expect(cancel.message).toContain('について、中央図書館（050-7105-8141）へ')
  })

  it('a library keeps its own name and number', async () => {
    const hold = await listed()
    if (hold.cancellable) throw new Error('a ready hold is not cancellable')
    expect(hold.refusal.contact).toEqual({ name: '楠葉図書館', phone: '050-7102-3113' })
  })
})

describe('NOTICE-KINDS, HOLD-LOCKER: with no notice coming, a locker hold says to phone its library', () => {
  /** 花子 (or `as`) with LINE hold notices off: with no e-mail either, nothing will come. */
  const noticesOff = (patronId: number = PATRON.hanako) =>
    t.db.orm.insert(noticePreferences).values({ patronId, holdReady: false, updatedAt: 0 })
  const placeAt = async (
    pickupPlaceId: number,
    titleId = TITLE.book(11),
    opts: { as?: 'emily'; lang?: string } = {},
  ) => {
    const res = await t.call('POST', '/api/holds', {
      ...opts,
      body: { titleIds: [titleId], pickupPlaceId },
    })
    expect(res.status).toBe(201)
    return json<PlaceHoldsResponse>(res)
  }

  it('names the library that runs the locker, with its number, in the 完了 confirmation', async () => {
    await noticesOff()
    const { message } = await placeAt(PLACE.locker)
    expect(message).toContain('中央図書館（050-7105-8141）へお電話でお問い合わせください。')
    expect(message).not.toContain('ロッカー（050')
  })

  it('carries that contact for the call button: the same name and number as the line saying to phone', async () => {
    await noticesOff()
    const locker = await placeAt(PLACE.locker)
    expect(locker.contact).toEqual(CENTRAL)
    const phoneLine = locker.message.split('\n').filter((l) => l.includes('050-7105-8141'))
    expect(phoneLine).toEqual([
      '予約中一覧でご確認いただくか、中央図書館（050-7105-8141）へお電話でお問い合わせください。',
    ])
    // A library is its own contact.
    expect((await placeAt(PLACE.kuzuha, TITLE.book(12))).contact).toEqual({
      name: '楠葉図書館',
      phone: '050-7102-3113',
    })
    // In English, the name as the English line says it.
    await noticesOff(PATRON.emily)
    const en = await placeAt(PLACE.locker, TITLE.book(13), { as: 'emily', lang: 'en' })
    expect(en.contact).toEqual({ name: 'Central Library', phone: '050-7105-8141' })
    expect(en.message).toContain(
      'Please check your list of holds, or phone Central Library (050-7105-8141).',
    )
  })

  it('no contact when a notice will come: on LINE, or by e-mail where the library system sends it', async () => {
    const line = await placeAt(PLACE.locker)
    expect(line.message).toContain('お知らせします')
    expect(line).not.toHaveProperty('contact')
    // Front mode, an ILS that e-mails its notices: Emily (a confirmed address) hears by e-mail.
    t.close()
    t = await makeApi({
      library: (inner) => ({
        ...inner,
        capabilities: () => ({ ...inner.capabilities(), emailNotices: true }),
      }),
    })
    await noticesOff(PATRON.emily)
    const email = await placeAt(PLACE.locker, TITLE.book(12), { as: 'emily', lang: 'en' })
    expect(email.message).toContain('by e-mail')
    expect(email).not.toHaveProperty('contact')
  })
})
