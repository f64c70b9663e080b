/**
 * syncRichMenus against the LINE simulator, through @line/bot-sdk's baseURL on a real port,
 * including LINE's rich menu batch control (POST /v2/bot/richmenu/batch, GET .../progress/batch)
 * that moves users off a replaced menu.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { messagingApi } from '@line/bot-sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { createLineSimulator } from '../simulator/index.ts'
import { ALIAS_IDS, menuA, richMenuDefinitions } from './definitions.ts'
import { loadMenuImages } from './images.ts'
import { linkMenuForPatron, resolveMenuIds } from './link.ts'
import { syncRichMenus } from './sync.ts'

const TOKEN = 'test-channel-access-token'
const LIFF = '1650000000-bunkoDemo'

type Server = ReturnType<typeof serve>
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

async function setup() {
  const sim = createLineSimulator({
    channelSecret: 'test-channel-secret',
    channelAccessToken: TOKEN,
    loginChannelId: '1234567890',
  })
  const server = serve({ fetch: sim.app.fetch, port: 0, hostname: '127.0.0.1' })
  servers.push(server)
  await new Promise<void>((r) => server.once('listening', () => r()))
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL })
  const blobClient = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL })
  const images = await loadMenuImages()
  const logs: string[] = []
  const run = (over: Partial<Parameters<typeof syncRichMenus>[0]> = {}) =>
    syncRichMenus({
      client,
      blobClient,
      liffId: LIFF,
      images,
      log: (l) => logs.push(l),
      pollMs: 1,
      ...over,
    })
  const creates = () => sim.record.calls({ method: 'POST', path: '/v2/bot/richmenu' }).length
  /** LINE refusing every batch (500) until `refuseBatch(false)`. */
  const refuseBatch = (on: boolean) =>
    on ? sim.faults.add({ match: 'POST /v2/bot/richmenu/batch', status: 500 }) : sim.faults.clear()
  const [user, , , english] = sim.users.list().map((u) => u.userId) as [string, ...string[]]
  return { sim, client, run, creates, logs, images, refuseBatch, user, english: english! }
}

describe('syncRichMenus (LINE-MENU)', () => {
  it('LINE-MENU: first run creates four menus with images (A and B, each in Japanese and English), their aliases, and the Japanese A as the default', async () => {
    const t = await setup()
    const r = await t.run()
    expect(r.created).toEqual(['a', 'b', 'a-en', 'b-en'])
    const menus = t.sim.state.richMenus
    expect(menus.size).toBe(4)
    for (const id of [r.menuA, r.menuB]) {
      expect(menus.get(id)?.image?.contentType).toBe('image/png')
      expect(menus.get(id)?.name).toMatch(/^bunko:[ab]:[0-9a-f]{16}$/)
      expect(menus.get(id)?.chatBarText).toBe('メニュー')
    }
    for (const id of [r.menuAEn, r.menuBEn]) {
      expect(menus.get(id)?.image?.contentType).toBe('image/png')
      expect(menus.get(id)?.name).toMatch(/^bunko:[ab]-en:[0-9a-f]{16}$/)
      expect(menus.get(id)?.chatBarText).toBe('Menu')
    }
    expect(t.sim.state.aliases.get(ALIAS_IDS.a)).toBe(r.menuA)
    expect(t.sim.state.aliases.get(ALIAS_IDS.b)).toBe(r.menuB)
    expect(t.sim.state.aliases.get(ALIAS_IDS['a-en'])).toBe(r.menuAEn)
    expect(t.sim.state.aliases.get(ALIAS_IDS['b-en'])).toBe(r.menuBEn)
    expect(t.sim.state.defaultRichMenuId).toBe(r.menuA)
    const { menuA, menuB, menuAEn, menuBEn } = r
    expect(await resolveMenuIds(t.client)).toEqual({ menuA, menuB, menuAEn, menuBEn })
  })

  it('LINE-MENU: a second run creates nothing and changes nothing', async () => {
    const t = await setup()
    const first = await t.run()
    const before = t.creates()
    const aliasWrites = () => t.sim.record.calls({ method: 'POST', path: /richmenu\/alias/ }).length
    const aliasBefore = aliasWrites()
    const second = await t.run()
    expect(t.creates()).toBe(before)
    expect(aliasWrites()).toBe(aliasBefore)
    expect(second).toMatchObject({
      menuA: first.menuA,
      menuB: first.menuB,
      menuAEn: first.menuAEn,
      menuBEn: first.menuBEn,
      created: [],
      deleted: [],
    })
    expect(t.sim.state.richMenus.size).toBe(4)
  })

  it('LINE-MENU: a changed definition replaces the old menu, deletes it, and keeps linked users on B in their language', async () => {
    const t = await setup()
    const first = await t.run()
    await linkMenuForPatron(t.client, t.user, true, first, 'ja')
    await linkMenuForPatron(t.client, t.english, true, first, 'en')
    // A new LIFF id changes menu B's URIs; menu A does not depend on it.
    const second = await t.run({ liffId: '1650000000-other' })
    expect(second.created).toEqual(['b', 'b-en'])
    expect(second.menuA).toBe(first.menuA)
    expect(second.menuAEn).toBe(first.menuAEn)
    expect(second.menuB).not.toBe(first.menuB)
    expect([...second.deleted].sort()).toEqual([first.menuB, first.menuBEn].sort())
    expect(t.sim.state.richMenus.has(first.menuB)).toBe(false)
    expect(t.sim.state.richMenus.size).toBe(4)
    expect(t.sim.state.aliases.get(ALIAS_IDS.b)).toBe(second.menuB)
    expect(t.sim.state.userRichMenus.get(t.user)).toBe(second.menuB)
    expect(t.sim.state.userRichMenus.get(t.english)).toBe(second.menuBEn)
    // The move went through the simulator's batch control, and its progress was read.
    const batches = t.sim.record.calls({ method: 'POST', path: '/v2/bot/richmenu/batch' })
    expect(batches.map((c) => c.status)).toEqual([202])
    const polls = t.sim.record.calls({ method: 'GET', path: '/v2/bot/richmenu/progress/batch' })
    expect(polls.map((c) => c.query)).toContain(`?requestId=${batches[0]!.requestId}`)
    const uri = t.sim.state.richMenus.get(second.menuB)?.areas[0]?.action.uri
    expect(uri).toBe('https://liff.line.me/1650000000-other/card')
  })

  it('LINE-MENU: when users cannot be moved off the old menu, it is kept and the next run retires it', async () => {
    const t = await setup()
    const first = await t.run()
    await linkMenuForPatron(t.client, t.user, true, first, 'ja')
    t.refuseBatch(true)
    const second = await t.run({ liffId: '1650000000-other' })
    expect([...second.kept].sort()).toEqual([first.menuB, first.menuBEn].sort())
    expect(second.deleted).toEqual([])
    expect(t.sim.state.userRichMenus.get(t.user)).toBe(first.menuB)
    t.refuseBatch(false)
    const third = await t.run({ liffId: '1650000000-other' })
    expect(third).toMatchObject({ created: [], kept: [] })
    expect([...third.deleted].sort()).toEqual([first.menuB, first.menuBEn].sort())
    expect(t.sim.state.userRichMenus.get(t.user)).toBe(second.menuB)
  })

  it('LINE-MENU: a new image alone replaces the menu too', async () => {
    const t = await setup()
    const first = await t.run()
    const second = await t.run({ images: { ...t.images, a: t.images.b.slice() } })
    // Same size, different picture: menu A is replaced (the picture is part of its identity).
    expect(second.created).toEqual(['a'])
    expect(t.sim.state.defaultRichMenuId).toBe(second.menuA)
    expect(t.sim.state.richMenus.has(first.menuA)).toBe(false)
  })

  it('leaves menus that other tools created alone', async () => {
    const t = await setup()
    const { richMenuId } = await t.client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'campaign-2026',
      chatBarText: 'キャンペーン',
      areas: [],
    })
    await t.run()
    await t.run({ liffId: '1650000000-other' })
    expect(t.sim.state.richMenus.has(richMenuId)).toBe(true)
  })

  it('an upload that fails leaves no half-made menu, and the next run completes', async () => {
    const t = await setup()
    t.sim.faults.add({ match: /^POST \/v2\/bot\/richmenu\/[^/]+\/content$/, status: 500, times: 1 })
    await expect(t.run()).rejects.toThrow()
    for (const m of t.sim.state.richMenus.values()) expect(m.image).toBeDefined()
    const r = await t.run()
    expect(t.sim.state.richMenus.size).toBe(4)
    expect(t.sim.state.defaultRichMenuId).toBe(r.menuA)
  })

  it('a menu left without its image by a crash gets the image on the next run', async () => {
    const t = await setup()
    const defs = richMenuDefinitions(LIFF)
    const first = await t.run({ definitions: defs })
    t.sim.state.richMenus.get(first.menuA)!.image = undefined
    const second = await t.run({ definitions: defs })
    expect(second.created).toEqual([])
    expect(t.sim.state.richMenus.get(first.menuA)?.image).toBeDefined()
    expect(t.logs.join('\n')).toContain('image was missing')
  })

  it('LINE-MENU: linking shows menu B to the user; unlinking returns them to the default A', async () => {
    const t = await setup()
    const ids = await t.run()
    await linkMenuForPatron(t.client, t.user, true, ids, 'ja')
    expect((await t.client.getRichMenuIdOfUser(t.user)).richMenuId).toBe(ids.menuB)
    await linkMenuForPatron(t.client, t.user, false, ids, 'ja')
    expect(t.sim.state.userRichMenus.has(t.user)).toBe(false)
    expect(t.sim.state.defaultRichMenuId).toBe(ids.menuA)
    // Unlinking twice is harmless.
    await linkMenuForPatron(t.client, t.user, false, ids, 'ja')
  })

  it('LINE-MENU: an English user gets the English B when linked and the English A when not', async () => {
    const t = await setup()
    const ids = await t.run()
    await linkMenuForPatron(t.client, t.english, false, ids, 'en')
    expect((await t.client.getRichMenuIdOfUser(t.english)).richMenuId).toBe(ids.menuAEn)
    await linkMenuForPatron(t.client, t.english, true, ids, 'en')
    expect((await t.client.getRichMenuIdOfUser(t.english)).richMenuId).toBe(ids.menuBEn)
    await linkMenuForPatron(t.client, t.english, false, ids, 'en')
    expect((await t.client.getRichMenuIdOfUser(t.english)).richMenuId).toBe(ids.menuAEn)
  })

  it('LINE-MENU: before sync has made the English menus, English users get the Japanese ones', async () => {
    const t = await setup()
    await t.run()
    t.sim.state.aliases.delete(ALIAS_IDS['a-en'])
    t.sim.state.aliases.delete(ALIAS_IDS['b-en'])
    const ids = await resolveMenuIds(t.client)
    expect(ids).toMatchObject({ menuAEn: null, menuBEn: null })
    await linkMenuForPatron(t.client, t.english, true, ids, 'en')
    expect(t.sim.state.userRichMenus.get(t.english)).toBe(ids.menuB)
    await linkMenuForPatron(t.client, t.english, false, ids, 'en')
    expect(t.sim.state.userRichMenus.has(t.english)).toBe(false)
  })

  it('menu A does not depend on the LIFF id', () => {
    expect(richMenuDefinitions('x').a).toEqual(menuA())
  })
})
