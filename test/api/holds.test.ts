/** GET / POST /api/holds, DELETE / PATCH /api/holds/:id (HOLD-*). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { noticePreferences } from '../../db/schema.ts'
import type {
  ApiError,
  HoldResponse,
  HoldsResponse,
  Me,
  PlaceHoldsResponse,
} from '../../liff/api-types.ts'
import { HOLD, PATRON, PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi()
})
afterEach(() => t.close())

type As = NonNullable<Parameters<ApiHarness['call']>[2]>['as']

const list = async (as: As = 'hanako') =>
  json<HoldsResponse>(await t.call('GET', '/api/holds', { as }))

async function place(titleIds: number[], pickupPlaceId: number = PLACE.central, as: As = 'hanako') {
  return t.call('POST', '/api/holds', { as, body: { titleIds, pickupPlaceId } })
}

async function refusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  return body
}

describe('GET /api/holds', () => {
  it('HOLD-QUEUE, HOLD-CANCEL, HOLD-CHANGE: state, position, pickup, what can be done', async () => {
    const body = await list()
    expect(body.counts).toEqual({ total: 5, av: 0 })
    expect(body.limits).toEqual({ total: 15, av: 6 })
    const byId = new Map(body.holds.map((h) => [h.id, h]))
    expect([...byId.keys()]).toEqual([
      HOLD.ready,
      HOLD.interLibrary,
      HOLD.waiting,
      HOLD.setFirst,
      HOLD.setSecond,
    ])
    expect(byId.get(HOLD.waiting)).toMatchObject({
      state: 'waiting',
      queuePosition: 2,
      placedOn: '2026-06-02',
      pickupPlace: { id: 1, name: '中央図書館', kind: 'library', phone: '050-7105-8141' },
      pickupBy: null,
      set: null,
      cancellable: true,
      pickupChangeRefusal: null,
      notice: null,
      transit: null,
    })
    const ready = byId.get(HOLD.ready)!
    expect(ready).toMatchObject({ state: 'ready', queuePosition: null, pickupBy: '2026-06-17' })
    expect(ready.cancellable).toBe(false)
    expect(!ready.cancellable && ready.refusal).toMatchObject({
      reason: 'ready_hold',
      contact: { name: '楠葉図書館', phone: '050-7102-3113' },
    })
    expect(ready.pickupChangeRefusal?.reason).toBe('ready_hold')
    // NOTICE-ONCE: the ready notice failed, and the app can say so.
    expect(ready.notice).toEqual({
      status: 'failed',
      channel: 'line',
      at: '2026-06-10T10:00:00+09:00',
    })
    const ill = byId.get(HOLD.interLibrary)!
    expect(!ill.cancellable && ill.refusal.reason).toBe('inter_library')
    // HOLD-SET: 上 in transit, 下 waits for it.
    expect(byId.get(HOLD.setFirst)).toMatchObject({
      state: 'in_transit',
      // HOLD-TRANSIT: the patron sees where it is going.
      transit: { to: { name: expect.any(String) } },
      set: { groupId: 77, volume: 1, of: 2 },
      title: { name: '白い鐘 上', volumeLabel: '上', set: { setId: 1, name: '白い鐘' } },
    })
    expect(byId.get(HOLD.setFirst)?.title.set?.volumes.map((v) => v.label)).toEqual([
      '上',
      '中',
      '下',
    ])
    expect(byId.get(HOLD.setSecond)?.set).toEqual({ groupId: 77, volume: 2, of: 2 })
  })

  it('ACC-BLOCK-OVERDUE: a blocked patron sees why the pickup place cannot be changed', async () => {
    const [hold] = (await list('makoto')).holds
    expect(hold?.pickupChangeRefusal?.reason).toBe('blocked')
    expect(hold?.cancellable).toBe(true)
  })

  it('a hold the library system could only be asked about by guessing (front mode) offers neither cancel nor change, and says where', async () => {
    t.close()
    const elsewhere = { ja: '図書館の窓口でお願いします。', en: 'Please ask at a counter.' }
    t = await makeApi({
      library: (embedded) => ({
        ...embedded,
        holds: async (input, now) => {
          const listed = await embedded.holds(input, now)
          if (!listed.ok) return listed
          const [first, ...rest] = listed.value
          const unsure = {
            ok: false as const,
            reason: 'library_refused' as const,
            message: elsewhere,
          }
          return { ...listed, value: first ? [{ ...first, cancel: unsure }, ...rest] : [] }
        },
      }),
    })
    const [hold] = (await list()).holds
    expect(hold).toMatchObject({
      cancellable: false,
      refusal: { reason: 'elsewhere', message: elsewhere.ja },
      pickupChangeRefusal: { reason: 'elsewhere', message: elsewhere.ja },
    })
  })

  it('names places in English for an English answer', async () => {
    const ready = (await json<HoldsResponse>(await t.call('GET', '/api/holds', { lang: 'en' })))
      .holds[0]!
    expect(ready.pickupPlace?.name).toBe('Kuzuha Library')
    expect(!ready.cancellable && ready.refusal.message).toMatch(/cannot be cancelled online/)
  })
})

describe('POST /api/holds', () => {
  it('HOLD-SET: a cart with two volumes of a set becomes one set hold in volume order', async () => {
    const res = await place([TITLE.shore(2), TITLE.book(11), TITLE.shore(1)], PLACE.locker)
    expect(res.status).toBe(201)
    const { holds } = await json<PlaceHoldsResponse>(res)
    expect(holds).toHaveLength(3)
    const upper = holds.find((h) => h.title.id === TITLE.shore(1))!
    const lower = holds.find((h) => h.title.id === TITLE.shore(2))!
    expect(upper.set?.groupId).toBe(lower.set?.groupId)
    expect([upper.set?.volume, lower.set?.volume, upper.set?.of]).toEqual([1, 2, 2])
    expect(holds.find((h) => h.title.id === 11)?.set).toBeNull()
    for (const h of holds) {
      expect(h.state).toBe('waiting')
      expect(h.pickupPlace).toMatchObject({ id: PLACE.locker, kind: 'locker' })
      expect(h.cancellable).toBe(true)
    }
    expect((await list()).counts.total).toBe(8)
  })

  it("HOLD-SCOPE, NOTICE-SLOTS: the answer carries core's confirmation: the count, the place, that a shelf copy is not ready at once, and when notices go out", async () => {
    const { message } = await json<PlaceHoldsResponse>(
      await place([TITLE.shore(2), TITLE.shore(1)], PLACE.locker),
    )
    expect(message).toMatch(/^2点の予約を受け付けました。受取場所は.*ロッカー.*です。/)
    expect(message).toContain('巻の順番にご用意します')
    expect(message).toContain('10時・16時・19時のいずれかにお知らせします')
    expect(message).toContain('すぐにご用意できるとは限りません')
    const en = await t.call('POST', '/api/holds', {
      lang: 'en',
      body: { titleIds: [TITLE.book(11)], pickupPlaceId: PLACE.central },
    })
    expect((await json<PlaceHoldsResponse>(en)).message).toMatch(
      /^Your hold has been placed for pickup at [A-Z][\w ]+Library\.\nItems on the shelf may still take a little while to prepare\.\nWe will tell you on LINE when it is ready \(notices go out at 10:00 and 16:00, Japan time\)\.$/,
    )
  })

  it('NOTICE-KINDS: the confirmation promises LINE only when a LINE push will come; otherwise e-mail, or no notice with where to look', async () => {
    // 花子 turned LINE hold notices off and has no confirmed e-mail: nothing will come.
    await t.db.orm
      .insert(noticePreferences)
      .values({ patronId: PATRON.hanako, holdReady: false, updatedAt: 0 })
    const hers = await json<PlaceHoldsResponse>(await place([TITLE.book(11)], PLACE.kuzuha))
    expect(hers.message).not.toContain('LINEで10時')
    // One idea a line (the 完了 page shows each apart): why none comes, then what to do.
    expect(hers.message.split('\n').slice(-3)).toEqual([
      'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
      '予約中一覧でご確認いただくか、楠葉図書館（050-7102-3113）へお電話でお問い合わせください。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
    ])
    // Emily, the same settings with a confirmed e-mail address, in English: embedded bunko
    // sends no e-mail, so nothing comes; where the library system e-mails, by e-mail.
    const emilyPlaces = async () => {
      await t.db.orm
        .insert(noticePreferences)
        .values({ patronId: PATRON.emily, holdReady: false, updatedAt: 0 })
      const emily = await t.call('POST', '/api/holds', {
        as: 'emily',
        lang: 'en',
        body: { titleIds: [TITLE.book(12)], pickupPlaceId: PLACE.central },
      })
      return (await json<PlaceHoldsResponse>(emily)).message
    }
    const embedded = await emilyPlaces()
    expect(embedded).not.toContain('tell you on LINE')
    expect(embedded).toContain('With no other way to reach you, no notice will come')
    t.close()
    t = await makeApi({
      library: (inner) => ({
        ...inner,
        capabilities: () => ({ ...inner.capabilities(), emailNotices: true }),
      }),
    })
    expect(await emilyPlaces()).toContain(
      'We will tell you by e-mail, at the address registered with the library, when it is ready.',
    )
  })

  it('HOLD-LIMIT: 14 of 15 takes one more and refuses a cart of two whole', async () => {
    const two = await refusal(await place([1, 2], PLACE.central, 'kenichi'), 409, 'limit')
    expect(two.message).toContain('15点中14点')
    expect((await list('kenichi')).counts.total).toBe(14)
    expect((await place([1], PLACE.central, 'kenichi')).status).toBe(201)
    expect((await list('kenichi')).counts.total).toBe(15)
  })

  it('HOLD-LIMIT: 6 of 6 AV refuses another AV (av_limit) and takes a book', async () => {
    await refusal(await place([TITLE.dvd(8)], PLACE.central, 'misaki'), 409, 'av_limit')
    expect((await place([1], PLACE.central, 'misaki')).status).toBe(201)
  })

  it('HOLD-NONCIRC: not_for_loan names the title', async () => {
    const body = await refusal(await place([11, TITLE.reference]), 409, 'not_for_loan')
    expect(body.titleId).toBe(TITLE.reference)
    expect(body.message).toContain('枚方市史 資料編')
    expect((await list()).counts.total).toBe(5)
  })

  it('HOLD-AUDIOBOOK: a general patron is refused, a print-disabled patron is not', async () => {
    const body = await refusal(await place([TITLE.audiobook]), 409, 'audiobook')
    expect(body).toMatchObject({ titleId: TITLE.audiobook, contact: { phone: '050-7105-8141' } })
    expect((await place([TITLE.audiobook], PLACE.central, 'fumiko')).status).toBe(201)
  })

  it('HOLD-DUPLICATE: a title already held, or on loan now, names the title', async () => {
    const held = await refusal(await place([11, 8]), 409, 'duplicate')
    expect(held.titleId).toBe(8)
    const onLoan = await refusal(await place([1]), 409, 'duplicate')
    expect(onLoan).toMatchObject({ titleId: 1 })
    expect(onLoan.message).toContain('お借りになっている')
  })

  it('HOLD-PICKUP: a place that takes no holds is refused (pickup)', async () => {
    await refusal(await place([11], PLACE.closed), 409, 'pickup')
    await refusal(await place([11], 999), 409, 'pickup')
  })

  it('ACC-PASSWORD: a patron LINE cannot reach is refused (unreachable)', async () => {
    const body = await refusal(await place([11], PLACE.central, 'yui'), 409, 'unreachable')
    expect(body.message).toContain('連絡')
  })

  it('ACC-BLOCK-OVERDUE: a blocked patron cannot place holds (blocked)', async () => {
    const body = await refusal(await place([11], PLACE.central, 'makoto'), 409, 'blocked')
    expect(body.contact?.phone).toBe('050-7105-8141')
  })

  it('an unknown title is 404', async () => {
    await refusal(await place([11, 9999]), 404, 'not_found')
    expect((await list()).counts.total).toBe(5)
  })

  it('validates the cart', async () => {
    const bad: [unknown, string][] = [
      [{ titleIds: [], pickupPlaceId: 1 }, 'titleIds'],
      [{ titleIds: [11, 11], pickupPlaceId: 1 }, 'titleIds'],
      [{ titleIds: Array.from({ length: 26 }, (_, i) => i + 1), pickupPlaceId: 1 }, 'titleIds'],
      [{ titleIds: ['11'], pickupPlaceId: 1 }, 'titleIds'],
      [{ titleIds: [1.5], pickupPlaceId: 1 }, 'titleIds'],
      [{ titleIds: [11] }, 'pickupPlaceId'],
      [{ titleIds: [11], pickupPlaceId: -1 }, 'pickupPlaceId'],
      [{ titleIds: [11], pickupPlaceId: 1, note: 'x' }, 'note'],
      [[11], 'body'],
    ]
    for (const [body, field] of bad) {
      const res = await t.call('POST', '/api/holds', { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(await json<ApiError>(res)).toMatchObject({ code: 'invalid', field })
    }
    expect((await list()).counts.total).toBe(5)
  })

  it('/api/me counts the new holds (HOLD-LIMIT)', async () => {
    await place([TITLE.dvd(2)])
    const me = await json<Me>(await t.call('GET', '/api/me'))
    expect(me.holds).toMatchObject({ total: 6, av: 1 })
  })
})

describe('DELETE /api/holds/:id', () => {
  it('HOLD-CANCEL: a waiting hold is cancelled', async () => {
    const res = await t.call('DELETE', `/api/holds/${HOLD.waiting}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect((await list()).holds.map((h) => h.id)).not.toContain(HOLD.waiting)
  })

  it('HOLD-CANCEL: a ready hold is refused with the pickup library and its phone', async () => {
    const body = await refusal(
      await t.call('DELETE', `/api/holds/${HOLD.ready}`),
      409,
      'ready_hold',
    )
    expect(body.contact).toEqual({ name: '楠葉図書館', phone: '050-7102-3113' })
    expect(body.message).toContain('050-7102-3113')
  })

  it('HOLD-CANCEL: an in-transit set volume is refused too (ready_hold)', async () => {
    await refusal(await t.call('DELETE', `/api/holds/${HOLD.setFirst}`), 409, 'ready_hold')
  })

  it('HOLD-CANCEL: an inter-library request is refused with the phone', async () => {
    const body = await refusal(
      await t.call('DELETE', `/api/holds/${HOLD.interLibrary}`),
      409,
      'inter_library',
    )
    expect(body.contact?.phone).toBe('050-7105-8141')
  })

  it("another patron's hold is 404 and stays", async () => {
    await refusal(await t.call('DELETE', `/api/holds/${HOLD.othersWaiting}`), 404, 'not_found')
    await refusal(await t.call('DELETE', '/api/holds/99999'), 404, 'not_found')
  })

  it('a hold cancelled already is 404 the second time', async () => {
    await t.call('DELETE', `/api/holds/${HOLD.waiting}`)
    await refusal(await t.call('DELETE', `/api/holds/${HOLD.waiting}`), 404, 'not_found')
  })

  it('ACC-BLOCK-OVERDUE: a blocked patron may still cancel', async () => {
    expect(
      (await t.call('DELETE', `/api/holds/${HOLD.blockedPatrons}`, { as: 'makoto' })).status,
    ).toBe(200)
  })

  it('validates the id', async () => {
    await refusal(await t.call('DELETE', '/api/holds/x1'), 400, 'invalid')
  })
})

describe('PATCH /api/holds/:id', () => {
  const change = (id: number, pickupPlaceId: unknown, as: As = 'hanako') =>
    t.call('PATCH', `/api/holds/${id}`, { as, body: { pickupPlaceId } })

  it('HOLD-CHANGE: a waiting hold moves to another pickup place', async () => {
    const res = await change(HOLD.waiting, PLACE.fujisaka)
    expect(res.status).toBe(200)
    const { hold } = await json<HoldResponse>(res)
    expect(hold).toMatchObject({
      id: HOLD.waiting,
      pickupPlace: { id: PLACE.fujisaka, name: '藤阪分室' },
    })
  })

  it('HOLD-SET, HOLD-CHANGE: wholeSet moves every waiting volume of the set at once; without it one moves', async () => {
    const placed = await json<PlaceHoldsResponse>(
      await place([TITLE.shore(1), TITLE.shore(2)], PLACE.central),
    )
    const [upper, lower] = placed.holds
    const res = await t.call('PATCH', `/api/holds/${lower!.id}`, {
      body: { pickupPlaceId: PLACE.fujisaka, wholeSet: true },
    })
    expect(res.status).toBe(200)
    const body = await json<HoldResponse>(res)
    expect(body.hold.id).toBe(lower!.id)
    expect(body.changed?.map((h) => h.id).sort()).toEqual([upper!.id, lower!.id].sort())
    const after = (await list()).holds.filter((h) => h.set?.groupId === upper!.set?.groupId)
    expect(after.map((h) => h.pickupPlace?.id)).toEqual([PLACE.fujisaka, PLACE.fujisaka])
    const one = await json<HoldResponse>(
      await t.call('PATCH', `/api/holds/${upper!.id}`, { body: { pickupPlaceId: PLACE.central } }),
    )
    expect(one.changed?.map((h) => h.id)).toEqual([upper!.id])
    const split = (await list()).holds.filter((h) => h.set?.groupId === upper!.set?.groupId)
    expect(split.map((h) => h.pickupPlace?.id).sort()).toEqual(
      [PLACE.central, PLACE.fujisaka].sort(),
    )
  })

  it('HOLD-SET: wholeSet leaves a volume already in transit where it is going', async () => {
    const res = await t.call('PATCH', `/api/holds/${HOLD.setSecond}`, {
      body: { pickupPlaceId: PLACE.fujisaka, wholeSet: true },
    })
    expect((await json<HoldResponse>(res)).changed?.map((h) => h.id)).toEqual([HOLD.setSecond])
    const first = (await list()).holds.find((h) => h.id === HOLD.setFirst)
    expect(first?.pickupPlace?.id).not.toBe(PLACE.fujisaka)
  })

  it('HOLD-CHANGE: a ready hold is refused (ready_hold) with its pickup phone', async () => {
    const body = await refusal(await change(HOLD.ready, PLACE.central), 409, 'ready_hold')
    expect(body.contact?.phone).toBe('050-7102-3113')
  })

  it('ACC-BLOCK-OVERDUE: refused while blocked', async () => {
    await refusal(await change(HOLD.blockedPatrons, PLACE.kuzuha, 'makoto'), 409, 'blocked')
  })

  it('HOLD-PICKUP: a place that takes no holds (pickup)', async () => {
    await refusal(await change(HOLD.waiting, PLACE.closed), 409, 'pickup')
  })

  it("another patron's hold is 404", async () => {
    await refusal(await change(HOLD.othersWaiting, PLACE.kuzuha), 404, 'not_found')
  })

  it('validates the body', async () => {
    const res = await change(HOLD.waiting, '2')
    expect(await json<ApiError>(res)).toMatchObject({ code: 'invalid', field: 'pickupPlaceId' })
    const extra = await t.call('PATCH', `/api/holds/${HOLD.waiting}`, {
      body: { pickupPlaceId: 2, state: 'ready' },
    })
    expect(extra.status).toBe(400)
  })
})
