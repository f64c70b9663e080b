/** Favourites, My本棚, password, notification preferences and unlinking. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { checkOut } from '../../db/circulation.ts'
import { eraseReadingRecords } from '../../db/retention.ts'
import type {
  ApiError,
  FavouritesResponse,
  NotificationPrefs,
  ShelfResponse,
} from '../../liff/api-types.ts'
import { NOW, PASSWORD, PATRON, TITLE, USER } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
beforeEach(async () => {
  t = await makeApi({ lineServer: true })
})
afterEach(() => t.close())

type As = NonNullable<Parameters<ApiHarness['call']>[2]>['as']
const shelf = async (as: As = 'hanako') =>
  json<ShelfResponse>(await t.call('GET', '/api/shelf', { as }))
const favourites = async (as: As = 'hanako') =>
  json<FavouritesResponse>(await t.call('GET', '/api/favourites', { as }))

async function refusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  const body = await json<ApiError>(res)
  expect(body.code).toBe(code)
  return body
}

describe('favourites', () => {
  it('lists, adds and removes, idempotently', async () => {
    expect((await favourites()).items).toEqual([
      { title: expect.objectContaining({ id: 1, name: '銀河鉄道の夜' }), addedOn: '2026-05-01' },
    ])
    for (let i = 0; i < 2; i++) {
      const res = await t.call('PUT', `/api/favourites/${TITLE.shore(1)}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true })
    }
    const added = (await favourites()).items
    expect(added.map((i) => [i.title.id, i.addedOn])).toEqual([
      [TITLE.shore(1), '2026-06-10'],
      [1, '2026-05-01'],
    ])
    expect(added[0]?.title.set?.name).toBe('海辺の物語')
    for (let i = 0; i < 2; i++)
      expect((await t.call('DELETE', '/api/favourites/1')).status).toBe(200)
    expect((await favourites()).items.map((i) => i.title.id)).toEqual([TITLE.shore(1)])
  })

  it('are private to each patron', async () => {
    expect((await favourites('kenichi')).items).toEqual([])
  })

  it('an unknown title is 404; a bad id 400; a body is refused', async () => {
    await refusal(await t.call('PUT', '/api/favourites/5555'), 404, 'not_found')
    await refusal(await t.call('PUT', '/api/favourites/abc'), 400, 'invalid')
    await refusal(await t.call('PUT', '/api/favourites/2', { body: { note: 'x' } }), 400, 'invalid')
  })
})

describe('My本棚', () => {
  it('lists history (with return dates) and want-to-read', async () => {
    const s = await shelf()
    expect(s.historyOptIn).toBe(true)
    expect(s.history.map((h) => [h.title.id, h.loanDate, h.returnedOn])).toEqual([
      [2, '2026-06-01', null],
      [1, '2026-06-01', null],
      [19, '2026-05-01', '2026-05-10'],
    ])
    expect(s.want).toEqual([
      {
        title: expect.objectContaining({ id: TITLE.shore(1), volumeLabel: '上' }),
        addedOn: '2026-05-02',
      },
    ])
  })

  it('a return date outlives its loan: once the loan is erased the entry still shows it', async () => {
    const before = (await shelf()).history
    // Another loan since, so the returned one is not the newest (db/retention.ts).
    const lent = await checkOut(
      t.db,
      { patronId: PATRON.kenichi, barcode: 'C82', placeId: 1 },
      NOW,
      HIRAKATA_POLICY,
    )
    expect(lent.ok).toBe(true)
    expect(await eraseReadingRecords(t.db, NOW, HIRAKATA_POLICY)).toMatchObject({
      history: 1,
      loans: 1,
    })
    expect((await shelf()).history).toEqual(before)
    expect(before.at(-1)?.returnedOn).toBe('2026-05-10')
  })

  it('turns history off and on; what was kept stays until deleted', async () => {
    const off = await t.call('PUT', '/api/shelf/history-opt-in', { body: { enabled: false } })
    expect(await off.json()).toEqual({ historyOptIn: false })
    const s = await shelf()
    expect(s.historyOptIn).toBe(false)
    expect(s.history).toHaveLength(3)
    const on = await t.call('PUT', '/api/shelf/history-opt-in', { body: { enabled: true } })
    expect(await on.json()).toEqual({ historyOptIn: true })
  })

  it('deletes one entry, then all; another patron cannot delete mine', async () => {
    const [first] = (await shelf()).history
    await refusal(
      await t.call('DELETE', `/api/shelf/history/${first!.id}`, { as: 'kenichi' }),
      404,
      'not_found',
    )
    expect((await t.call('DELETE', `/api/shelf/history/${first!.id}`)).status).toBe(200)
    expect((await shelf()).history).toHaveLength(2)
    await refusal(await t.call('DELETE', `/api/shelf/history/${first!.id}`), 404, 'not_found')
    expect((await t.call('DELETE', '/api/shelf/history')).status).toBe(200)
    expect((await shelf()).history).toEqual([])
  })

  it('want-to-read: add and remove, idempotently', async () => {
    expect((await t.call('PUT', '/api/shelf/want/11')).status).toBe(200)
    expect((await t.call('PUT', '/api/shelf/want/11')).status).toBe(200)
    expect((await shelf()).want.map((w) => w.title.id)).toEqual([11, TITLE.shore(1)])
    expect((await t.call('DELETE', `/api/shelf/want/${TITLE.shore(1)}`)).status).toBe(200)
    expect((await shelf()).want.map((w) => w.title.id)).toEqual([11])
    await refusal(await t.call('PUT', '/api/shelf/want/5555'), 404, 'not_found')
  })

  it('validates the opt-in body', async () => {
    for (const body of [{ enabled: 'yes' }, {}, { enabled: true, all: true }]) {
      const res = await t.call('PUT', '/api/shelf/history-opt-in', { body })
      expect(res.status).toBe(400)
    }
    expect((await shelf()).historyOptIn).toBe(true)
  })
})

describe('POST /api/password', () => {
  const change = (current: string, next: string) =>
    t.call('POST', '/api/password', { body: { current, next } })

  it('changes the password when the current one is right', async () => {
    expect((await change(PASSWORD, 'atarashii-2026')).status).toBe(200)
    await refusal(await change(PASSWORD, 'mata-kaeru-2026'), 409, 'wrong_password')
    expect((await change('atarashii-2026', 'mata-kaeru-2026')).status).toBe(200)
  })

  it('ACC-SECRET: a wrong current password is refused and counted; five lock it (423)', async () => {
    const first = await refusal(
      await change('chigau-2026', 'atarashii-2026'),
      409,
      'wrong_password',
    )
    expect(first.field).toBe('current')
    for (let i = 0; i < 4; i++) await change('chigau-2026', 'atarashii-2026')
    const locked = await refusal(await change(PASSWORD, 'atarashii-2026'), 423, 'locked')
    expect(locked.message).toContain('ロック')
  })

  it('ACC-SECRET: the 4th wrong current password says one try remains; the 3rd does not', async () => {
    const wrong = (lang: string) =>
      t.call('POST', '/api/password', {
        body: { current: 'chigau-2026', next: 'atarashii-2026' },
        lang,
      })
    const answers = []
    for (const lang of ['ja', 'ja', 'ja', 'ja'])
      answers.push(await refusal(await wrong(lang), 409, 'wrong_password'))
    expect(answers[2]!.message).toContain('現在のパスワードが違います')
    expect(answers[2]!.message).not.toContain('あと1回')
    expect(answers[3]!.message).toContain(
      'あと1回間違えると、安全のためこの利用者番号は15分間ロックされます',
    )
    expect(answers[3]!.field).toBe('current')
  })

  it('ACC-SECRET: the warning before the last try is said in English too', async () => {
    const wrong = () =>
      t.call('POST', '/api/password', {
        body: { current: 'chigau-2026', next: 'atarashii-2026' },
        lang: 'en',
      })
    for (let i = 0; i < 3; i++) await wrong()
    const last = await refusal(await wrong(), 409, 'wrong_password')
    expect(last.message).toContain('The current password is not correct.')
    expect(last.message).toContain('1 more wrong try will lock this patron number for 15 minutes.')
  })

  it('ACC-RESET: a weak new password is refused with the rule (weak_password)', async () => {
    const body = await refusal(await change(PASSWORD, 'short1'), 409, 'weak_password')
    expect(body.message).toContain('8〜64文字')
    await refusal(await change(PASSWORD, 'onlyletters'), 409, 'weak_password')
    await refusal(await change(PASSWORD, '1000000001'), 409, 'weak_password')
  })

  it('the same password again is same_password', async () => {
    await refusal(await change(PASSWORD, PASSWORD), 409, 'same_password')
  })

  it('validates the body', async () => {
    for (const body of [
      { current: PASSWORD },
      { current: '', next: 'x' },
      { current: 1, next: 'abcdefgh1' },
    ]) {
      const res = await t.call('POST', '/api/password', { body })
      expect(res.status).toBe(400)
    }
  })
})

describe('GET/PUT /api/notifications', () => {
  const put = (line: unknown, as: As = 'hanako') =>
    t.call('PUT', '/api/notifications', { as, body: { line } })

  it('NOTICE-KINDS: LINE push on by default, per kind', async () => {
    const prefs = await json<NotificationPrefs>(await t.call('GET', '/api/notifications'))
    // Hanako has holds and no other channel: hold-ready is locked on (ACC-PASSWORD).
    const defaults = {
      due_soon_days: null,
      expiry: true,
      hold_ready_locked: true,
      hold_notice: 'line',
    }
    expect(prefs).toEqual({ line: { hold_ready: true, overdue: true }, ...defaults })
    const saved = await json<NotificationPrefs>(await put({ hold_ready: true, overdue: false }))
    expect(saved).toEqual({ line: { hold_ready: true, overdue: false }, ...defaults })
    expect(await json(await t.call('GET', '/api/notifications'))).toEqual(saved)
  })

  it('NOTICE-DUE-SOON, NOTICE-EXPIRY: the lead time (1–3 days, or off) and the expiry notice are saved; anything else is refused', async () => {
    const line = { hold_ready: true, overdue: true }
    const body = (extra: object) =>
      t.call('PUT', '/api/notifications', { as: 'hanako', body: { line, ...extra } })
    const saved = await json<NotificationPrefs>(await body({ due_soon_days: 3, expiry: false }))
    expect(saved).toMatchObject({ due_soon_days: 3, expiry: false })
    // Leaving them out keeps them.
    expect(await json(await put(line))).toMatchObject({ due_soon_days: 3, expiry: false })
    expect(await json(await body({ due_soon_days: null }))).toMatchObject({ due_soon_days: null })
    for (const bad of [
      { due_soon_days: 0 },
      { due_soon_days: 4 },
      { due_soon_days: '2' },
      { expiry: 'no' },
    ])
      expect((await body(bad)).status).toBe(400)
    expect(await json(await t.call('GET', '/api/notifications'))).toMatchObject({
      due_soon_days: null,
      expiry: false,
    })
  })

  it('ACC-PASSWORD: hold_ready cannot be turned off with holds and no other channel (needs_channel)', async () => {
    await refusal(await put({ hold_ready: false, overdue: true }), 409, 'needs_channel')
    expect(await json(await t.call('GET', '/api/notifications'))).toMatchObject({
      line: { hold_ready: true, overdue: true },
      hold_ready_locked: true,
    })
  })

  it('turning hold_ready off is allowed with no holds', async () => {
    expect((await put({ hold_ready: false, overdue: true }, 'emily')).status).toBe(200)
    expect((await put({ hold_ready: false, overdue: true }, 'fumiko')).status).toBe(200)
  })

  /** Emily (a confirmed e-mail) places a hold, then asks to stop the hold-ready notice. */
  const emilyWithAHold = async () => {
    const placed = await t.call('POST', '/api/holds', {
      as: 'emily',
      body: { titleIds: [8], pickupPlaceId: 1 },
    })
    expect(placed.status).toBe(201)
    return put({ hold_ready: false, overdue: true }, 'emily')
  }

  it('ACC-PASSWORD: embedded bunko sends no e-mail, so a confirmed e-mail does not let the notice go', async () => {
    await refusal(await emilyWithAHold(), 409, 'needs_channel')
    const prefs = await t.call('GET', '/api/notifications', { as: 'emily' })
    expect(await json(prefs)).toMatchObject({ hold_ready_locked: true })
  })

  it('ACC-PASSWORD: where the library system e-mails its notices, a confirmed e-mail does', async () => {
    t.close()
    t = await makeApi({
      lineServer: true,
      library: (inner) => ({
        ...inner,
        capabilities: () => ({ ...inner.capabilities(), emailNotices: true }),
      }),
    })
    expect((await emilyWithAHold()).status).toBe(200)
    const prefs = await t.call('GET', '/api/notifications', { as: 'emily' })
    expect(await json(prefs)).toMatchObject({ hold_ready_locked: false, hold_notice: 'email' })
  })

  it('NOTICE-KINDS: the answer says how a ready hold would be told now: LINE or nothing (embedded)', async () => {
    const way = async (res: Response) => (await json<NotificationPrefs>(res)).hold_notice
    // Emily's confirmed e-mail: embedded bunko sends no e-mail, so nothing would come.
    expect(await way(await put({ hold_ready: false, overdue: true }, 'emily'))).toBe('none')
    expect(await way(await put({ hold_ready: false, overdue: true }, 'fumiko'))).toBe('none')
    expect(await way(await t.call('GET', '/api/notifications', { as: 'fumiko' }))).toBe('none')
    expect(await way(await put({ hold_ready: true, overdue: true }, 'fumiko'))).toBe('line')
    // 結衣 blocked the account: LINE cannot reach her whatever the settings say.
    expect(await way(await t.call('GET', '/api/notifications', { as: 'yui' }))).toBe('none')
  })

  it('validates the body', async () => {
    for (const line of [
      { hold_ready: true },
      { hold_ready: 1, overdue: true },
      { hold_ready: true, overdue: true, email: true },
    ]) {
      expect((await put(line)).status).toBe(400)
    }
  })
})

describe('POST /api/unlink', () => {
  it('LINE-LINK, LINE-MENU: removes the link and the per-user menu', async () => {
    const user = USER.hanako
    t.sim.state.userRichMenus.set(user, 'richmenu-b')
    const res = await t.call('POST', '/api/unlink')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, remaining: 0 })
    expect(t.sim.state.userRichMenus.has(user)).toBe(false)
    expect(
      t.sim.record.calls({ method: 'DELETE', path: `/v2/bot/user/${user}/richmenu` }),
    ).toHaveLength(1)
    await refusal(await t.call('GET', '/api/me'), 403, 'not_linked')
  })

  it('the link goes even when LINE cannot switch the menu (best effort)', async () => {
    t.sim.faults.add({ match: /^DELETE \/v2\/bot\/user\/.*\/richmenu$/, status: 500 })
    expect((await t.call('POST', '/api/unlink')).status).toBe(200)
    await refusal(await t.call('GET', '/api/me'), 403, 'not_linked')
    expect(t.log.lines.join('\n')).toContain('api.unlink_menu_failed')
  })
})
