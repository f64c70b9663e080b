import { describe, expect, it } from 'vitest'
import { makeSimulator, png } from './helpers.ts'

const MENU = {
  size: { width: 2500, height: 843 },
  selected: true,
  name: 'テスト',
  chatBarText: 'メニュー',
  areas: [
    {
      bounds: { x: 0, y: 0, width: 1250, height: 843 },
      action: { type: 'postback', data: 'a=link' },
    },
    {
      bounds: { x: 1250, y: 0, width: 1250, height: 843 },
      action: { type: 'message', text: 'ヘルプ' },
    },
  ],
}

async function createMenu(t: ReturnType<typeof makeSimulator>, menu: object = MENU) {
  const res = await t.call('POST', '/v2/bot/richmenu', { body: menu })
  expect(res.status).toBe(200)
  return ((await res.json()) as { richMenuId: string }).richMenuId
}

async function upload(
  t: ReturnType<typeof makeSimulator>,
  id: string,
  bytes: Uint8Array,
  type = 'image/png',
) {
  return t.call('POST', `/v2/bot/richmenu/${id}/content`, {
    raw: new Blob([bytes.slice()], { type }),
    headers: { 'content-type': type },
  })
}

describe('rich menu objects', () => {
  it('refuses sizes outside LINE’s documented range', async () => {
    const t = makeSimulator()
    const cases: Array<[{ width: number; height: number }, string]> = [
      [{ width: 700, height: 250 }, 'size.width'],
      [{ width: 2600, height: 843 }, 'size.width'],
      [{ width: 800, height: 200 }, 'size.height'],
      [{ width: 1200, height: 1000 }, 'size'],
    ]
    for (const [size, property] of cases) {
      const res = await t.call('POST', '/v2/bot/richmenu', { body: { ...MENU, size, areas: [] } })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { details: Array<{ property: string }> }
      expect(body.details.map((d) => d.property)).toContain(property)
    }
    expect(t.sim.state.richMenus.size).toBe(0)
  })

  it('accepts the documented boundary sizes', async () => {
    const t = makeSimulator()
    for (const size of [
      { width: 800, height: 250 },
      { width: 2500, height: 1686 },
      { width: 1450, height: 1000 },
    ]) {
      const res = await t.call('POST', '/v2/bot/richmenu/validate', {
        body: { ...MENU, size, areas: [] },
      })
      expect(res.status).toBe(200)
    }
  })

  it('refuses more than 20 areas, areas outside the menu, long chatBarText', async () => {
    const t = makeSimulator()
    const area = MENU.areas[0]!
    const many = await t.call('POST', '/v2/bot/richmenu', {
      body: { ...MENU, areas: Array(21).fill(area) },
    })
    expect(many.status).toBe(400)
    const outside = await t.call('POST', '/v2/bot/richmenu', {
      body: { ...MENU, areas: [{ ...area, bounds: { x: 2000, y: 0, width: 600, height: 100 } }] },
    })
    expect(
      ((await outside.json()) as { details: Array<{ property: string }> }).details[0]!.property,
    ).toBe('areas[0].bounds')
    const bar = await t.call('POST', '/v2/bot/richmenu', {
      body: { ...MENU, chatBarText: 'あ'.repeat(15) },
    })
    expect(bar.status).toBe(400)
  })

  it('creates, gets, lists and deletes', async () => {
    const t = makeSimulator()
    const id = await createMenu(t)
    expect(id).toMatch(/^richmenu-[0-9a-f]{32}$/)
    expect(await (await t.call('GET', `/v2/bot/richmenu/${id}`)).json()).toEqual({
      richMenuId: id,
      ...MENU,
    })
    const list = (await (await t.call('GET', '/v2/bot/richmenu/list')).json()) as {
      richmenus: unknown[]
    }
    expect(list.richmenus).toHaveLength(1)
    expect((await t.call('DELETE', `/v2/bot/richmenu/${id}`)).status).toBe(200)
    expect((await t.call('GET', `/v2/bot/richmenu/${id}`)).status).toBe(404)
    expect((await t.call('DELETE', `/v2/bot/richmenu/${id}`)).status).toBe(404)
  })
})

describe('rich menu images', () => {
  it('takes a PNG of the menu’s size once, and gives it back', async () => {
    const t = makeSimulator()
    const id = await createMenu(t)
    const image = await png(2500, 843)
    expect((await upload(t, id, image)).status).toBe(200)
    const again = await upload(t, id, image)
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({
      message: 'An image has already been uploaded to the richmenu',
    })
    const down = await t.call('GET', `/v2/bot/richmenu/${id}/content`)
    expect(down.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(image)
  })

  it('refuses an image whose size differs from the menu', async () => {
    const t = makeSimulator()
    const id = await createMenu(t)
    const res = await upload(t, id, await png(2500, 1686))
    expect(res.status).toBe(400)
    expect(t.sim.state.richMenus.get(id)!.image).toBeUndefined()
  })

  it('refuses other media types, bytes that are not the declared image, and files over 1 MB', async () => {
    const t = makeSimulator()
    const id = await createMenu(t)
    expect((await upload(t, id, await png(2500, 843), 'image/gif')).status).toBe(415)
    expect((await upload(t, id, new TextEncoder().encode('not an image'))).status).toBe(400)
    expect((await upload(t, id, await png(2500, 843), 'image/jpeg')).status).toBe(400)
    const big = new Uint8Array(1024 * 1024 + 1)
    big.set(await png(2500, 843))
    expect((await upload(t, id, big)).status).toBe(400)
    expect((await t.call('GET', `/v2/bot/richmenu/${id}/content`)).status).toBe(404)
  })

  it('reads the size of a JPEG', async () => {
    const t = makeSimulator()
    const id = await createMenu(t, { ...MENU, size: { width: 800, height: 270 }, areas: [] })
    // Smallest JPEG header with a baseline start-of-frame: 270 high, 800 wide.
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x01, 0x0e,
      0x03, 0x20, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9,
    ])
    expect((await upload(t, id, jpeg, 'image/jpeg')).status).toBe(200)
  })
})

describe('default and per-user menus', () => {
  it('needs an image before a menu can be default or linked', async () => {
    const t = makeSimulator()
    const id = await createMenu(t)
    const res = await t.call('POST', `/v2/bot/user/all/richmenu/${id}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      message: 'must upload richmenu image before applying it to user',
    })
    expect((await t.call('POST', `/v2/bot/user/${t.alice}/richmenu/${id}`)).status).toBe(400)
  })

  it('sets, gets and cancels the default; links, gets and unlinks per user', async () => {
    const t = makeSimulator()
    const a = await createMenu(t)
    const b = await createMenu(t)
    await upload(t, a, await png(2500, 843))
    await upload(t, b, await png(2500, 843))
    expect((await t.call('GET', '/v2/bot/user/all/richmenu')).status).toBe(404)
    await t.call('POST', `/v2/bot/user/all/richmenu/${a}`)
    expect(await (await t.call('GET', '/v2/bot/user/all/richmenu')).json()).toEqual({
      richMenuId: a,
    })
    expect((await t.call('GET', `/v2/bot/user/${t.alice}/richmenu`)).status).toBe(404)
    expect((await t.call('POST', `/v2/bot/user/${t.alice}/richmenu/${b}`)).status).toBe(200)
    expect(await (await t.call('GET', `/v2/bot/user/${t.alice}/richmenu`)).json()).toEqual({
      richMenuId: b,
    })
    await t.call('DELETE', `/v2/bot/user/${t.alice}/richmenu`)
    expect((await t.call('GET', `/v2/bot/user/${t.alice}/richmenu`)).status).toBe(404)
    await t.call('DELETE', '/v2/bot/user/all/richmenu')
    expect((await t.call('GET', '/v2/bot/user/all/richmenu')).status).toBe(404)
  })

  it('forgets links, default and aliases of a deleted menu', async () => {
    const t = makeSimulator()
    const a = await createMenu(t)
    await upload(t, a, await png(2500, 843))
    await t.call('POST', `/v2/bot/user/all/richmenu/${a}`)
    await t.call('POST', `/v2/bot/user/${t.alice}/richmenu/${a}`)
    await t.call('POST', '/v2/bot/richmenu/alias', {
      body: { richMenuAliasId: 'menu-a', richMenuId: a },
    })
    await t.call('DELETE', `/v2/bot/richmenu/${a}`)
    expect(t.sim.state.defaultRichMenuId).toBeNull()
    expect(t.sim.state.userRichMenus.size).toBe(0)
    expect(t.sim.state.aliases.size).toBe(0)
  })
})

describe('aliases', () => {
  it('creates, refuses a duplicate, updates, gets, lists and deletes', async () => {
    const t = makeSimulator()
    const a = await createMenu(t)
    const b = await createMenu(t)
    await upload(t, a, await png(2500, 843))
    await upload(t, b, await png(2500, 843))
    const create = (richMenuId: string) =>
      t.call('POST', '/v2/bot/richmenu/alias', {
        body: { richMenuAliasId: 'unlinked', richMenuId },
      })
    expect((await create(a)).status).toBe(200)
    const dup = await create(a)
    expect(dup.status).toBe(400)
    expect(await dup.json()).toEqual({ message: 'conflict richmenu alias id' })
    expect(
      (await t.call('POST', '/v2/bot/richmenu/alias/unlinked', { body: { richMenuId: b } })).status,
    ).toBe(200)
    expect(await (await t.call('GET', '/v2/bot/richmenu/alias/unlinked')).json()).toEqual({
      richMenuAliasId: 'unlinked',
      richMenuId: b,
    })
    expect(await (await t.call('GET', '/v2/bot/richmenu/alias/list')).json()).toEqual({
      aliases: [{ richMenuAliasId: 'unlinked', richMenuId: b }],
    })
    expect((await t.call('DELETE', '/v2/bot/richmenu/alias/unlinked')).status).toBe(200)
    expect((await t.call('GET', '/v2/bot/richmenu/alias/unlinked')).status).toBe(404)
  })

  it('refuses bad alias IDs and menus without an image', async () => {
    const t = makeSimulator()
    const a = await createMenu(t)
    const bad = await t.call('POST', '/v2/bot/richmenu/alias', {
      body: { richMenuAliasId: 'a b', richMenuId: a },
    })
    expect(bad.status).toBe(400)
    const noImage = await t.call('POST', '/v2/bot/richmenu/alias', {
      body: { richMenuAliasId: 'x', richMenuId: a },
    })
    expect(await noImage.json()).toEqual({
      message: 'must upload richmenu image before applying it to user',
    })
  })
})
