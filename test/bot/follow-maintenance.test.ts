/**
 * SVC-MAINT and the follow event, end to end through the LINE simulator: a friend added during
 * the maintenance window is welcomed at once, by reply, with the link button and when linking
 * works; the welcome is never pushed again when the window ends, blocked or not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tick } from '../../bot/notices/index.ts'
import { jstInstant } from '../../core/dates.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { postEvents } from './chat-driver.ts'
import { botTexts, linkPatron, requestLinkPage } from './link-flow.ts'

const IN_WINDOW = jstInstant('2026-11-26', '03:20')
const AFTER_WINDOW = jstInstant('2026-11-26', '04:00')
const WELCOME = '友だち追加ありがとうございます'

let b: Bunko
let stranger: string
beforeEach(async () => {
  b = await startBunko()
  stranger = b.users[1]!.userId
})
afterEach(() => b.close())

const deps = () => ({
  db: b.db,
  library: b.library,
  line: b.line,
  clock: b.clock,
  config: b.config,
  log: b.log,
})

/** Follow (or unfollow) as `userId` and wait until the bot has handled it. */
async function act(userId: string, what: 'follow' | 'unfollow'): Promise<void> {
  await b.sim.users[what](userId)
  await b.settled()
}

/** The window ends and the notice machinery runs, as the scheduler or cron would. */
async function windowEnds(): Promise<void> {
  b.setNow(AFTER_WINDOW)
  await tick(deps())
  await b.settled()
}

describe('SVC-MAINT: a follow during maintenance', () => {
  it('is welcomed once, at once, with the link button and when linking works; nothing follows at 04:00', async () => {
    b.setNow(IN_WINDOW)
    await act(stranger, 'follow')
    const got = b.sim.record.botMessages(stranger)
    expect(got.map((e) => e.via)).toEqual(['reply'])
    const [welcome] = botTexts(b, stranger)
    expect(welcome).toContain(WELCOME)
    expect(welcome).toContain('action=link')
    expect(welcome).toContain('メンテナンス中')
    expect(welcome).toContain(
      'アカウント連携は、2026年11月26日(木) 04:00ごろからご利用いただけます',
    )
    // The button answers with the maintenance notice in the window, and starts linking after.
    const before = got.length
    await b.sim.users.postback(stranger, 'action=link')
    await b.settled()
    expect(botTexts(b, stranger, before)).toHaveLength(1)
    expect(botTexts(b, stranger, before)[0]).toContain('04:00ごろに再開')
    await windowEnds()
    expect(b.sim.record.botMessages(stranger)).toHaveLength(before + 1)
    await requestLinkPage(b, stranger)
  })

  it('is answered in English for an English LINE user', async () => {
    const english = b.users.find((u) => u.language === 'en')!.userId
    b.setNow(IN_WINDOW)
    await act(english, 'follow')
    const texts = botTexts(b, english)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('thank you for adding us')
    expect(texts[0]).toContain('Linking your account will be available from about')
    expect(texts[0]).not.toMatch(/[ぁ-ん]/)
  })

  it('follow, unfollow and follow again: one welcome per follow, none pushed when the window ends', async () => {
    b.setNow(IN_WINDOW)
    await act(stranger, 'follow')
    await act(stranger, 'unfollow')
    await act(stranger, 'follow')
    const welcomes = () => b.sim.record.botMessages(stranger)
    expect(welcomes().map((e) => e.via)).toEqual(['reply', 'reply'])
    expect(botTexts(b, stranger).every((t) => t.includes(WELCOME))).toBe(true)
    await windowEnds()
    expect(welcomes()).toHaveLength(2)
  })

  it('a redelivered follow is welcomed once', async () => {
    b.setNow(IN_WINDOW)
    const { event } = await b.sim.users.follow(stranger)
    await b.settled()
    const res = await postEvents(b, [{ ...event, deliveryContext: { isRedelivery: true } }])
    expect(res.status).toBe(200)
    await b.settled()
    expect(botTexts(b, stranger)).toHaveLength(1)
    expect(botTexts(b, stranger)[0]).toContain(WELCOME)
  })

  it('a friend who blocks the account in the window is not pushed the welcome afterwards', async () => {
    b.setNow(IN_WINDOW)
    await act(stranger, 'follow')
    await act(stranger, 'unfollow')
    await windowEnds()
    expect(b.sim.record.botMessages(stranger).map((e) => e.via)).toEqual(['reply'])
    expect(botTexts(b, stranger)[0]).toContain(WELCOME)
  })

  it('a linked patron who comes back is welcomed back with menu B, told the card waits for 04:00', async () => {
    const linked = b.users[0]!.userId
    await act(linked, 'follow')
    await linkPatron(b, linked, '1000000001', 'hanako-0001')
    b.setNow(IN_WINDOW)
    await act(linked, 'unfollow')
    // Whatever menu LINE kept for them, the welcome back gives menu B again.
    b.sim.state.userRichMenus.delete(linked)
    const before = b.sim.record.botMessages(linked).length
    await act(linked, 'follow')
    const texts = botTexts(b, linked, before)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('おかえりなさい')
    expect(texts[0]).toContain(
      '図書館カードの表示や貸出・予約の確認は、2026年11月26日(木) 04:00ごろから',
    )
    expect(texts[0]).not.toContain('すぐに')
    expect((await b.line.client.getRichMenuIdOfUser(linked)).richMenuId).toBe(b.menus.menuB)
  })

  it('an event bunko does not answer gets no maintenance notice either', async () => {
    await act(stranger, 'follow')
    b.setNow(IN_WINDOW)
    const before = b.sim.record.botMessages(stranger).length
    const replies = b.sim.record.calls({ path: '/v2/bot/message/reply' }).length
    const res = await postEvents(b, [
      {
        type: 'videoPlayComplete',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: '01VIDEOPLAYCOMPLETE000000000',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: stranger },
        replyToken: 'a'.repeat(32),
        videoPlayComplete: { trackingId: 'intro' },
      },
    ])
    expect(res.status).toBe(200)
    await b.settled()
    expect(b.sim.record.calls({ path: '/v2/bot/message/reply' })).toHaveLength(replies)
    expect(b.sim.record.botMessages(stranger)).toHaveLength(before)
  })
})
