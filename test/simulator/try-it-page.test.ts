/**
 * The try-it page in Debian's Chromium: a tiny echo bot (Hono + @line/bot-sdk) answers through
 * the simulator; the test types in the page and sees the reply, taps a quick reply and a rich
 * menu area, sees a Flex message drawn as HTML, and opens a LIFF URL in the side panel.
 */
import { messagingApi, validateSignature } from '@line/bot-sdk'
import { Hono } from 'hono'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { listen, makeSimulator, png, SECRET, TOKEN } from './helpers.ts'

const LIFF_ID = '1650000000-echoTest'

type Event = {
  type: string
  replyToken?: string
  message?: { text?: string }
  postback?: { data: string }
}

/** The echo bot: text → "エコー: …" and a Flex card with a quick reply; postback → its data. */
function echoBot(client: () => messagingApi.MessagingApiClient, botOrigin: () => string) {
  const bot = new Hono()
  bot.post('/webhook', async (c) => {
    const body = await c.req.text()
    if (!validateSignature(body, SECRET, c.req.header('x-line-signature') ?? ''))
      return c.text('bad', 401)
    for (const e of (JSON.parse(body) as { events: Event[] }).events) {
      if (!e.replyToken) continue
      if (e.type === 'message' && e.message?.text !== undefined) {
        await client().replyMessage({
          replyToken: e.replyToken,
          messages: [
            {
              type: 'text',
              text: `エコー: ${e.message.text}`,
            },
            {
              type: 'flex',
              altText: '図書館カード',
              // LINE shows quick replies only when they are on the last message.
              quickReply: {
                items: [
                  {
                    type: 'action',
                    action: { type: 'message', label: 'もう一度', text: 'もう一度' },
                  },
                ],
              },
              contents: {
                type: 'bubble',
                body: {
                  type: 'box',
                  layout: 'vertical',
                  contents: [
                    { type: 'text', text: '図書館カード', weight: 'bold' },
                    { type: 'text', text: '貸出中 3 冊', size: 'sm' },
                  ],
                },
                footer: {
                  type: 'box',
                  layout: 'vertical',
                  contents: [
                    {
                      type: 'button',
                      style: 'primary',
                      action: {
                        type: 'uri',
                        label: 'カードを開く',
                        uri: `https://liff.line.me/${LIFF_ID}/card`,
                      },
                    },
                  ],
                },
              },
            },
          ],
        })
      } else if (e.type === 'postback' && e.postback?.data === 'open=localhost') {
        // A page made for PUBLIC_URL=http://localhost while the simulator is at 127.0.0.1.
        const port = new URL(botOrigin()).port
        await client().replyMessage({
          replyToken: e.replyToken,
          messages: [
            {
              type: 'template',
              altText: '連携',
              template: {
                type: 'buttons',
                text: '連携ページ',
                actions: [
                  {
                    type: 'uri',
                    label: '連携ページを開く',
                    uri: `http://localhost:${port}/liff/link`,
                  },
                ],
              },
            },
          ],
        })
      } else if (e.type === 'postback' && e.postback) {
        await client().replyMessage({
          replyToken: e.replyToken,
          messages: [{ type: 'text', text: `postback: ${e.postback.data}` }],
        })
      }
    }
    return c.text('ok')
  })
  bot.get('/liff/*', (c) => {
    const url = new URL(c.req.url)
    return c.html(
      `<p id="liff-path">${url.pathname}</p><p id="liff-user">${url.searchParams.get('simUserId')}</p>`,
    )
  })
  return bot
}

describe('try-it page', () => {
  let browser: Browser
  let page: Page
  let simServer: Awaited<ReturnType<typeof listen>>
  let botServer: Awaited<ReturnType<typeof listen>>
  let t: ReturnType<typeof makeSimulator>

  beforeAll(async () => {
    let client: messagingApi.MessagingApiClient | undefined
    const bot = echoBot(
      () => client!,
      () => botServer.origin,
    )
    botServer = await listen(bot.fetch)
    t = makeSimulator({ deliver: undefined, liffApps: { [LIFF_ID]: `${botServer.origin}/liff/` } })
    simServer = await listen(t.sim.app.fetch)
    t.sim.setWebhookUrl(`${botServer.origin}/webhook`)
    client = new messagingApi.MessagingApiClient({
      channelAccessToken: TOKEN,
      baseURL: simServer.origin,
    })
    const blob = new messagingApi.MessagingApiBlobClient({
      channelAccessToken: TOKEN,
      baseURL: simServer.origin,
    })
    const { richMenuId } = await client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'echo',
      chatBarText: 'メニュー',
      areas: [
        {
          bounds: { x: 0, y: 0, width: 1250, height: 843 },
          action: { type: 'postback', label: '左', data: 'menu=left' },
        },
        {
          bounds: { x: 1250, y: 0, width: 1250, height: 843 },
          action: { type: 'postback', label: '右', data: 'menu=right' },
        },
      ],
    })
    await blob.setRichMenuImage(
      richMenuId,
      new Blob([(await png(2500, 843)).slice()], { type: 'image/png' }),
    )
    await client.setDefaultRichMenu(richMenuId)
    browser = await launchChromium()
    page = await browser.newPage()
    page.setDefaultTimeout(10_000)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await simServer?.close()
    await botServer?.close()
  })

  it('sends a message and shows the bot’s reply, with Flex drawn as HTML', async () => {
    await page.goto(`${simServer.origin}/simulator?user=${t.alice}`)
    await page.getByRole('button', { name: '友だち追加' }).click()
    await page.getByText('友だち追加しました').waitFor()
    await page.getByPlaceholder('メッセージを入力').fill('こんにちは')
    await page.getByRole('button', { name: '送信' }).click()
    await page.locator('.row.bot').getByText('エコー: こんにちは').waitFor()
    await page.locator('.fx-bubble').getByText('貸出中 3 冊').waitFor()
    expect(await page.locator('#messages').textContent()).not.toContain('"type"')
  })

  it('taps a quick reply, which sends its text', async () => {
    await page.locator('#quick-replies').getByRole('button', { name: 'もう一度' }).click()
    await page.locator('.row.bot').getByText('エコー: もう一度').waitFor()
    expect(
      t.sim.record.chat(t.alice).filter((e) => e.from === 'user' && e.via === 'message'),
    ).toHaveLength(2)
  })

  it('switching user clears the last user’s quick replies', async () => {
    await page.locator('#quick-replies').getByRole('button', { name: 'もう一度' }).waitFor()
    const other = await page
      .locator('#user-select option')
      .evaluateAll(
        (os, me) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v !== me),
        t.alice,
      )
    await page.locator('#user-select').selectOption(other!)
    await page.waitForTimeout(1000)
    expect(await page.locator('#quick-replies button').count()).toBe(0)
    await page.locator('#user-select').selectOption(t.alice)
    await page.locator('#quick-replies').getByRole('button', { name: 'もう一度' }).waitFor()
  })

  it('draws the rich menu and sends the tapped area’s postback', async () => {
    await page.locator('#richmenu img').waitFor()
    await page.locator('#richmenu').getByRole('button', { name: '右' }).click()
    await page.locator('.row.bot').getByText('postback: menu=right', { exact: true }).waitFor()
  })

  it('opens a LIFF URL in the side panel as the chosen user', async () => {
    await page.getByRole('button', { name: 'カードを開く' }).last().click()
    const frame = page.frameLocator('#liff-frame')
    await frame.locator('#liff-path').getByText('/liff/card').waitFor()
    expect(await frame.locator('#liff-user').textContent()).toBe(t.alice)
  })

  it('opens a localhost link in the panel when the simulator is at 127.0.0.1 (and says nothing odd)', async () => {
    expect(new URL(simServer.origin).hostname).toBe('127.0.0.1')
    await t.sim.users.postback(t.alice, 'open=localhost')
    await page.getByRole('button', { name: '連携ページを開く' }).last().click()
    const frame = page.frameLocator('#liff-frame')
    await frame.locator('#liff-path').getByText('/liff/link').waitFor()
    expect(new URL((await page.locator('#liff-frame').getAttribute('src')) ?? '').hostname).toBe(
      '127.0.0.1',
    )
    expect(page.context().pages()).toHaveLength(1)
  })
})
