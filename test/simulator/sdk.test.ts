/**
 * @line/bot-sdk's own clients against the simulator over real HTTP, through `baseURL`: every
 * call bunko makes, so the simulator stays what the SDK expects (paths, hosts, bodies).
 */
import { HTTPFetchError, messagingApi } from '@line/bot-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, makeSimulator, png, TOKEN } from './helpers.ts'

const t = makeSimulator()
let server: Awaited<ReturnType<typeof listen>>
let client: messagingApi.MessagingApiClient
let blob: messagingApi.MessagingApiBlobClient

beforeAll(async () => {
  server = await listen(t.sim.app.fetch)
  client = new messagingApi.MessagingApiClient({
    channelAccessToken: TOKEN,
    baseURL: server.origin,
  })
  blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: TOKEN,
    baseURL: server.origin,
  })
  await t.sim.users.follow(t.alice)
  await t.sim.users.follow(t.bob)
})
afterAll(() => server.close())

async function httpError(p: Promise<unknown>): Promise<HTTPFetchError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(HTTPFetchError)
  return e as HTTPFetchError
}

describe('MessagingApiClient against the simulator', () => {
  it('replyMessage', async () => {
    await t.sim.users.sendText(t.alice, 'こんにちは')
    const replyToken = t.webhooks.at(-1)!.json.events[0]!.replyToken!
    const res = await client.replyMessage({
      replyToken,
      messages: [{ type: 'text', text: 'はい' }],
    })
    expect(res.sentMessages).toHaveLength(1)
    const again = await httpError(
      client.replyMessage({ replyToken, messages: [{ type: 'text', text: 'x' }] }),
    )
    expect(again.status).toBe(400)
    expect(JSON.parse(again.body)).toEqual({ message: 'Invalid reply token' })
  })

  it('pushMessage with a retry key, and the 409 on repeat', async () => {
    const key = crypto.randomUUID()
    const req = { to: t.alice, messages: [{ type: 'text' as const, text: '予約の本が届きました' }] }
    const first = await client.pushMessageWithHttpInfo(req, key)
    expect(first.body.sentMessages).toHaveLength(1)
    const conflict = await httpError(client.pushMessage(req, key))
    expect(conflict.status).toBe(409)
    expect(conflict.headers.get('x-line-accepted-request-id')).toBe(
      first.httpResponse.headers.get('x-line-request-id'),
    )
  })

  it('multicast', async () => {
    await client.multicast({
      to: [t.alice, t.bob],
      messages: [{ type: 'text', text: '休館日のお知らせ' }],
    })
    expect(t.sim.record.botMessages(t.bob).at(-1)!.message.text).toBe('休館日のお知らせ')
  })

  it('validatePush', async () => {
    expect(await client.validatePush({ messages: [{ type: 'text', text: 'ok' }] })).toEqual({})
  })

  it('getProfile, and 404 for a stranger', async () => {
    expect(await client.getProfile(t.alice)).toMatchObject({
      userId: t.alice,
      displayName: '山田 花子',
    })
    expect((await httpError(client.getProfile(t.users[2]!.userId))).status).toBe(404)
  })

  it('issueLinkToken', async () => {
    expect((await client.issueLinkToken(t.alice)).linkToken).toMatch(/^[A-Za-z0-9]{32}$/)
  })

  it('getMessageQuota and getMessageQuotaConsumption', async () => {
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 1000 })
    expect((await client.getMessageQuotaConsumption()).totalUsage).toBe(3)
  })

  it('getBotInfo and the webhook endpoint calls', async () => {
    expect((await client.getBotInfo()).userId).toBe(t.sim.state.botUserId)
    await client.setWebhookEndpoint({ endpoint: 'https://bot.example/webhook' })
    expect(await client.getWebhookEndpoint()).toEqual({
      endpoint: 'https://bot.example/webhook',
      active: true,
    })
    t.sim.setWebhookUrl(null)
    expect((await client.testWebhookEndpoint({})).success).toBe(true)
  })

  it('every rich menu call, with the image through MessagingApiBlobClient', async () => {
    const menu: messagingApi.RichMenuRequest = {
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'unlinked',
      chatBarText: 'メニュー',
      areas: [
        {
          bounds: { x: 0, y: 0, width: 2500, height: 843 },
          action: { type: 'postback', data: 'a=help' },
        },
      ],
    }
    expect(await client.validateRichMenuObject(menu)).toEqual({})
    const { richMenuId } = await client.createRichMenu(menu)
    const { richMenuId: other } = await client.createRichMenu({ ...menu, name: 'linked' })
    const image = await png(2500, 843)
    await blob.setRichMenuImage(richMenuId, new Blob([image.slice()], { type: 'image/png' }))
    await blob.setRichMenuImage(other, new Blob([image.slice()], { type: 'image/png' }))
    const downloaded = await blob.getRichMenuImage(richMenuId)
    const chunks: Buffer[] = []
    for await (const chunk of downloaded) chunks.push(chunk as Buffer)
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(image)

    expect(await client.getRichMenu(richMenuId)).toMatchObject({ richMenuId, name: 'unlinked' })
    expect((await client.getRichMenuList()).richmenus.map((m) => m.richMenuId)).toEqual([
      richMenuId,
      other,
    ])

    await client.setDefaultRichMenu(richMenuId)
    expect(await client.getDefaultRichMenuId()).toEqual({ richMenuId })
    await client.linkRichMenuIdToUser(t.alice, other)
    expect(await client.getRichMenuIdOfUser(t.alice)).toEqual({ richMenuId: other })
    await client.linkRichMenuIdToUsers({ richMenuId: other, userIds: [t.bob] })
    expect(t.sim.state.userRichMenus.get(t.bob)).toBe(other)
    await client.unlinkRichMenuIdFromUser(t.alice)
    expect((await httpError(client.getRichMenuIdOfUser(t.alice))).status).toBe(404)

    await client.createRichMenuAlias({ richMenuAliasId: 'menu-a', richMenuId })
    await client.updateRichMenuAlias('menu-a', { richMenuId: other })
    expect(await client.getRichMenuAlias('menu-a')).toEqual({
      richMenuAliasId: 'menu-a',
      richMenuId: other,
    })
    expect((await client.getRichMenuAliasList()).aliases).toHaveLength(1)
    await client.deleteRichMenuAlias('menu-a')
    expect((await client.getRichMenuAliasList()).aliases).toEqual([])

    await client.cancelDefaultRichMenu()
    expect((await httpError(client.getDefaultRichMenuId())).status).toBe(404)
    await client.deleteRichMenu(richMenuId)
    expect((await httpError(client.getRichMenu(richMenuId))).status).toBe(404)
  })

  it('richMenuBatch, getRichMenuBatchProgress and validateRichMenuBatchRequest', async () => {
    const menu: messagingApi.RichMenuRequest = {
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'batch',
      chatBarText: 'メニュー',
      areas: [],
    }
    const image = new Blob([(await png(2500, 843)).slice()], { type: 'image/png' })
    const { richMenuId: from } = await client.createRichMenu(menu)
    const { richMenuId: to } = await client.createRichMenu(menu)
    await blob.setRichMenuImage(from, image)
    await blob.setRichMenuImage(to, image)
    await client.linkRichMenuIdToUsers({ richMenuId: from, userIds: [t.alice, t.bob] })

    const request: messagingApi.RichMenuBatchRequest = {
      operations: [{ type: 'link', from, to }],
      resumeRequestKey: 'sdk-batch-1',
    }
    expect(await client.validateRichMenuBatchRequest(request)).toEqual({})
    const invalid = await httpError(
      client.validateRichMenuBatchRequest({ operations: [{ type: 'unlink', from: 'nope' }] }),
    )
    expect(invalid.status).toBe(400)
    expect(JSON.parse(invalid.body)).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'richmenu not found', property: 'operations[0].from' }],
    })
    expect(t.sim.state.userRichMenus.get(t.alice)).toBe(from)

    const accepted = await client.richMenuBatchWithHttpInfo(request)
    expect(accepted.httpResponse.status).toBe(202)
    const requestId = accepted.httpResponse.headers.get('x-line-request-id')!
    const progress = await client.getRichMenuBatchProgress(requestId)
    expect(progress).toMatchObject({ phase: 'succeeded' })
    expect(Date.parse(String(progress.completedTime))).toBe(
      Date.parse(String(progress.acceptedTime)),
    )
    expect(await client.getRichMenuIdOfUser(t.alice)).toEqual({ richMenuId: to })
    expect(await client.getRichMenuIdOfUser(t.bob)).toEqual({ richMenuId: to })

    await client.richMenuBatch({ operations: [{ type: 'unlinkAll' }] })
    expect((await httpError(client.getRichMenuIdOfUser(t.bob))).status).toBe(404)
    expect((await httpError(client.getRichMenuBatchProgress('unknown'))).status).toBe(404)
  })

  it('a wrong channel token is 401 for the SDK too', async () => {
    const bad = new messagingApi.MessagingApiClient({
      channelAccessToken: 'wrong',
      baseURL: server.origin,
    })
    expect((await httpError(bad.getMessageQuota())).status).toBe(401)
  })

  it('the record shows each call the SDK made', () => {
    const paths = new Set(
      t.sim.record
        .calls()
        .map((c) => `${c.method} ${c.path.replace(/richmenu-[0-9a-f]{32}/, ':id')}`),
    )
    for (const p of [
      'POST /v2/bot/message/reply',
      'POST /v2/bot/message/push',
      'POST /v2/bot/message/multicast',
      'POST /v2/bot/richmenu/:id/content',
      'GET /v2/bot/richmenu/:id/content',
      'DELETE /v2/bot/user/all/richmenu',
      'POST /v2/bot/richmenu/alias/menu-a',
      'POST /v2/bot/richmenu/batch',
      'GET /v2/bot/richmenu/progress/batch',
      'POST /v2/bot/richmenu/validate/batch',
    ])
      expect(paths).toContain(p)
  })
})
