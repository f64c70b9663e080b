/**
 * LINE's rich menu batch control in the simulator: replacing and unlinking the menus linked to
 * users by menu, validating such a request, and reading a batch's progress on the simulator clock.
 */
import { describe, expect, it } from 'vitest'
import type { StoredRichMenu } from '../../bot/simulator/state.ts'
import { makeSimulator, png, T0 } from './helpers.ts'

type Sim = ReturnType<typeof makeSimulator>
type ErrorBody = { message: string; details?: Array<{ message: string; property: string }> }

const MENU = {
  size: { width: 2500, height: 843 },
  selected: false,
  name: 'batch',
  chatBarText: 'メニュー',
  areas: [],
}
const DAY = 24 * 60 * 60_000

async function menu(t: Sim, { image = true } = {}): Promise<string> {
  const res = await t.call('POST', '/v2/bot/richmenu', { body: MENU })
  const { richMenuId } = (await res.json()) as { richMenuId: string }
  if (image)
    await t.call('POST', `/v2/bot/richmenu/${richMenuId}/content`, {
      raw: new Blob([(await png(2500, 843)).slice()], { type: 'image/png' }),
      headers: { 'content-type': 'image/png' },
    })
  return richMenuId
}

async function link(t: Sim, userId: string, richMenuId: string) {
  expect((await t.call('POST', `/v2/bot/user/${userId}/richmenu/${richMenuId}`)).status).toBe(200)
}

/** Four users: alice and bob on `a`, carol on `b`, dave on no menu; `c` has no users yet. */
async function linkedUsers(opts: Parameters<typeof makeSimulator>[0] = {}) {
  const t = makeSimulator(opts)
  const [a, b, c] = [await menu(t), await menu(t), await menu(t)]
  const [alice, bob, carol, dave] = t.users.map((u) => u.userId) as [string, string, string, string]
  await link(t, alice, a)
  await link(t, bob, a)
  await link(t, carol, b)
  const links = () => Object.fromEntries(t.sim.state.userRichMenus)
  const batch = (body: unknown) => t.call('POST', '/v2/bot/richmenu/batch', { body })
  const progress = async (requestId: string) => {
    const res = await t.call('GET', `/v2/bot/richmenu/progress/batch?requestId=${requestId}`)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  return { t, a, b, c, alice, bob, carol, dave, links, batch, progress }
}

async function refusal(res: Response): Promise<ErrorBody> {
  expect(res.status).toBe(400)
  return (await res.json()) as ErrorBody
}

describe('POST /v2/bot/richmenu/batch', () => {
  it('moves every user linked to `from` onto `to`, and answers 202 with the request ID', async () => {
    const s = await linkedUsers()
    const res = await s.batch({ operations: [{ type: 'link', from: s.a, to: s.c }] })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({})
    const requestId = res.headers.get('x-line-request-id')!
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(s.links()).toEqual({ [s.alice]: s.c, [s.bob]: s.c, [s.carol]: s.b })
    expect(await s.progress(requestId)).toEqual({
      status: 200,
      body: {
        phase: 'succeeded',
        acceptedTime: new Date(T0).toISOString(),
        completedTime: new Date(T0).toISOString(),
      },
    })
  })

  it('runs several operations at once: one per `from`, each acting on its own users', async () => {
    const s = await linkedUsers()
    const res = await s.batch({
      operations: [
        { type: 'link', from: s.a, to: s.b },
        { type: 'link', from: s.b, to: s.a },
      ],
    })
    expect(res.status).toBe(202)
    // Each user's outcome follows the menu they had when the batch ran, not the other operation.
    expect(s.links()).toEqual({ [s.alice]: s.b, [s.bob]: s.b, [s.carol]: s.a })
  })

  it('unlink removes the links to one menu; unlinkAll removes every per-user link', async () => {
    const s = await linkedUsers()
    await s.t.call('POST', `/v2/bot/user/all/richmenu/${s.c}`)
    expect((await s.batch({ operations: [{ type: 'unlink', from: s.a }] })).status).toBe(202)
    expect(s.links()).toEqual({ [s.carol]: s.b })
    expect((await s.batch({ operations: [{ type: 'unlinkAll' }] })).status).toBe(202)
    expect(s.links()).toEqual({})
    // The default menu is not a per-user link: it stays.
    expect(s.t.sim.state.defaultRichMenuId).toBe(s.c)
    const user = await s.t.call('GET', `/v2/bot/user/${s.alice}/richmenu`)
    expect(user.status).toBe(404)
  })

  it('refuses a body that is not a batch, with LINE’s error body, and changes nothing', async () => {
    const s = await linkedUsers()
    const cases: Array<[unknown, string]> = [
      [{}, 'operations'],
      [{ operations: [] }, 'operations'],
      [{ operations: 'link' }, 'operations'],
      [{ operations: [{ type: 'swap', from: s.a, to: s.b }] }, 'operations[0].type'],
      [{ operations: ['link'] }, 'operations[0]'],
      [{ operations: [{ type: 'link', to: s.b }] }, 'operations[0].from'],
      [{ operations: [{ type: 'link', from: s.a }] }, 'operations[0].to'],
      [{ operations: [{ type: 'unlink', from: '' }] }, 'operations[0].from'],
      [{ operations: [{ type: 'unlinkAll' }], resumeRequestKey: 'a b' }, 'resumeRequestKey'],
      [
        { operations: [{ type: 'unlinkAll' }], resumeRequestKey: 'k'.repeat(101) },
        'resumeRequestKey',
      ],
    ]
    for (const [body, property] of cases) {
      const error = await refusal(await s.batch(body))
      expect(error.message).toMatch(/^The request body has \d+ error\(s\)$/)
      expect(error.details!.map((d) => d.property)).toContain(property)
    }
    expect(await refusal(await s.t.call('POST', '/v2/bot/richmenu/batch', { raw: '{' }))).toEqual({
      message: 'The request body could not be parsed as JSON',
    })
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a, [s.carol]: s.b })
    expect(s.t.sim.state.richMenuBatches.size).toBe(0)
  })

  it('refuses menus that do not exist, and a `to` menu without its image', async () => {
    const s = await linkedUsers()
    const bare = await menu(s.t, { image: false })
    const missing = `richmenu-${'0'.repeat(32)}`
    const error = await refusal(
      await s.batch({
        operations: [
          { type: 'link', from: missing, to: s.b },
          { type: 'link', from: s.b, to: bare },
          { type: 'unlink', from: `richmenu-${'1'.repeat(32)}` },
        ],
      }),
    )
    expect(error).toEqual({
      message: 'The request body has 3 error(s)',
      details: [
        { message: 'richmenu not found', property: 'operations[0].from' },
        {
          message: 'must upload richmenu image before applying it to user',
          property: 'operations[1].to',
        },
        { message: 'richmenu not found', property: 'operations[2].from' },
      ],
    })
    // A menu without an image may still be the one users are moved off.
    expect((await s.batch({ operations: [{ type: 'unlink', from: bare }] })).status).toBe(202)
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a, [s.carol]: s.b })
  })

  it('refuses operations whose order would decide a user’s menu', async () => {
    const s = await linkedUsers()
    const twice = await refusal(
      await s.batch({
        operations: [
          { type: 'link', from: s.a, to: s.b },
          { type: 'unlink', from: s.a },
        ],
      }),
    )
    expect(twice.details).toEqual([{ message: expect.any(String), property: 'operations[1].from' }])
    const all = await refusal(
      await s.batch({ operations: [{ type: 'unlinkAll' }, { type: 'unlink', from: s.a }] }),
    )
    expect(all.details![0]!.property).toBe('operations')
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a, [s.carol]: s.b })
  })

  it('takes 1 to 1000 operations', async () => {
    const s = await linkedUsers()
    const template = s.t.sim.state.richMenus.get(s.a)!
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `richmenu-${i.toString(16).padStart(32, '0')}`,
    )
    for (const id of ids) {
      const copy: StoredRichMenu = { ...template, richMenuId: id }
      s.t.sim.state.richMenus.set(id, copy)
    }
    const ops = ids.map((from) => ({ type: 'link', from, to: s.c }))
    expect((await s.batch({ operations: ops })).status).toBe(202)
    const over = [...ops, { type: 'link', from: s.a, to: s.c }]
    const error = await refusal(await s.batch({ operations: over }))
    expect(error.details).toEqual([
      { message: 'Size must be between 1 and 1000', property: 'operations' },
    ])
  })

  it('resuming with the same resumeRequestKey moves only the users still on `from`', async () => {
    const s = await linkedUsers()
    const body = {
      operations: [{ type: 'link', from: s.a, to: s.c }],
      resumeRequestKey: 'move-a_1',
    }
    const first = await s.batch(body)
    expect(first.status).toBe(202)
    await link(s.t, s.dave, s.a)
    const again = await s.batch(body)
    expect(again.status).toBe(202)
    expect(again.headers.get('x-line-request-id')).not.toBe(first.headers.get('x-line-request-id'))
    expect(s.links()).toEqual({ [s.alice]: s.c, [s.bob]: s.c, [s.carol]: s.b, [s.dave]: s.c })
    const stored = s.t.sim.state.richMenuBatches.get(again.headers.get('x-line-request-id')!)
    expect(stored?.resumeRequestKey).toBe('move-a_1')
  })

  it('a batch refused by a fault changes nothing and has no progress', async () => {
    const s = await linkedUsers()
    s.t.sim.faults.add({ match: 'POST /v2/bot/richmenu/batch', status: 500, times: 1 })
    const res = await s.batch({ operations: [{ type: 'unlinkAll' }] })
    expect(res.status).toBe(500)
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a, [s.carol]: s.b })
    expect((await s.progress(res.headers.get('x-line-request-id')!)).status).toBe(404)
  })
})

describe('GET /v2/bot/richmenu/progress/batch', () => {
  it('is ongoing until the batch has run, then succeeded with its completion time', async () => {
    const s = await linkedUsers({ limits: { richMenuBatchMs: 30_000 } })
    const res = await s.batch({ operations: [{ type: 'link', from: s.a, to: s.c }] })
    const requestId = res.headers.get('x-line-request-id')!
    expect(await s.progress(requestId)).toEqual({
      status: 200,
      body: { phase: 'ongoing', acceptedTime: '2025-06-02T01:00:00.000Z' },
    })
    expect((await s.t.call('GET', `/v2/bot/user/${s.alice}/richmenu`)).status).toBe(200)
    expect(s.links()[s.alice]).toBe(s.a)
    s.t.time.advance(29_999)
    expect((await s.progress(requestId)).body.phase).toBe('ongoing')
    s.t.time.advance(1)
    // Any API call sees the batch done: here, the user's own menu.
    const user = await s.t.call('GET', `/v2/bot/user/${s.alice}/richmenu`)
    expect(await user.json()).toEqual({ richMenuId: s.c })
    s.t.time.advance(60_000)
    expect((await s.progress(requestId)).body).toEqual({
      phase: 'succeeded',
      acceptedTime: '2025-06-02T01:00:00.000Z',
      completedTime: '2025-06-02T01:00:30.000Z',
    })
  })

  it('is failed when a `to` menu was deleted while the batch ran; those users keep their menu', async () => {
    const s = await linkedUsers({ limits: { richMenuBatchMs: 1000 } })
    const res = await s.batch({
      operations: [
        { type: 'link', from: s.a, to: s.c },
        { type: 'unlink', from: s.b },
      ],
    })
    expect((await s.t.call('DELETE', `/v2/bot/richmenu/${s.c}`)).status).toBe(200)
    s.t.time.advance(1000)
    const { body } = await s.progress(res.headers.get('x-line-request-id')!)
    expect(body).toMatchObject({ phase: 'failed', completedTime: '2025-06-02T01:00:01.000Z' })
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a })
  })

  it('answers 404 for an unknown request ID, 400 without one, and forgets a batch after 14 days', async () => {
    const s = await linkedUsers()
    const unknown = await s.progress(crypto.randomUUID())
    expect(unknown).toEqual({ status: 404, body: { message: 'Not found' } })
    const none = await s.t.call('GET', '/v2/bot/richmenu/progress/batch')
    expect(none.status).toBe(400)
    const res = await s.batch({ operations: [{ type: 'unlinkAll' }] })
    const requestId = res.headers.get('x-line-request-id')!
    s.t.time.advance(14 * DAY - 1)
    expect((await s.progress(requestId)).status).toBe(200)
    s.t.time.advance(1)
    expect((await s.progress(requestId)).status).toBe(404)
  })
})

describe('POST /v2/bot/richmenu/validate/batch', () => {
  it('answers 200 for a valid batch and 400 for an invalid one, and runs neither', async () => {
    const s = await linkedUsers()
    const validate = (body: unknown) =>
      s.t.call('POST', '/v2/bot/richmenu/validate/batch', { body })
    const ok = await validate({
      operations: [
        { type: 'link', from: s.a, to: s.c },
        { type: 'unlink', from: s.b },
      ],
      resumeRequestKey: 'k-1',
    })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({})
    const bad = await refusal(
      await validate({ operations: [{ type: 'link', from: s.a, to: 'richmenu-x' }] }),
    )
    expect(bad.details).toEqual([{ message: 'richmenu not found', property: 'operations[0].to' }])
    expect((await validate({ operations: [] })).status).toBe(400)
    expect(s.links()).toEqual({ [s.alice]: s.a, [s.bob]: s.a, [s.carol]: s.b })
    expect(s.t.sim.state.richMenuBatches.size).toBe(0)
  })
})
