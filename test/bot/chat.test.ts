import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko, TEST_NOW } from '../support/bunko.ts'
import { postEvents, say as sayAs, tap as tapAs } from './chat-driver.ts'
import { botTexts, linkPatron } from './link-flow.ts'

let b: Bunko
let linked: string
let stranger: string

beforeAll(async () => {
  b = await startBunko()
  linked = b.users[0]!.userId
  stranger = b.users[1]!.userId
  await b.sim.users.follow(linked)
  await b.sim.users.follow(stranger)
  await b.settled()
  await linkPatron(b, linked, '1000000001', 'hanako-0001')
})
afterAll(() => b.close())

const say = (userId: string, text: string) => sayAs(b, userId, text)

const tap = (userId: string, data: string) => tapAs(b, userId, data)

describe('NOTICE-NOREPLY: every message gets an answer', () => {
  it('カード gives a linked patron the card button, and an unlinked one the way to link', async () => {
    const mine = await say(linked, 'カード')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toContain('図書館カードを開く')
    expect(mine[0]).toContain('https://liff.line.me/')
    const theirs = await say(stranger, 'カード')
    expect(theirs[0]).toContain('アカウント連携')
    expect(theirs[0]).not.toContain('liff.line.me')
  })

  it('貸出 and 予約 open the loans page for a linked patron', async () => {
    expect((await say(linked, '貸出'))[0]).toContain('/loans')
    expect((await say(linked, '予約'))[0]).toMatch(/liff\.line\.me/)
  })

  it('電話 answers with every library and its number', async () => {
    const [list] = await say(stranger, '電話')
    expect(list).toContain('中央図書館')
    expect(list).toContain('050-7105-8141')
    expect(list).toContain('072-841-1103')
    expect(list).toContain('050-7105-8114')
  })

  it('a lost card: phone the library now, with its number, whether linked or not', async () => {
    for (const user of [linked, stranger]) {
      const [reply] = await say(user, '図書館カードをなくしました')
      expect(reply).toContain('すぐに中央図書館（050-7105-8141）へお電話ください')
      expect(reply).not.toContain('liff.line.me')
    }
  })

  it('連携解除 from someone not linked (an old button tapped again) says there is nothing linked', async () => {
    const [reply] = await say(stranger, '連携解除')
    expect(reply).toContain('まだ図書館のアカウントと連携されていません')
  })

  it('連携 starts linking for an unlinked user', async () => {
    const [reply] = await say(stranger, '連携')
    expect(reply).toContain('/link?linkToken=')
  })

  it('anything else gets a short help with quick replies, in English for English users', async () => {
    const [help] = await say(stranger, 'こんにちは、本を探しています')
    expect(help).toContain('quickReply')
    const english = b.users.find((u) => u.language === 'en')!
    await b.sim.users.follow(english.userId)
    await b.settled()
    const [en] = await say(english.userId, 'hello there')
    expect(en).toContain('quickReply')
    expect(en).toMatch(/[A-Za-z]{4,}/)
    expect(en).not.toMatch(/[ぁ-ん]/)
  })

  it('rich-menu postbacks: help, phones, card for a linked patron; unknown data gets help', async () => {
    expect((await tap(linked, 'action=help'))[0]).toContain('quickReply')
    expect((await tap(linked, 'action=phones'))[0]).toContain('050-7105-8141')
    expect((await tap(linked, 'action=card'))[0]).toContain('図書館カード')
    expect((await tap(stranger, 'something=else'))[0]).toContain('quickReply')
  })
})

describe('webhook events', () => {
  it('unfollow marks the patron unreachable; follow again welcomes them back with menu B', async () => {
    await b.sim.users.unfollow(linked)
    await b.settled()
    const row = async () =>
      (await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, linked)))[0]
    expect((await row())?.followed).toBe(false)
    const before = b.sim.record.botMessages(linked).length
    await b.sim.users.follow(linked)
    await b.settled()
    expect((await row())?.followed).toBe(true)
    expect(botTexts(b, linked, before)[0]).toContain('おかえりなさい')
    expect((await b.line.client.getRichMenuIdOfUser(linked)).richMenuId).toBe(b.menus.menuB)
  })

  it('a redelivered event is handled once', async () => {
    const before = b.sim.record.botMessages(stranger).length
    const { event } = await b.sim.users.sendText(stranger, 'ヘルプ')
    await b.settled()
    const res = await postEvents(b, [{ ...event, deliveryContext: { isRedelivery: true } }])
    expect(res.status).toBe(200)
    await b.settled()
    expect(b.sim.record.botMessages(stranger).length).toBe(before + 1)
  })

  it('two deliveries of one event racing each other, and one id twice in a request: handled once', async () => {
    const before = b.sim.record.botMessages(stranger).length
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      webhookEventId: '01RACINGEVENT000000000000000',
      deliveryContext: { isRedelivery: false },
      source: { type: 'user', userId: stranger },
      message: { type: 'text', id: '1', quoteToken: 'q', text: 'ヘルプ' },
    }
    const answers = await Promise.all([0, 1].map(() => postEvents(b, [event, event])))
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    await b.settled()
    expect(b.sim.record.botMessages(stranger).length).toBe(before + 1)
  })

  it('standby events are left alone', async () => {
    const before = b.sim.record.calls().length
    await postEvents(b, [
      {
        type: 'message',
        mode: 'standby',
        timestamp: Date.now(),
        webhookEventId: '01STANDBYEVENT0000000000000',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: stranger },
        message: { type: 'text', id: '1', quoteToken: 'q', text: 'ヘルプ' },
      },
    ])
    await b.settled()
    expect(b.sim.record.calls().length).toBe(before)
  })

  /** A signed request with `junk` before one good ヘルプ message (pushed: it has no reply token). */
  async function postWithJunk(junk: unknown[], id: string): Promise<Response> {
    const good = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      webhookEventId: id,
      deliveryContext: { isRedelivery: false },
      source: { type: 'user', userId: stranger },
      message: { type: 'text', id: '1', quoteToken: 'q', text: 'ヘルプ' },
    }
    return postEvents(b, [...junk, good])
  }

  it('a signed request with a null event skips it and still handles the rest', async () => {
    const before = b.sim.record.botMessages(stranger).length
    const res = await postWithJunk([null, 42, 'x', [], {}], '01NULLEVENT000000000000000')
    expect(res.status).toBe(200)
    await b.settled()
    expect(b.sim.record.botMessages(stranger).length).toBe(before + 1)
    expect(b.log.lines.join('\n')).not.toContain('webhook.handle_failed')
  })

  it('webhook fuzz: any JSON before a good event never costs that event (property)', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), async (junk) => {
        const before = b.sim.record.botMessages(stranger).length
        n++
        const res = await postWithJunk(junk, `01FUZZ${String(n).padStart(20, '0')}`)
        expect(res.status).toBe(200)
        await b.settled()
        expect(b.sim.record.botMessages(stranger).length).toBe(before + 1)
      }),
      { numRuns: 25 },
    )
    expect(b.log.lines.join('\n')).not.toContain('webhook.handle_failed')
  })

  it('a forged webhook is refused with 401 and nothing is sent', async () => {
    const before = b.sim.record.calls().length
    const res = await postEvents(b, [{ type: 'follow' }], 'not-the-secret')
    expect(res.status).toBe(401)
    await b.settled()
    expect(b.sim.record.calls().length).toBe(before)
  })
})

describe('SVC-MAINT: during maintenance every answer says when service is back', () => {
  it('answers text with the maintenance notice and the time it ends; the link page says so too', async () => {
    b.setNow(jstInstant('2026-11-26', '03:20'))
    try {
      const [reply] = await say(stranger, 'カード')
      expect(reply).toContain('メンテナンス')
      expect(reply).toContain('04:00')
      const page = await fetch(`${b.origin}/link?linkToken=abcdefghijkl&state=x`)
      expect(page.status).toBe(503)
      expect(await page.text()).toContain('メンテナンス')
      // A linked patron who blocks and unblocks during maintenance can still be reached.
      await b.sim.users.unfollow(linked)
      await b.sim.users.follow(linked)
      await b.settled()
      const [row] = await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, linked))
      expect(row?.followed).toBe(true)
    } finally {
      b.setNow(TEST_NOW)
    }
  })
})
